/** What the fault tests read back after a scenario: the case rows, the outbox, the events on the broker. */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Events, Headers } from '@prosmed/contracts';
import type { CaseRow, EventCount } from './report';

export interface PgTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withPg<T>(pg: PgTarget, fn: (c: Client) => Promise<T>): Promise<T> {
  // A connection per check: the PostgreSQL scenario kills every connection there is.
  const c = new Client({ ...pg, password: pg.password || undefined, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Waits (bounded) until the relay has published every outbox row; returns how many are left. */
export async function outboxLeftAfter(pg: PgTarget, timeoutMs: number): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let left = Number.NaN;
    try {
      left = await withPg(pg, async (c) => {
        const r = await c.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "land"."outbox" WHERE "published_at" IS NULL`,
        );
        return r.rows[0].n;
      });
    } catch {
      // PostgreSQL still recovering
    }
    if (left === 0 || Date.now() > end) return Number.isNaN(left) ? -1 : left;
    await sleep(500);
  }
}

/** The scenario's case rows: their summary starts with the scenario's marker. */
export async function caseRowsOf(pg: PgTarget, marker: string): Promise<CaseRow[]> {
  return withPg(pg, async (c) => {
    const r = await c.query<CaseRow>(
      `SELECT "id", "summary" FROM "land"."dispute_case" WHERE "summary" LIKE $1`,
      [`${marker} %`],
    );
    return r.rows;
  });
}

/** Every `land.case.filed.v1` on the broker, from the beginning to the end of each partition. */
export async function filedEvents(brokers: string[]): Promise<Map<string, EventCount>> {
  const kafka = new Kafka({ clientId: 'prosmed-faults-check', brokers, logLevel: logLevel.NOTHING });
  const topic = Events.land.caseFiled;
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    offsets.filter((o) => Number(o.high) > Number(o.low)).map((o) => [o.partition, Number(o.high)]),
  );
  const seen = new Map<string, { ids: Set<string>; copies: number }>();
  if (remaining.size === 0) return new Map();
  const consumer = kafka.consumer({ groupId: `prosmed-faults-check-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((res) => (done = res));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const value = JSON.parse(message.value?.toString() ?? 'null') as { caseId?: string } | null;
        const id =
          message.headers?.[Headers.messageId]?.toString() ?? `offset:${partition}:${message.offset}`;
        if (value?.caseId) {
          const e = seen.get(value.caseId) ?? { ids: new Set<string>(), copies: 0 };
          e.ids.add(id);
          e.copies += 1;
          seen.set(value.caseId, e);
        }
        const high = remaining.get(partition);
        if (high !== undefined && Number(message.offset) + 1 >= high) remaining.delete(partition);
        if (remaining.size === 0) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      finished,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`events not read back within 60 s (${remaining.size} partitions left)`)),
          60_000,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
  return new Map([...seen].map(([k, v]) => [k, { distinct: v.ids.size, copies: v.copies }]));
}
