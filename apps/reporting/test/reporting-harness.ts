import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  PERSONAL_DATA_TOPIC_CONFIG,
  REQUEST_PARTITIONS,
  ReportingMessages,
  requestTopicOf,
  type Identity,
} from '@prosmed/contracts';
import { createKafkaDriver, RemoteError, RequestReplyClient, type RunningService } from '@prosmed/messaging';
import { demoUser, testConfig } from '@prosmed/testing';
import { REPORTING_SERVICE, startReporting } from '../src/service';

export const runTag = randomBytes(3).toString('hex').toLowerCase();

/** The identity the gateway would send for a demo user of the realm file. */
export function demoIdentity(username: string): Identity {
  const u = demoUser(username);
  return { sub: `it-${username}`, username, roles: u.roles };
}

export interface ReportingHarness {
  service: RunningService;
  db: DataSource;
  eventsGroup: string;
  call<T>(messageId: string, body: unknown, identity?: Identity, idempotencyKey?: string): Promise<T>;
  fail(messageId: string, body: unknown, identity?: Identity): Promise<RemoteError['payload']>;
  /** Polls a SQL count until it reaches `expected` (or the bound), and returns the last count. */
  countWhen(sql: string, params: unknown[], expected: number, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * The reporting service in this process on the real PostgreSQL and Kafka: a request topic and group of
 * this run (a running service must not answer our requests), and an events group of this run, which reads
 * every domain event topic from its beginning like a first start.
 */
export async function startReportingHarness(): Promise<ReportingHarness> {
  const cfg = testConfig('reporting-it');
  const requestTopic = `${requestTopicOf('reporting')}.it-${runTag}`;
  const admin = await createKafkaDriver(cfg.kafka, '-it-admin').admin();
  try {
    await admin.createTopics([
      { name: requestTopic, partitions: REQUEST_PARTITIONS, config: PERSONAL_DATA_TOPIC_CONFIG },
    ]);
  } finally {
    await admin.close();
  }
  const groupId = `${REPORTING_SERVICE.groupId}-it-${runTag}`;
  const eventsGroup = `reporting-events-it-${runTag}`;
  const service = await startReporting({
    groupId,
    requestTopic,
    eventsGroup,
    port: 0,
    shutdownHooks: false,
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  });
  const rr = new RequestReplyClient({
    driver: createKafkaDriver(cfg.kafka, '-client'),
    timeoutMs: 20_000,
    label: 'reporting-it',
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

  const call = <T>(id: string, body: unknown, identity = demoIdentity('suivi.evaluation'), key?: string) =>
    rr.send<T>(id, body, {
      requestId: `it-${randomUUID()}`,
      identity,
      language: 'fr',
      ...(key ? { idempotencyKey: `it:${key}` } : {}),
    });

  const until = Date.now() + 60_000;
  for (;;) {
    try {
      await rr.send(
        ReportingMessages.indicatorList.id,
        { resultArea: 'R1' },
        { requestId: `warmup-${randomUUID()}`, identity: demoIdentity('manager') },
        3000,
      );
      break;
    } catch (err) {
      if (Date.now() > until) {
        await rr.close().catch(() => undefined);
        await db.destroy().catch(() => undefined);
        await service.app.close().catch(() => undefined);
        throw err;
      }
    }
  }

  return {
    service,
    db,
    eventsGroup,
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
    async countWhen(sql, params, expected, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const [{ n }]: { n: number }[] = await db.query(sql, params);
        if (n === expected || Date.now() > end) return n;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      await rr.close();
      await db.destroy();
      await service.app.close();
      const cleanup = await createKafkaDriver(cfg.kafka, '-it-admin').admin();
      try {
        await cleanup.deleteTopics([requestTopic]);
        await cleanup.deleteGroups([groupId, eventsGroup]);
      } finally {
        await cleanup.close();
      }
    },
  };
}
