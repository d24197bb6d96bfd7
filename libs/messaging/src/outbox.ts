import type { EntityManager, QueryRunner } from 'typeorm';
import { assertSchemaName } from '@prosmed/persistence';
import { Headers } from '@prosmed/contracts';

export interface OutboxMessage {
  topic: string;
  /** Partition key: the aggregate id, so one aggregate's events stay in order. */
  key: string;
  payload: unknown;
  headers?: Record<string, string>;
}

type Executor = Pick<EntityManager, 'query'> | Pick<QueryRunner, 'query'>;

export const outboxChannel = (schema: string): string => `${assertSchemaName(schema)}_outbox`;

/**
 * Writes events in the caller's transaction: they exist if and only if the change commits. The
 * NOTIFY is delivered at commit, so the relay wakes at once instead of waiting for its next poll.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {
    assertSchemaName(schema);
  }

  async add(tx: Executor, ...messages: OutboxMessage[]): Promise<string[]> {
    if (messages.length === 0) return [];
    const values: unknown[] = [];
    const rows = messages.map((m, i) => {
      values.push(m.topic, m.key, JSON.stringify(m.payload), JSON.stringify(m.headers ?? {}));
      const b = i * 4;
      return `($${b + 1}, $${b + 2}, $${b + 3}::jsonb, $${b + 4}::jsonb)`;
    });
    values.push(outboxChannel(this.schema));
    // One round trip: the insert, and the NOTIFY (delivered at commit, once per transaction and channel).
    const inserted: { id: string }[] = await tx.query(
      `WITH ins AS (
         INSERT INTO "${this.schema}"."outbox" ("topic", "key", "payload", "headers") VALUES ${rows.join(', ')} RETURNING "id"
       )
       SELECT ins."id", pg_notify($${values.length}, '') FROM ins`,
      values,
    );
    return inserted.map((r) => r.id);
  }
}

export interface OutboxRow {
  id: string;
  topic: string;
  key: string | null;
  payload: unknown;
  headers: Record<string, string>;
}

/** Kafka headers of an outbox row: its own, plus its id (for idempotent consumers) and type. */
export function outboxKafkaHeaders(row: OutboxRow): Record<string, string> {
  return { ...row.headers, [Headers.messageId]: row.id, [Headers.eventType]: row.topic };
}
