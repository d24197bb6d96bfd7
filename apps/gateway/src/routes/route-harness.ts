import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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

/**
 * Catalogue routes served by the gateway's own code (routes, middlewares, guards, pipe, filter, as in
 * `createGatewayApp`) with Kafka replaced by a recorder: what the route forwards, and what it answers.
 * For the specs of the upload and file routes; no server but the one it starts.
 */
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

export const ID = '0b3a4c1e-8f7d-4b7e-9a55-0d6c1f2e3a4b';
/** The largest an upload route may take: a full-size file goes through. */
export const UPLOAD_LIMIT = ATTACHMENT_MAX_BYTES;
export const JSON_LIMIT = 1024;

export const upload = defineMessage({
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
export const json = defineMessage({
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
export const download = defineMessage({
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

export interface RouteHarness {
  /** `http://127.0.0.1:<port>` once started. */
  base: string;
  app: NestExpressApplication;
  /** What the routes sent to "Kafka", emptied before each test. */
  sent: { id: string; value: Record<string, unknown> }[];
  /** The reply of the next file request. */
  nextFile?: FileReply;
}

/** Starts the routes before the file's tests, stops them after. */
export function routeHarness(): RouteHarness {
  const h = { sent: [] } as unknown as RouteHarness;
  const kafka = {
    send: (def: AnyMessageDef, value: Record<string, unknown>) => {
      h.sent.push({ id: def.id, value });
      if (def.id === download.id) return Promise.resolve(h.nextFile);
      return Promise.resolve({ id: ID, fileName: value.fileName } as Partial<AttachmentDto>);
    },
  };
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
    h.app = await NestFactory.create<NestExpressApplication>(TestModule, new ExpressAdapter(), {
      logger: false,
      bodyParser: false,
      abortOnError: false,
    });
    // As in createGatewayApp.
    const uploads = uploadRoutesOf(DEFS);
    h.app.use(requestContextMiddleware);
    h.app.use(exceptUploads(uploads, jsonOnlyMiddleware));
    h.app.use(exceptUploads(uploads, jsonBodyMiddleware(JSON_LIMIT)));
    h.app.use(reenterRequestContext);
    h.app.useGlobalPipes(gatewayValidationPipe());
    h.app.useGlobalFilters(new AllExceptionsFilter(logger, { bodyLimitBytes: JSON_LIMIT }));
    await h.app.listen(0, '127.0.0.1');
    h.base = `http://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => h.app?.close());
  beforeEach(() => {
    h.sent.length = 0;
  });
  return h;
}
