import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AnticorruptionMessages,
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
} from '@prosmed/messaging';
import { demoUser, testConfig } from '@prosmed/testing';
import { ANTICORRUPTION_SERVICE } from '../src/service';

/** Codes unique to this run, so the tests run again and again on the same database. */
export const runTag = randomBytes(3).toString('hex').toUpperCase();

/** The identity the gateway would send for a demo user of the realm file (attributes as in the token). */
export function demoIdentity(username: string): Identity {
  const u = demoUser(username);
  const id: Identity = { sub: `it-${username}`, username, roles: u.roles };
  if (u.attributes.structure_id) id.structureId = u.attributes.structure_id;
  return id;
}

export interface AcHarness {
  service: RunningService;
  db: DataSource;
  call<T>(message: string, body: unknown, identity?: Identity, idempotencyKey?: string): Promise<T>;
  /** The error payload of a call that must fail with a domain error. */
  fail(message: string, body: unknown, identity?: Identity): Promise<RemoteError['payload']>;
  close(): Promise<void>;
}

/**
 * The anti-corruption service in this process on the real PostgreSQL (schema `anticorruption`) and
 * Kafka, reading a request topic and group of this run only (a running service must not answer them),
 * and a request-reply client like the gateway's.
 */
export async function startAnticorruption(): Promise<AcHarness> {
  const cfg = testConfig('anticorruption-it');
  const requestTopic = `${requestTopicOf('anticorruption')}.it-${runTag.toLowerCase()}`;
  const groupId = `${ANTICORRUPTION_SERVICE.groupId}-it-${runTag.toLowerCase()}`;
  const admin = await createKafkaDriver(cfg.kafka, '-it-admin').admin();
  try {
    await admin.createTopics([
      { name: requestTopic, partitions: REQUEST_PARTITIONS, config: PERSONAL_DATA_TOPIC_CONFIG },
    ]);
  } finally {
    await admin.close();
  }
  const service = await bootstrapService({
    ...ANTICORRUPTION_SERVICE,
    groupId,
    requestTopic,
    port: 0,
    shutdownHooks: false,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  const rr = new RequestReplyClient({
    driver: createKafkaDriver(cfg.kafka, '-client'),
    timeoutMs: 10_000,
    label: 'anticorruption-it',
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
    message: string,
    body: unknown,
    identity: Identity = demoIdentity('admin.prosmed'),
    idempotencyKey?: string,
  ) =>
    rr.send<T>(message, body, {
      requestId: `it-${randomUUID()}`,
      identity,
      language: 'fr',
      messageId: randomUUID(),
      ...(idempotencyKey ? { idempotencyKey: `${identity.sub}:${idempotencyKey}` } : {}),
    });

  // A new group starts at the end of the log once it has its offsets: ask until one answer comes back.
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await rr.send(
        AnticorruptionMessages.structureList.id,
        {},
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
    db,
    call,
    async fail(message, body, identity) {
      try {
        await call(message, body, identity);
      } catch (err) {
        if (err instanceof RemoteError) return err.payload;
        throw err;
      }
      throw new Error(`${message} succeeded where it should have failed`);
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
