import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { ApiProperty, ApiPropertyOptional, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AuthGuard, PermissionGuard, TOKEN_VERIFIER } from '@prosmed/auth';
import {
  ATTACHMENT_MAX_BYTES,
  defineMessage,
  FileUploadDto,
  type AnyMessageDef,
  AttachmentDto,
  type FileReply,
} from '@prosmed/contracts';
import { JsonLogger } from '@prosmed/messaging';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { gatewayValidationPipe } from '../errors/validation';
import { jsonBodyMiddleware, jsonOnlyMiddleware } from '../http/body';
import { reenterRequestContext, requestContextMiddleware } from '../http/request-id';
import { exceptUploads, uploadRoutesOf } from '../http/upload';
import { GatewayKafka } from '../kafka/gateway-kafka';
import { GatewayMetrics } from '../metrics/metrics';
import { GATEWAY_LOGGER } from '../tokens';
import { controllerFor } from './catalogue-routes';
import { RouteForwarder } from './route-forwarder';

/** An upload message as a service declares one: the file, the owner in the path, a query field. */
class TestUploadDto extends FileUploadDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() activityId!: string;
  @ApiPropertyOptional({ enum: ['photo', 'liste'] })
  @IsOptional()
  @IsIn(['photo', 'liste'])
  category?: string;
}
class TestJsonDto {
  @ApiProperty() @IsUUID() activityId!: string;
}
class TestFileDto {
  @ApiProperty() @IsUUID() attachmentId!: string;
}

const ID = '0b3a4c1e-8f7d-4b7e-9a55-0d6c1f2e3a4b';
/** The largest an upload route may take: a full-size file goes through. */
const UPLOAD_LIMIT = ATTACHMENT_MAX_BYTES;
const JSON_LIMIT = 1024;

const upload = defineMessage({
  service: 'security',
  name: 'test-attachment.add',
  version: 1,
  kind: 'command',
  request: TestUploadDto,
  response: AttachmentDto,
  errors: [],
  permission: 'ccs:write',
  key: (r) => r.activityId,
  http: {
    method: 'POST',
    path: 'test/activities/:activityId/attachments',
    status: 201,
    tag: 'Test',
    summary: 'Joindre un fichier',
    example: { activityId: ID, fileName: 'pv.pdf', content: 'JVBERi0=' },
    upload: { maxBytes: UPLOAD_LIMIT },
  },
});
const json = defineMessage({
  service: 'security',
  name: 'test-activity.touch',
  version: 1,
  kind: 'command',
  request: TestJsonDto,
  response: null as never,
  errors: [],
  permission: 'ccs:write',
  key: (r) => r.activityId,
  http: { method: 'POST', path: 'test/touch', tag: 'Test', summary: 'JSON', example: { activityId: ID } },
});
const download = defineMessage({
  service: 'security',
  name: 'test-attachment.content',
  version: 1,
  kind: 'query',
  request: TestFileDto,
  response: null,
  errors: [],
  permission: 'activity:read',
  http: {
    method: 'GET',
    path: 'test/attachments/:attachmentId/content',
    tag: 'Test',
    summary: 'Télécharger',
    example: { attachmentId: ID },
    render: 'file',
  },
});
const DEFS: AnyMessageDef[] = [upload, json, download];

/** Tokens are role names: the verifier of the test gives the caller that role. */
const verifier = {
  verify: (token: string) =>
    Promise.resolve({ identity: { sub: `sub-${token}`, username: token, roles: [token] }, claims: {} }),
};

const sent: { id: string; value: Record<string, unknown> }[] = [];
let nextFile: FileReply | undefined;
const kafka = {
  send: (def: AnyMessageDef, value: Record<string, unknown>) => {
    sent.push({ id: def.id, value });
    if (def.id === download.id) return Promise.resolve(nextFile);
    return Promise.resolve({ id: ID, fileName: value.fileName } as Partial<AttachmentDto>);
  },
};

let app: NestExpressApplication;
let base: string;

