import { isUntyped, type ParamSpec, type Schema } from './openapi-model';

/**
 * Why a request is invalid according to the document, as a list of `path: reason`. Empty means "valid as
 * far as the document can tell" (the service may still refuse it on a business rule, and that is fine).
 * The fuzzer's "invalid is refused" oracle rests on this, so it only says invalid when the document is
 * unambiguous: a field Swagger wrote without a real type (`string | null` comes out as `type: object`)
 * accepts anything here.
 */
export function schemaViolations(schema: Schema, value: unknown, path = '$'): string[] {
  const out: string[] = [];
  check(schema, value, path, out);
  return out;
}

/** Above 2^53 a JSON number is no longer an exact integer: no field of this API means such a number. */
export const ABSURD_NUMBER = Number.MAX_SAFE_INTEGER;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function check(s: Schema, v: unknown, path: string, out: string[]): void {
  if (v === null) {
    if (!s.nullable && !isUntyped(s)) out.push(`${path}: null where ${s.type ?? 'a value'} is expected`);
    return;
  }
  if (s.enum && !s.enum.includes(v)) {
    out.push(`${path}: ${short(v)} not in enum`);
    return;
  }
  if (isUntyped(s)) return;
  const t = typeOf(v);
  switch (s.type) {
    case 'string':
      if (t !== 'string') return void out.push(`${path}: ${t} where string is expected`);
      checkString(s, v as string, path, out);
      return;
    case 'number':
    case 'integer':
      if (t !== 'number') return void out.push(`${path}: ${t} where number is expected`);
      checkNumber(s, v as number, path, out);
      return;
    case 'boolean':
      if (t !== 'boolean') out.push(`${path}: ${t} where boolean is expected`);
      return;
    case 'array': {
      if (t !== 'array') return void out.push(`${path}: ${t} where array is expected`);
      const a = v as unknown[];
      if (s.minItems !== undefined && a.length < s.minItems) out.push(`${path}: ${a.length} < minItems`);
      if (s.maxItems !== undefined && a.length > s.maxItems) out.push(`${path}: ${a.length} > maxItems`);
      if (s.items) a.forEach((x, i) => check(s.items!, x, `${path}[${i}]`, out));
      return;
    }
    case 'object': {
      if (t !== 'object') return void out.push(`${path}: ${t} where object is expected`);
      const o = v as Record<string, unknown>;
      const props = s.properties ?? {};
      for (const r of s.required ?? []) {
        if (!Object.prototype.hasOwnProperty.call(o, r)) out.push(`${path}.${r}: required, missing`);
      }
      for (const k of Object.keys(o)) {
        const p = Object.prototype.hasOwnProperty.call(props, k) ? props[k] : undefined;
        if (p) check(p, o[k], `${path}.${k}`, out);
        // The gateway refuses unknown fields (forbidNonWhitelisted) unless the document allows them.
        else if (s.additionalProperties === undefined || s.additionalProperties === false) {
          out.push(`${path}.${k}: unknown field`);
        } else if (typeof s.additionalProperties === 'object') check(s.additionalProperties, o[k], path, out);
      }
      return;
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkString(s: Schema, v: string, path: string, out: string[]): void {
  // Lengths in code points, as class-validator counts them.
  const n = [...v].length;
  if (s.minLength !== undefined && n < s.minLength) out.push(`${path}: length ${n} < ${s.minLength}`);
  if (s.maxLength !== undefined && n > s.maxLength) out.push(`${path}: length ${n} > ${s.maxLength}`);
  if (s.pattern !== undefined && !new RegExp(s.pattern).test(v)) out.push(`${path}: ${short(v)} !~ pattern`);
  if (s.format === 'uuid' && !UUID.test(v)) out.push(`${path}: ${short(v)} is not a uuid`);
}

function checkNumber(s: Schema, v: number, path: string, out: string[]): void {
  if (!Number.isFinite(v) || Math.abs(v) > ABSURD_NUMBER) {
    out.push(`${path}: absurd number ${v}`);
    return;
  }
  if (s.type === 'integer' && !Number.isInteger(v)) out.push(`${path}: ${v} is not an integer`);
  if (s.minimum !== undefined && v < s.minimum) out.push(`${path}: ${v} < ${s.minimum}`);
  if (s.maximum !== undefined && v > s.maximum) out.push(`${path}: ${v} > ${s.maximum}`);
}

function short(v: unknown): string {
  let t: string;
  try {
    t = JSON.stringify(v) ?? String(v);
  } catch {
    // 20,000 levels of nesting overflow JSON.stringify's recursion: say what it is instead.
    t = `<${typeOf(v)} too deep to print>`;
  }
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/**
 * Violations of a query string or of headers: values arrive as text, numbers are read as the gateway
 * reads them (`Number(text)`), a repeated scalar parameter is an array, an unknown parameter is refused.
 */
export function paramViolations(
  specs: ParamSpec[],
  values: [string, string][],
  where: 'query' | 'header' | 'path',
): string[] {
  const out: string[] = [];
  const grouped = new Map<string, string[]>();
  for (const [k, v] of values) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  for (const spec of specs) {
    const key = where === 'header' ? spec.name.toLowerCase() : spec.name;
    const got = grouped.get(key);
    grouped.delete(key);
    if (!got) {
      if (spec.required) out.push(`${where}.${spec.name}: required, missing`);
      continue;
    }
    if (got.length > 1 && spec.schema.type !== 'array') {
      out.push(`${where}.${spec.name}: repeated`);
      continue;
    }
    const text = got[0];
    const s = spec.schema;
    if (s.type === 'number' || s.type === 'integer') {
      const n = text.trim() === '' ? NaN : Number(text);
      if (Number.isNaN(n)) out.push(`${where}.${spec.name}: ${short(text)} is not a number`);
      else check(s, n, `${where}.${spec.name}`, out);
    } else if (s.type === 'boolean') {
      if (!['true', 'false'].includes(text)) out.push(`${where}.${spec.name}: not a boolean`);
    } else {
      check({ ...s, type: s.type ?? 'string' }, text, `${where}.${spec.name}`, out);
    }
  }
  // Headers the document does not list are the client's business; query parameters are validated.
  if (where === 'query') for (const k of grouped.keys()) out.push(`query.${k}: unknown parameter`);
  return out;
}
