import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PERSONAL_DATA_TOPIC_CONFIG,
  REQUEST_PARTITIONS,
  LandMessages,
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
import { LAND_SERVICE } from '../src/service';

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
  return id;
}

export interface LandHarness {
  service: RunningService;
  rr: RequestReplyClient;
  db: DataSource;
  /** Sends as `identity`; resolves with the reply or rejects with the classified error. */
  call<T>(topic: string, body: unknown, identity?: Identity): Promise<T>;
  /** The error payload of a call that must fail with a domain error. */
  fail(topic: string, body: unknown, identity?: Identity): Promise<RemoteError['payload']>;
  close(): Promise<void>;
}

/**
 * The land service in this process, on the real PostgreSQL (schema `land`) and Kafka, and a request-reply
 * client like the gateway's.
 */
export async function startLand(): Promise<LandHarness> {
  const cfg = testConfig('land-it');
  // A request topic and group of this run only: a land service already running (`npm start`, another
  // engineer's build) would otherwise share the requests, and answer them with its own code, or not at all.
  const requestTopic = `${requestTopicOf('land')}.it-${runTag.toLowerCase()}`;
  const admin = await createKafkaDriver(cfg.kafka, '-it-admin').admin();
  try {
    await admin.createTopics([
      { name: requestTopic, partitions: REQUEST_PARTITIONS, config: PERSONAL_DATA_TOPIC_CONFIG },
    ]);
  } finally {
    await admin.close();
  }
  const service = await bootstrapService({
    ...LAND_SERVICE,
    groupId: `${LAND_SERVICE.groupId}-it-${runTag.toLowerCase()}`,
    requestTopic,
    port: 0,
    shutdownHooks: false,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  // A request-reply client like the gateway's, with a reply topic of its own.
  const rr = new RequestReplyClient({
    driver: createKafkaDriver(cfg.kafka, '-client'),
    timeoutMs: 10_000,
    label: 'land-it',
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
    topic: string,
    body: unknown,
    identity: Identity | undefined = demoIdentity('admin.prosmed'),
  ) => rr.send<T>(topic, body, { requestId: `it-${randomUUID()}`, identity, language: 'fr' });

  // A new consumer group starts at the end of the log once it has fetched its offsets: until both sides
  // have, a request or its reply can pass unseen. Ask until one answer comes back.
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await rr.send(
        LandMessages.cofoList.id,
        { limit: 1 },
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
    async fail(topic, body, identity) {
      try {
        await call(topic, body, identity);
      } catch (err) {
        if (err instanceof RemoteError) return err.payload;
        throw err;
      }
      throw new Error(`${topic} succeeded where it should have failed`);
    },
    async close() {
      await rr.close();
      await db.destroy();
      await service.app.close();
      // The run's topic and group go with it: nothing of a test run stays on the shared broker.
      const cleanup = await createKafkaDriver(cfg.kafka, '-it-admin').admin();
      try {
        await cleanup.deleteTopics([requestTopic]);
        await cleanup.deleteGroups([`${LAND_SERVICE.groupId}-it-${runTag.toLowerCase()}`]);
      } finally {
        await cleanup.close();
      }
    },
  };
}
