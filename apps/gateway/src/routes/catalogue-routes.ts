import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  type Type,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  OmitType,
  PickType,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { isPermission, Permission, Public } from '@prosmed/auth';
import {
  ATTACHMENT_MAX_BYTES,
  formatBytes,
  pathFieldsOf,
  type AnyMessageDef,
  type HttpMethod,
} from '@prosmed/contracts';
import { ApiErrors } from '../errors/api-errors.decorator';
import { API_V1 } from '../http/paths';
import type { GatewayRequest } from '../http/request';
import { UploadBodyGuard, type UploadRequest } from '../http/upload';
import { RouteForwarder } from './route-forwarder';
import { compareSpecificity } from './route-order';

const METHOD_DECORATORS: Record<HttpMethod, (path: string) => MethodDecorator> = {
  GET: Get,
  POST: Post,
  PUT: Put,
  PATCH: Patch,
  DELETE: Delete,
};

/** The public prefix of routes anyone may call (the check of a printed PV). */
export const PUBLIC_PREFIX = 'api/public';

/** Swagger model names must be unique: `CaseIdDto` picked for a path is not `CaseIdDto` itself. */
function named<T extends Type>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

function propertiesOf(cls: Type): string[] {
  const props = (Reflect.getMetadata('swagger/apiModelPropertiesArray', cls.prototype) ?? []) as string[];
  return props.map((p) => p.replace(/^:/, ''));
}

/** An upload route's binding must be one the gateway can serve: checked when the route is built. */
function assertUploadBinding(def: AnyMessageDef): void {
  const upload = def.http!.upload!;
  if (def.http!.method !== 'POST' && def.http!.method !== 'PUT') {
    throw new Error(`${def.id}: an upload route is POST or PUT`);
  }
  if (!Number.isInteger(upload.maxBytes) || upload.maxBytes < 1 || upload.maxBytes > ATTACHMENT_MAX_BYTES) {
    throw new Error(`${def.id}: upload.maxBytes must be an integer in 1..${ATTACHMENT_MAX_BYTES}`);
  }
  const props = propertiesOf(def.request as Type);
  if (!props.includes('fileName') || !props.includes('content')) {
    throw new Error(`${def.id}: the request class of an upload route extends FileUploadDto`);
  }
}

/**
 * The HTTP route of one catalogue entry, as a Nest controller built at start-up: the same decorators a
 * hand-written controller would wear (permission, Swagger operation, documented errors, status), the
 * path fields validated by the request class picked to them and the body (or query string) by the rest
 * of it, then one Kafka request with the merged object. Nothing is written per route.
 */
