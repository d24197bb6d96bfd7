import type { AddressInfo } from 'node:net';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { MicroserviceOptions, NestMicroservice } from '@nestjs/microservices';
import { Kafka, Partitioners } from 'kafkajs';
import { requestTopicOf } from '@prosmed/contracts';
import { DataSource } from 'typeorm';
import { APPS, appPort, env, loadPlatformConfig } from '@prosmed/config';
import { runMigrations, type MigrationClass } from '@prosmed/persistence';
import { allTopics } from '@prosmed/contracts';
import { brokerGroupTimings, createKafkaDriver, kafkaJsConfig, type GroupTimings } from '../kafka-options';
import type { KafkaDriver } from '../transport/driver';
import { KafkaRequestServer } from '../transport/request-server';
import { ensureTopics } from '../topics-admin';
import { OutboxRelay } from '../outbox-relay';
import { CommandLog } from './command-log';
import { KafkaExceptionFilter } from './exception-filter';
import { KafkaHandlerInterceptor } from './interceptor';
import { kafkaLogCreator } from './kafka-log';
import { JsonLogger } from './logger';
import { ServiceMetrics } from './metrics';
import { ServiceKitModule } from './service-kit.module';
import { ServiceRuntime } from './runtime';

export interface ServiceBootstrapOptions {
  /** The app's root module (features, `TypeOrmModule.forFeature`, handlers). */
  module: Type<unknown> | DynamicModule;
  /** The app's name in `APPS` of @prosmed/config: Kafka client id, logs, metrics, HTTP port. */
  name: string;
  /** The service's PostgreSQL schema. */
  schema: string;
  /** Kafka consumer group: one per service, shared by its replicas. */
  groupId: string;
  /**
   * The service whose request topic this app reads (`land` -> `land.requests.v1`); by default the first
   * segment of its handlers' message ids, which must then all name the same service.
   */
  service?: string;
  /** Tests: read this topic instead of the service's request topic (isolated from a running service). */
  requestTopic?: string;
  /** In order; the first one is `platformTablesMigration(schema)`. */
  migrations: readonly MigrationClass[];
  /** HTTP port; by default the app's port from `APPS` (env override). `0` picks a free one (tests). */
  port?: number;
  /** Environment to read the config from (tests); `process.env` by default. */
  env?: Record<string, string | undefined>;
  /** Nest's SIGTERM/SIGINT handling; tests that close the app themselves turn it off. */
  shutdownHooks?: boolean;
}

export interface RunningService {
  app: INestApplication;
  /** The HTTP port it listens on (useful with `port: 0`). */
  port: number;
  logger: JsonLogger;
}

@Module({})
class ServiceRootModule {}

/**
 * Starts a Kafka service as a NestJS hybrid app, in this order: HTTP (`/health` answers at once,
 * `/ready` says not yet), migrations under the schema's advisory lock, the outbox relay, then the Kafka
 * consumer: no message is handled before the schema is current.
 */