beforeAll(async () => {
  const logger = new JsonLogger({ service: 'gateway-test', level: 'error' });
  @Module({
    controllers: DEFS.map(controllerFor),
    providers: [
      { provide: TOKEN_VERIFIER, useValue: verifier },
      { provide: GatewayKafka, useValue: kafka },
      { provide: GATEWAY_LOGGER, useValue: logger },
      GatewayMetrics,
      RouteForwarder,
      AuthGuard,
      PermissionGuard,
    ],
  })
  class TestModule {}
  app = await NestFactory.create<NestExpressApplication>(TestModule, new ExpressAdapter(), {
    logger: false,
    bodyParser: false,
    abortOnError: false,
  });
  // As in createGatewayApp.
  const uploads = uploadRoutesOf(DEFS);
  app.use(requestContextMiddleware);
  app.use(exceptUploads(uploads, jsonOnlyMiddleware));
  app.use(exceptUploads(uploads, jsonBodyMiddleware(JSON_LIMIT)));
  app.use(reenterRequestContext);
  app.useGlobalPipes(gatewayValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(logger, { bodyLimitBytes: JSON_LIMIT }));
  await app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
});

afterAll(() => app?.close());
beforeEach(() => {
  sent.length = 0;
});

const uploadUrl = (query = '?fileName=pv.pdf') => `${base}/api/v1/test/activities/${ID}/attachments${query}`;
const post = (
  url: string,
  body: Buffer | string | undefined,
  role: string | null,
  type = 'application/pdf',
) =>
  fetch(url, {
    method: 'POST',
    headers: {
      ...(role ? { authorization: `Bearer ${role}` } : {}),
      ...(body ? { 'content-type': type } : {}),
    },
    body,
  });
const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x41)]);

describe('an upload route (http.upload)', () => {
  it('forwards the raw body as base64 content with the path and query fields', async () => {
    const file = pdf(UPLOAD_LIMIT);
    const r = await post(uploadUrl('?fileName=%20Proc%C3%A8s-verbal.pdf&category=liste'), file, 'admin');
    expect(r.status).toBe(201);
    expect(sent).toHaveLength(1);
    expect(sent[0].id).toBe(upload.id);
    const { content, ...rest } = sent[0].value;
    expect(rest).toEqual({ activityId: ID, fileName: 'Procès-verbal.pdf', category: 'liste' });
    expect(Buffer.from(content as string, 'base64').equals(file)).toBe(true);
  });

  it('takes any content type, octet-stream included', async () => {
    for (const type of ['image/jpeg', 'application/octet-stream', 'text/csv', 'application/json']) {
      const r = await post(uploadUrl(), Buffer.from('nom;présent\n'), 'admin', type);
      expect({ type, status: r.status }).toEqual({ type, status: 201 });
    }
  });

  it('refuses a body over the route limit with 413 and the limit in French', async () => {
    const r = await post(uploadUrl(), pdf(UPLOAD_LIMIT + 1), 'admin');
    expect(r.status).toBe(413);
    const body = (await r.json()) as { code: string; message: string };
    expect(body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.message).toBe('Le corps de la requête dépasse la taille maximale (5 Mio).');
    expect(sent).toHaveLength(0);
  });

  it('reads a gzip body (the limit counts its inflated bytes), and refuses an encoding it cannot read', async () => {
    const file = pdf(1000);
    const gz = await fetch(uploadUrl(), {
      method: 'POST',
      headers: {
        authorization: 'Bearer admin',
        'content-type': 'application/pdf',
        'content-encoding': 'gzip',
      },
      body: gzipSync(file),
    });
    expect(gz.status).toBe(201);
    expect(Buffer.from(sent[0].value.content as string, 'base64').equals(file)).toBe(true);
    const bomb = await fetch(uploadUrl(), {
      method: 'POST',
      headers: {
        authorization: 'Bearer admin',
        'content-type': 'application/pdf',
        'content-encoding': 'gzip',
      },
      body: gzipSync(pdf(UPLOAD_LIMIT + 1)),
    });
    expect(bomb.status).toBe(413);
    const compress = await fetch(uploadUrl(), {
      method: 'POST',
      headers: {
        authorization: 'Bearer admin',
        'content-type': 'application/pdf',
        'content-encoding': 'compress',
      },
      body: file,
    });
    expect(compress.status).toBe(415);
    expect(await compress.json()).toMatchObject({
      code: 'UPLOAD_ENCODING_UNSUPPORTED',
      message:
        "Le fichier est envoyé avec un Content-Encoding que l'API ne lit pas (compress) : envoyez-le tel quel (ou en gzip).",
    });
    for (const encoding of ['gzip', 'br', 'deflate']) {
      // Said to be compressed, but is not: a 400, never a 500.
      const broken = await fetch(uploadUrl(), {
        method: 'POST',
        headers: {
          authorization: 'Bearer admin',
          'content-type': 'application/pdf',
          'content-encoding': encoding,
        },
        body: file,
      });
      expect({ encoding, status: broken.status }).toEqual({ encoding, status: 400 });
      expect(await broken.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ field: 'content', code: 'compressedBodyUnreadable' }],
      });
    }
    expect(sent).toHaveLength(1);
  });

  it('refuses an empty body, and a missing or unsafe fileName, with 400 VALIDATION_FAILED', async () => {
    const empty = await post(uploadUrl(), undefined, 'admin');
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'content' }] });
    const noName = await post(uploadUrl(''), pdf(100), 'admin');
    expect(noName.status).toBe(400);
    const body = (await noName.json()) as { code: string; details: { field: string }[] };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((d) => d.field)).toContain('fileName');
    const unsafe = await post(uploadUrl('?fileName=..%2F..%2Fetc%2Fpasswd'), pdf(100), 'admin');
    expect(unsafe.status).toBe(400);
    const unknown = await post(uploadUrl('?fileName=a.pdf&content=abcd'), pdf(100), 'admin');
    expect(unknown.status).toBe(400);
    expect(sent).toHaveLength(0);
  });

  it('answers an empty JSON body (the authorisation matrix) with 400 VALIDATION_FAILED', async () => {
    const r = await post(uploadUrl(''), '{}', 'admin', 'application/json');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
  });

  it('checks the token and the permission before reading the body', async () => {
    // Over the limit: a 413 would mean the body was read first.
    const denied = await post(uploadUrl(), pdf(UPLOAD_LIMIT + 1), 'steering-committee');
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { code: string }).code).toBe('FORBIDDEN_ROLE');
    const anonymous = await post(uploadUrl(), pdf(UPLOAD_LIMIT + 1), null);
    expect(anonymous.status).toBe(401);
    expect(sent).toHaveLength(0);
  });

  it('leaves JSON routes as they were: JSON only, with the global limit', async () => {
    const ok = await post(
      `${base}/api/v1/test/touch`,
      JSON.stringify({ activityId: ID }),
      'admin',
      'application/json',
    );
    expect(ok.status).toBe(200);
    const octets = await post(`${base}/api/v1/test/touch`, pdf(100), 'admin', 'application/octet-stream');
    expect(octets.status).toBe(415);
    const big = JSON.stringify({ activityId: ID, pad: 'x'.repeat(JSON_LIMIT) });
    const tooBig = await post(`${base}/api/v1/test/touch`, big, 'admin', 'application/json');
    expect(tooBig.status).toBe(413);
  });
});

