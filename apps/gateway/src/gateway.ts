import type { AddressInfo } from 'node:net';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory, DiscoveryService } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { assertRoutesDeclarePermissions } from '@prosmed/auth';
import { CATALOGUE } from '@prosmed/contracts';
import { JsonLogger } from '@prosmed/messaging';
import { GatewayModule } from './app.module';
import type { GatewayConfig } from './config';
import { AllExceptionsFilter } from './errors/all-exceptions.filter';
import { gatewayValidationPipe } from './errors/validation';
import { accessLogMiddleware } from './http/access-log';
import { answerClientErrors } from './http/client-error';
import { jsonBodyMiddleware, jsonOnlyMiddleware } from './http/body';
import { exceptUploads, uploadRoutesOf } from './http/upload';
import { API_V1, DOCS_PATH, PUBLIC_PATHS } from './http/paths';
import { reenterRequestContext, requestContextMiddleware } from './http/request-id';
import { securityHeaders } from './http/security';
import { webAppBuilt, webAppMiddleware } from './http/web-app';
import { GatewayKafka } from './kafka/gateway-kafka';
import { GatewayMetrics } from './metrics/metrics';
import { buildOpenApiDocument, setupSwagger } from './openapi/openapi';

export interface RunningGateway {
  app: NestExpressApplication;
  port: number;
  url: string;
  kafka: GatewayKafka;
  close(): Promise<void>;
}

export function gatewayLogger(cfg: GatewayConfig): JsonLogger {
  return new JsonLogger({ service: 'gateway', level: cfg.logLevel });
}

/**
 * The start-up check: every route of every controller the container knows (not a list kept by hand, so
 * a new controller cannot slip through) declares a permission, or is one of the public operations routes.
 */
export function assertEveryRouteDeclaresPermission(app: INestApplication): void {
  const controllers = app
    .get(DiscoveryService)
    .getControllers()
    .map((w) => w.metatype)
    .filter((m): m is Type => typeof m === 'function');
  assertRoutesDeclarePermissions(controllers, { protectedPrefix: `/${API_V1}`, publicAllowed: PUBLIC_PATHS });
}

/**
 * The gateway as a configured Nest application, not yet initialised (nothing connected): `main.ts`,
 * the end-to-end tests and `openapi:write` all build it here, so they serve and document the same thing.
 * Throws when a route lacks a declared permission.
 */
export async function createGatewayApp(
  cfg: GatewayConfig,
  logger = gatewayLogger(cfg),
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    GatewayModule.forRoot(cfg, logger),
    new ExpressAdapter(),
    {
      logger,
      bodyParser: false,
      abortOnError: false,
    },
  );
  try {
    assertEveryRouteDeclaresPermission(app);

    answerClientErrors(app.getHttpServer());
    app.set('trust proxy', cfg.trustProxyHops);
    app.disable('x-powered-by');
    const metrics = app.get(GatewayMetrics);
    // Order matters: id and log first (every answer has them), then headers and CORS, then the body.
    app.use(requestContextMiddleware);
    app.use(accessLogMiddleware(logger, metrics));
    app.use(securityHeaders(cfg.keycloak.url, `/${DOCS_PATH}`));
    if (cfg.corsOrigins.length > 0) {
      app.enableCors({
        origin: cfg.corsOrigins,
        methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
        allowedHeaders: [
          'Authorization',
          'Content-Type',
          'Accept-Language',
          'X-Request-Id',
          'Idempotency-Key',
        ],
        exposedHeaders: [
          'X-Request-Id',
          'Retry-After',
          'Idempotent-Replayed',
          'Location',
          'WWW-Authenticate',
        ],
        maxAge: 600,
      });
    }
    // The web app (GET/HEAD of its files and pages only; the API's paths are never answered there).
    if (!webAppBuilt(cfg.webDistDir)) {
      logger.warn(
        { msg: 'web app not built: / answers 404 (npm run web:build)', dir: cfg.webDistDir },
        'Gateway',
      );
    }
    app.use(
      webAppMiddleware({
        distDir: cfg.webDistDir,
        appConfig: { issuer: cfg.keycloak.issuer, clientId: cfg.keycloak.publicClientId },
      }),
    );
    // Upload routes take a file of any type as their body, read by the route itself after its permission.
    const uploads = uploadRoutesOf(CATALOGUE);
    app.use(exceptUploads(uploads, jsonOnlyMiddleware));
    app.use(exceptUploads(uploads, jsonBodyMiddleware(cfg.bodyLimitBytes)));
    app.use(reenterRequestContext);
    app.useGlobalPipes(gatewayValidationPipe());
    app.useGlobalFilters(new AllExceptionsFilter(logger, cfg));
    setupSwagger(app, cfg, buildOpenApiDocument(app, cfg));
    return app;
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}

/** Creates, initialises (migrations) and starts listening; Kafka connects in the background. */
export async function startGateway(
  cfg: GatewayConfig,
  opts: { logger?: JsonLogger; port?: number; host?: string; waitForKafkaMs?: number } = {},
): Promise<RunningGateway> {
  const logger = opts.logger ?? gatewayLogger(cfg);
  const app = await createGatewayApp(cfg, logger);
  try {
    await app.listen(opts.port ?? cfg.port, opts.host ?? '127.0.0.1');
    const kafka = app.get(GatewayKafka);
    if (opts.waitForKafkaMs) await kafka.whenConnected(opts.waitForKafkaMs);
    const port = (app.getHttpServer().address() as AddressInfo).port;
    logger.log({ msg: 'gateway listening', port, replyGroupId: cfg.replyGroupId }, 'Gateway');
    return { app, port, url: `http://127.0.0.1:${port}`, kafka, close: () => app.close() };
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}
