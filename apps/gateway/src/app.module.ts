import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { CATALOGUE } from '@prosmed/contracts';
import { AUTH_RATE_LIMITER, AuthGuard, PermissionGuard, TOKEN_VERIFIER, TokenVerifier } from '@prosmed/auth';
import type { JsonLogger } from '@prosmed/messaging';
import { createServiceDataSource, runMigrations } from '@prosmed/persistence';
import type { GatewayConfig } from './config';
import { HealthController } from './health/health.controller';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { GATEWAY_MIGRATIONS, GATEWAY_SCHEMA } from './idempotency/migrations';
import { GatewayKafka } from './kafka/gateway-kafka';
import { MeController } from './me/me.controller';
import { GatewayMetrics } from './metrics/metrics';
import { MetricsController } from './metrics/metrics.controller';
import { GatewayRateLimiter } from './rate-limit/rate-limiter';
import { catalogueControllers } from './routes/catalogue-routes';
import { RouteForwarder } from './routes/route-forwarder';
import { GATEWAY_CONFIG, GATEWAY_DATA_SOURCE, GATEWAY_LOGGER } from './tokens';

export const GATEWAY_CONTROLLERS = [
  HealthController,
  MetricsController,
  MeController,
  // Every catalogue entry with a route: adding a route is a catalogue entry, nothing here.
  ...catalogueControllers(CATALOGUE),
];

/** Connects the `gateway` schema and brings it up to date at start-up (under the schema's advisory lock). */
@Injectable()
class GatewayDatabase implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(GATEWAY_DATA_SOURCE) private readonly ds: DataSource,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.ds.initialize();
    const applied = await runMigrations(this.ds, GATEWAY_SCHEMA);
    this.logger.log(
      { msg: `schema ${GATEWAY_SCHEMA} current`, applied: applied.map((m) => m.name) },
      'Database',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

@Global()
@Module({})
export class GatewayModule {
  static forRoot(cfg: GatewayConfig, logger: JsonLogger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [DiscoveryModule],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: cfg },
        { provide: GATEWAY_LOGGER, useValue: logger },
        {
          provide: TOKEN_VERIFIER,
          useValue: new TokenVerifier({
            issuer: cfg.keycloak.issuer,
            audience: cfg.keycloak.audience,
            jwksUri: cfg.keycloak.jwksUri,
          }),
        },
        {
          provide: GATEWAY_DATA_SOURCE,
          useFactory: () =>
            createServiceDataSource({
              schema: GATEWAY_SCHEMA,
              postgres: { ...cfg.postgres, poolSize: Math.min(cfg.postgres.poolSize, 10) },
              entities: [],
              migrations: GATEWAY_MIGRATIONS,
              applicationName: 'prosmed-gateway',
            }),
        },
        GatewayDatabase,
        GatewayMetrics,
        GatewayKafka,
        RouteForwarder,
        GatewayRateLimiter,
        { provide: AUTH_RATE_LIMITER, useExisting: GatewayRateLimiter },
        AuthGuard,
        PermissionGuard,
        IdempotencyStore,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [
        GATEWAY_CONFIG,
        GATEWAY_LOGGER,
        TOKEN_VERIFIER,
        AUTH_RATE_LIMITER,
        GatewayKafka,
        GatewayMetrics,
      ],
    };
  }
}
