import { PERMISSION_EXTENSION } from '@prosmed/auth';

/** The subset of JSON Schema (OpenAPI 3.0 flavour) the gateway's document uses. */
export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
  $ref?: string;
}

export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

export interface FuzzOperation {
  /** `POST /api/v1/cases`: the route's name in every report and in known-findings.ts. */
  key: string;
  method: string;
  path: string;
  pathParams: ParamSpec[];
  queryParams: ParamSpec[];
  headerParams: ParamSpec[];
  body?: { schema: Schema; required: boolean };
  /** Undefined for a public route. */
  permission?: string;
  /** The roles the document says hold the permission. */
  roles: string[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, Schema> };
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Inlines `$ref`s and merges a lone `allOf` (how Nest's Swagger writes a nested DTO), bounded depth. */
export function resolveSchema(doc: OpenApiDoc, schema: Schema | undefined, depth = 0): Schema {
  if (!schema) return {};
  if (depth > 20) return {};
  let s = schema;
  if (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved ${s.$ref}`);
    const rest: Schema = { ...s };
    delete rest.$ref;
    s = { ...target, ...rest };
  }
  if (s.allOf && s.allOf.length > 0) {
    const merged: Schema = { ...s };
    delete merged.allOf;
    for (const part of s.allOf) Object.assign(merged, resolveSchema(doc, part, depth + 1));
    // `nullable` written next to the allOf belongs to the field, not to the referenced DTO.
    if (s.nullable) merged.nullable = true;
    s = merged;
  }
  const out: Schema = { ...s };
  if (s.properties) {
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]),
    );
  }
  if (s.items) out.items = resolveSchema(doc, s.items, depth + 1);
  return out;
}

/** Every operation of the document (the Swagger UI's own routes are not in it). */
export function operationsOf(doc: OpenApiDoc): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [m, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.has(m)) continue;
      const op = raw as {
        parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
        requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
      } & Record<string, unknown>;
      const params = (op.parameters ?? []).map((p): ParamSpec => ({
        name: p.name,
        in: p.in as ParamSpec['in'],
        required: p.required ?? p.in === 'path',
        schema: resolveSchema(doc, p.schema),
      }));
      const json = op.requestBody?.content?.['application/json']?.schema;
      const ext = op[PERMISSION_EXTENSION] as { permission?: string; roles?: string[] } | undefined;
      ops.push({
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        body: json
          ? { schema: resolveSchema(doc, json), required: op.requestBody?.required ?? false }
          : undefined,
        permission: ext?.permission,
        roles: ext?.roles ?? [],
      });
    }
  }
  return ops.sort((a, b) => a.key.localeCompare(b.key));
}

/** The error codes the document promises (`ErrorBodyDto.code`'s enum); empty when it lists none. */
export function documentedErrorCodes(doc: OpenApiDoc): Set<string> {
  const codes = doc.components?.schemas?.ErrorBodyDto?.properties?.code?.enum ?? [];
  return new Set(codes.map(String));
}

/** A schema that says nothing about the JSON type: Swagger writes `string | null` as `type: object`. */
export function isUntyped(s: Schema): boolean {
  return (
    s.type === undefined || (s.type === 'object' && !s.properties && !s.additionalProperties && !s.items)
  );
}
