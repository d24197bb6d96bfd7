import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { PlatformConfig } from '@prosmed/config';
import { serviceDataSourceOptions, type MigrationClass } from '@prosmed/persistence';
import { HealthController } from './health.controller';
import { JsonLogger } from './logger';
import { ServiceMetrics } from './metrics';
import { ServiceRuntime } from './runtime';

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

export interface ServiceKitOptions {
  name: string;
  schema: string;
  migrations: readonly MigrationClass[];
  config: PlatformConfig;
  logger: JsonLogger;
  metrics: ServiceMetrics;
}

/**
 * What every Kafka service shares: its schema's DataSource (entities come from each feature's
 * `TypeOrmModule.forFeature`), the config, logger and metrics, `/health`, `/ready` and `/metrics`.
 * Imported by `bootstrapService`, not by apps.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(opts: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({
          ...serviceDataSourceOptions({
            schema: opts.schema,
            postgres: opts.config.postgres,
            entities: [],
            migrations: [...opts.migrations],
            applicationName: opts.name,
          }),
          autoLoadEntities: true,
          // Fail the start within seconds when PostgreSQL is not there: the runner restarts us.
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: opts.config },
        { provide: JsonLogger, useValue: opts.logger },
        { provide: ServiceMetrics, useValue: opts.metrics },
        ServiceRuntime,
      ],
      exports: [PLATFORM_CONFIG, JsonLogger, ServiceMetrics, ServiceRuntime],
    };
  }
}