export async function bootstrapService(opts: ServiceBootstrapOptions): Promise<RunningService> {
  const src = opts.env ?? process.env;
  const config = loadPlatformConfig(opts.name, src);
  const logger = new JsonLogger({ service: opts.name, level: config.logLevel });
  const metrics = new ServiceMetrics(opts.name);
  const spec = APPS.find((a) => a.name === opts.name);
  const port = opts.port ?? (spec ? appPort(spec, src) : undefined);
  if (port === undefined) throw new Error(`No port for ${opts.name}: add it to APPS or pass port`);

  const app = await NestFactory.create(
    {
      module: ServiceRootModule,
      imports: [ServiceKitModule.forRoot({ ...opts, config, logger, metrics }), opts.module],
    },
    { logger, forceCloseConnections: true, abortOnError: false },
  );
  try {
    if (opts.shutdownHooks !== false) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    const runtime = app.get(ServiceRuntime);
    const driverLog = {
      warn: (l: Record<string, unknown>) => logger.warn(l, 'kafka'),
      error: (l: Record<string, unknown>) => logger.error(l, 'kafka'),
      debug: (l: Record<string, unknown>) => logger.debug(l, 'kafka'),
    };
    const driver = createKafkaDriver(config.kafka, '-server', driverLog);
    const server: KafkaRequestServer = new KafkaRequestServer({
      driver,
      groupId: opts.groupId,
      // Known once the handlers are registered (below): `topic` is read at start.
      topic: (): string =>
        opts.requestTopic ?? requestTopicOf(opts.service ?? serviceOfHandlers(server.handlerPatterns())),
      timings: () => brokerTimings(driver),
      log: driverLog,
    });
    // Handlers read the global filter and interceptor when their listeners are registered: defer that
    // until both are set (Nest registers at once otherwise, and they would silently not apply).
    const microservice = app.connectMicroservice<MicroserviceOptions>(
      { strategy: server },
      { deferInitialization: true },
    ) as NestMicroservice;
    const dataSource = app.get(DataSource);
    // Every `@Command()` handler runs through the command log: exactly once per key, refused past its deadline.
    const commands = new CommandLog({ dataSource, schema: opts.schema, logger });
    microservice.useGlobalInterceptors(
      new KafkaHandlerInterceptor(metrics, app.get(Reflector), logger, commands),
    );
    microservice.useGlobalFilters(new KafkaExceptionFilter(logger));
    microservice.registerListeners();
    microservice.setIsInitialized(true);
    // The app's own init runs the modules' init hooks; the microservice must not run them a second time.
    microservice.setIsInitHookCalled(true);

    // Loopback unless told otherwise (SERVICE_HOST=0.0.0.0 in a container): the service's HTTP is for
    // probes and metrics, and only the gateway is a public door.
    await app.listen(port, env.str(src, 'SERVICE_HOST', '127.0.0.1'));
    const actualPort = (app.getHttpServer().address() as AddressInfo).port;

    // Topics are contracts: a service started after a new topic was added creates it (idempotent),
    // rather than failing to subscribe on a broker that has auto-creation off.
    await ensureTopics(config.kafka, allTopics());
    const applied = await runMigrations(dataSource, opts.schema);
    runtime.attach({ migrated: true });
    commands.startPurging();
    logger.log(
      { msg: `schema ${opts.schema} current`, applied: applied.map((m) => m.name) },
      'bootstrapService',
    );

    const relay = new OutboxRelay({
      schema: opts.schema,
      dataSource,
      producer: new Kafka({
        ...kafkaJsConfig(config.kafka, '-outbox'),
        logCreator: kafkaLogCreator(logger),
      }).producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner }),
      listenConnection: {
        host: config.postgres.host,
        port: config.postgres.port,
        user: config.postgres.user,
        password: config.postgres.password || undefined,
        database: config.postgres.database,
        application_name: `${opts.name}-outbox`,
      },
      onError: (err) => logger.warn({ msg: 'outbox relay error', err: String(err) }, 'OutboxRelay'),
    });
    await relay.start();
    runtime.attach({ relay, server });

    await app.startAllMicroservices();
    logger.log({ msg: `${opts.name} ready`, port: actualPort, groupId: opts.groupId }, 'bootstrapService');
    return { app, port: actualPort, logger };
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
}

/** The one service named by the first segment of every handler's message id (`land.case.file.v1`). */
export function serviceOfHandlers(patterns: readonly string[]): string {
  const services = [...new Set(patterns.map((p) => p.slice(0, p.indexOf('.'))))];
  if (services.length !== 1) {
    throw new Error(
      `cannot tell which request topic to read: handlers name ${services.length === 0 ? 'no service' : services.join(', ')}; pass \`service\``,
    );
  }
  return services[0];
}

async function brokerTimings(driver: KafkaDriver): Promise<GroupTimings> {
  const admin = await driver.admin();
  try {
    return await brokerGroupTimings(admin);
  } finally {
    await admin.close().catch(() => undefined);
  }
}

/** `main.ts` of a service: start, or log one line and exit non-zero. */
export function runService(opts: ServiceBootstrapOptions): void {
  bootstrapService(opts).catch((err: unknown) => {
    const line = {
      time: new Date().toISOString(),
      level: 'error',
      service: opts.name,
      msg: `start failed: ${err instanceof Error ? err.message : String(err)}`,
      stack: err instanceof Error ? err.stack : undefined,
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
    process.exit(1);
  });
}
