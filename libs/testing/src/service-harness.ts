import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PERSONAL_DATA_TOPIC_CONFIG,
  REQUEST_PARTITIONS,
  requestTopicOf,
  type Identity,
} from '@prosmed/contracts';
import {
  bootstrapService,
  createKafkaDriver,
  RemoteError,
  RequestReplyClient,
  type RunningService,
  type ServiceBootstrapOptions,
} from '@prosmed/messaging';
import { demoUser } from './tokens';
import { testConfig } from './stack';

/** Codes unique to this run, so the tests can run again and again on the same database. */
export const runTag = randomBytes(3).toString('hex').toUpperCase();
export const uniqueCode = (prefix: string): string =>
  `${prefix}-${runTag}-${randomBytes(2).toString('hex').toUpperCase()}`;

/** The identity the gateway would send for a demo user of the realm file (attributes as in the token). */
export function demoIdentity(username: string): Identity {
  const u = demoUser(username);
  const id: Identity = { sub: `it-${username}`, username, roles: u.roles };
  if (u.attributes.cofo_id) id.cofoId = u.attributes.cofo_id;
  if (u.attributes.tribunal_id) id.tribunalId = u.attributes.tribunal_id;
  if (u.attributes.ccs_id) id.ccsId = u.attributes.ccs_id;
  if (u.attributes.structure_id) id.structureId = u.attributes.structure_id;
  return id;
}

export interface ServiceHarness {
  service: RunningService;
  rr: RequestReplyClient;
  db: DataSource;
  /**
   * Sends message `id` as `identity` (admin by default); resolves with the reply or rejects with the
   * classified error. With `idempotencyKey`, as the gateway sends a command with `Idempotency-Key`.
   */
  call<T>(id: string, body: unknown, identity?: Identity, idempotencyKey?: string): Promise<T>;
  /** The error payload of a call that must fail with a domain error. */
  fail(id: string, body: unknown, identity?: Identity): Promise<RemoteError['payload']>;
  close(): Promise<void>;
}

export interface ServiceHarnessOptions {
  /** The service's bootstrap options (`LAND_SERVICE`, ...), its module and migrations. */
  spec: Omit<ServiceBootstrapOptions, 'port' | 'env' | 'requestTopic' | 'shutdownHooks'>;
  /** Its request service (`land`): the run reads a topic of its own next to `<service>.requests.v1`. */
  service: string;
  /** A cheap read any admin may send: asked until it answers, so the new group has its offsets. */
  warmup: { id: string; body: unknown };
  env?: Record<string, string>;
}

/**
 * A service in this process, on the real PostgreSQL (its schema) and Kafka, and a request-reply client
 * like the gateway's. It reads a request topic and consumer group of this run only: a service already
 * running (`npm start`, another engineer's build) would otherwise share the requests, and answer them
 * with its own code, or not at all. Both are deleted by `close()`: nothing of a run stays on the broker.
 */
export async function startServiceHarness(opts: ServiceHarnessOptions): Promise<ServiceHarness> {
  const cfg = testConfig(`${opts.service}-it`);
  const suffix = `it-${runTag.toLowerCase()}-${randomBytes(2).toString('hex')}`;
  const requestTopic = `${requestTopicOf(opts.service)}.${suffix}`;
  const groupId = `${opts.spec.groupId}-${suffix}`;
  const admin = await createKafkaDriver(cfg.kafka, '-it-admin').admin();
  try {
    await admin.createTopics([
      { name: requestTopic, partitions: REQUEST_PARTITIONS, config: PERSONAL_DATA_TOPIC_CONFIG },
    ]);
  } finally {
    await admin.close();
  }
  const service = await bootstrapService({
    ...opts.spec,
    groupId,
    requestTopic,
    port: 0,
    shutdownHooks: false,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...opts.env },
  });
  const rr = new RequestReplyClient({
    driver: createKafkaDriver(cfg.kafka, '-client'),
    timeoutMs: 10_000,
    label: `${opts.service}-it`,
    requestTopicOf: () => requestTopic,
  });
  await rr.start();
  const db = new DataSource({
    type: 'postgres',
    host: cfg.postgres.host,
    port: cfg.postgres.port,
    username: cfg.postgres.user,
    password: cfg.postgres.password || undefined,
    database: cfg.postgres.database,
  });
  await db.initialize();

  const call = <T>(
    id: string,
    body: unknown,
    identity: Identity | undefined = demoIdentity('admin.prosmed'),
    idempotencyKey?: string,
  ) =>
    rr.send<T>(id, body, {
      requestId: `it-${randomUUID()}`,
      identity,
      language: 'fr',
      ...(idempotencyKey ? { idempotencyKey: `${identity?.sub}:${idempotencyKey}` } : {}),
    });

  // A new consumer group starts at the end of the log once it has fetched its offsets: until both sides
  // have, a request or its reply can pass unseen. Ask until one answer comes back.
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await rr.send(
        opts.warmup.id,
        opts.warmup.body,
        { requestId: `warmup-${randomUUID()}`, identity: demoIdentity('admin.prosmed') },
        3000,
      );
      break;
    } catch (err) {
      if (Date.now() > until) throw err;
    }
  }

  return {
    service,
    rr,
    db,
    call,
    async fail(id, body, identity) {
      try {
        await call(id, body, identity);
      } catch (err) {
        if (err instanceof RemoteError) return err.payload;
        throw err;
      }
      throw new Error(`${id} succeeded where it should have failed`);
    },
    async close() {
      await rr.close();
      await db.destroy();
      await service.app.close();
      const cleanup = await createKafkaDriver(cfg.kafka, '-it-admin').admin();
      try {
        await cleanup.deleteTopics([requestTopic]);
        await cleanup.deleteGroups([groupId]);
      } finally {
        await cleanup.close();
      }
    },
  };
}