export function controllerFor(def: AnyMessageDef): Type {
  const http = def.http;
  if (!http) throw new Error(`${def.id} has no HTTP binding`);
  if (def.permission !== 'public' && !isPermission(def.permission)) {
    throw new Error(`${def.id}: unknown permission ${def.permission}`);
  }
  const pathFields = pathFieldsOf(http.path);
  const upload = http.upload;
  if (upload) assertUploadBinding(def);
  // An upload's `content` is the raw body: the other fields come from the path and the query string.
  const outsidePath = upload ? [...pathFields, 'content'] : pathFields;
  const base = def.request.name.replace(/Dto$/, '');
  const ParamsType = pathFields.length
    ? named(PickType(def.request as Type, pathFields as never[]), `${base}Params`)
    : undefined;
  const rest = outsidePath.length
    ? OmitType(def.request as Type, outsidePath as never[])
    : (def.request as Type);
  const hasRest = propertiesOf(rest).length > 0;
  const readsBody = http.method !== 'GET' && http.method !== 'DELETE';
  const readsJson = readsBody && !upload;
  const RestType = hasRest
    ? outsidePath.length
      ? named(rest, `${base}${readsJson ? 'Body' : 'Query'}`)
      : rest
    : undefined;
  const status = http.status ?? 200;

  @Controller(def.permission === 'public' ? PUBLIC_PREFIX : API_V1)
  class CatalogueRoute {
    constructor(@Inject(RouteForwarder) private readonly forwarder: RouteForwarder) {}

    handle(
      params: object | undefined,
      rest: object | undefined,
      req: GatewayRequest,
      res: Response,
    ): Promise<unknown> {
      const file = upload ? { content: (req as UploadRequest).upload!.toString('base64') } : {};
      return this.forwarder.forward(def, { ...(rest ?? {}), ...(params ?? {}), ...file }, req, res);
    }
  }
  named(CatalogueRoute, `Route_${def.id.replace(/[^A-Za-z0-9]/g, '_')}`);

  const proto = CatalogueRoute.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(proto, 'handle')!;
  // The parameter types the validation pipe and Swagger read, as the compiler would have emitted them.
  Reflect.defineMetadata(
    'design:paramtypes',
    [ParamsType ?? Object, RestType ?? Object, Object, Object],
    proto,
    'handle',
  );
  if (ParamsType) Param()(proto, 'handle', 0);
  if (RestType) (readsJson ? Body() : Query())(proto, 'handle', 1);
  Req()(proto, 'handle', 2);
  Res({ passthrough: true })(proto, 'handle', 3);

  const example = http.example as Record<string, unknown>;
  const bodyExample = Object.fromEntries(Object.entries(example).filter(([k]) => !pathFields.includes(k)));
  const decorators: MethodDecorator[] = [
    METHOD_DECORATORS[http.method](http.path),
    HttpCode(status),
    def.permission === 'public' ? Public() : Permission(def.permission as never),
    // After the permission's guards: a caller who may not upload is refused before the file is read.
    ...(upload ? [UseGuards(new UploadBodyGuard(upload.maxBytes))] : []),
    ApiTags(http.tag),
    ApiOperation({
      operationId: def.id,
      summary: http.summary,
      description: [http.description, `Message \`${def.id}\`.`].filter(Boolean).join('\n\n'),
    }),
    ApiErrors(
      [
        ...def.errors,
        ...(ParamsType || RestType || upload ? (['VALIDATION_FAILED'] as const) : []),
        ...(upload ? (['PAYLOAD_TOO_LARGE', 'UPLOAD_ENCODING_UNSUPPORTED'] as const) : []),
      ],
      { body: readsJson, idempotent: readsBody },
    ),
  ];
  if (upload) {
    decorators.push(
      ApiConsumes('application/octet-stream'),
      ApiBody({
        required: true,
        description:
          `Le fichier lui-même, brut (pas de JSON ni de formulaire), avec son type (\`image/jpeg\`, ` +
          `\`application/pdf\`, ou \`application/octet-stream\`) ; au plus ${formatBytes(upload.maxBytes)} ` +
          `(413 au-delà). Son nom va dans \`fileName\`. Le service vérifie le type d’après le contenu, pas ` +
          `d’après le nom, et retire des photos leurs métadonnées (position GPS). Exemple : ` +
          `\`curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg' '…?fileName=photo.jpg'\`.`,
        schema: { type: 'string', format: 'binary' },
      }),
    );
  } else if (RestType && readsBody) {
    decorators.push(
      ApiBody({ type: RestType, examples: { exemple: { summary: 'Exemple valide', value: bodyExample } } }),
    );
  }
  if (http.render === 'file') {
    decorators.push(
      ApiResponse({
        status,
        description:
          'Le fichier, à télécharger (`Content-Disposition: attachment`, jamais mis en cache) ; son type ' +
          'est dans `Content-Type` (`application/pdf` pour un PV, celui reconnu au dépôt pour une pièce jointe).',
        content: { '*/*': { schema: { type: 'string', format: 'binary' } } },
      }),
    );
  } else if (def.response) {
    const type = Array.isArray(def.response) ? [def.response[0]] : def.response;
    decorators.push(
      ApiResponse({
        status,
        type: type as Type | [Type],
        description: http.location ? 'Créé ; `Location` le nomme' : 'Réponse',
      }),
    );
    if (http.render === 'html-or-json') decorators.push(ApiProduces('application/json', 'text/html'));
  }
  for (const d of decorators) d(proto, 'handle', descriptor);
  Object.defineProperty(proto, 'handle', descriptor);
  return CatalogueRoute;
}

/** The controllers of every catalogue entry that has a route, the most specific paths first. */
export function catalogueControllers(catalogue: readonly AnyMessageDef[]): Type[] {
  return catalogue
    .filter((d) => d.http)
    .sort((a, b) => compareSpecificity(a.http!.path, b.http!.path))
    .map(controllerFor);
}