describe('a file download (render: file)', () => {
  it('sends 5 MiB as an attachment with a safe name, nosniff and no caching', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024, 7);
    nextFile = {
      base64: bytes.toString('base64'),
      filename: 'Liste "présence"\r\n.pdf',
      contentType: 'application/pdf',
    };
    const r = await fetch(`${base}/api/v1/test/attachments/${ID}/content`, {
      headers: { authorization: 'Bearer admin' },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="Liste _pr_sence___.pdf"; filename*=UTF-8''Liste%20%22pr%C3%A9sence%22%0D%0A.pdf`,
    );
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(Buffer.from(await r.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('the OpenAPI operation of an upload route', () => {
  it('has an octet-stream body (a file picker in Swagger UI) and the fileName query parameter', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const op = doc.paths['/api/v1/test/activities/{activityId}/attachments'].post!;
    const requestBody = op.requestBody as {
      required: boolean;
      description: string;
      content: Record<string, unknown>;
    };
    expect(requestBody.required).toBe(true);
    expect(requestBody.content).toEqual({
      'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
    });
    expect(requestBody.description).toContain('au plus 5 Mio');
    const params = (op.parameters ?? []) as {
      name: string;
      in: string;
      required?: boolean;
      description?: string;
    }[];
    expect(
      params
        .filter((p) => p.in !== 'header')
        .map((p) => `${p.in}:${p.name}:${p.required ?? false}`)
        .sort(),
    ).toEqual(['path:activityId:true', 'query:category:false', 'query:fileName:true'].sort());
    expect(params.find((p) => p.name === 'fileName')?.description).toMatch(/^Nom du fichier/);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '400', '413']));
    // 415 only for a Content-Encoding it cannot read, never "only JSON".
    const unsupported = (op.responses['415'] as { description: string }).description;
    expect(unsupported).toContain('UPLOAD_ENCODING_UNSUPPORTED');
    expect(unsupported).not.toContain('UNSUPPORTED_MEDIA_TYPE');
  });
});
