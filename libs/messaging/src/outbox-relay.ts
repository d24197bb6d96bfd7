import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { CompressionTypes, type Producer } from 'kafkajs';
import { assertSchemaName } from '@prosmed/persistence';
import { outboxChannel, outboxKafkaHeaders, type OutboxRow } from './outbox';

export interface OutboxRelayOptions {
  schema: string;
  dataSource: DataSource;
  /** An idempotent producer (acks=all is set per send); the relay connects and disconnects it. */
  producer: Producer;
  /** Connection for LISTEN (a dedicated client: a pooled one would be returned to the pool). */
  listenConnection: ClientConfig;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (lost connection, rows written by hand). */
  pollIntervalMs?: number;
  /** Published rows older than this are deleted by the relay. */
  retentionHours?: number;
  onError?: (err: unknown) => void;
}

/**
 * Publishes outbox rows to Kafka, oldest first, at least once: rows are locked with
 * `FOR UPDATE SKIP LOCKED` (replicas share the work), sent with acks=all, then marked published in
 * the same transaction. A crash between send and commit re-sends the batch; consumers deduplicate
 * on the `x-message-id` header.
 */
export class OutboxRelay {
  private readonly schema: string;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionHours: number;
  private listener?: Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private draining?: Promise<void>;
  private again = false;
  private lastPrune = 0;
  private failures = 0;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.schema = assertSchemaName(opts.schema);
    this.batchSize = opts.batchSize ?? 200;
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.retentionHours = opts.retentionHours ?? 24 * 7;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.opts.producer.connect();
    this.running = true;
    await this.listen();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.draining?.catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.opts.producer.disconnect();
  }

  /** Publishes everything pending now; resolves when the outbox is empty (or on error). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < this.batchSize) return total;
    }
  }

  private async listen(): Promise<void> {
    const client = new Client(this.opts.listenConnection);
    client.on('notification', () => this.wake());
    client.on('error', (err) => {
      this.opts.onError?.(err);
      this.listener = undefined;
      // Polling covers the gap; try to listen again a little later.
      setTimeout(
        () => void (this.running ? this.listen().catch(this.opts.onError) : undefined),
        2000,
      ).unref();
    });
    await client.connect();
    await client.query(`LISTEN "${outboxChannel(this.schema)}"`);
    this.listener = client;
  }

  private wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.draining = this.cycle().finally(() => {
        this.draining = undefined;
        if (!this.running) return;
        if (this.again) {
          this.again = false;
          this.schedule(0);
        } else {
          // Capped at 5 s: after a broker outage the relay must find it back within seconds, not sit out a
          // long backoff while events wait (a fault test saw 140 rows still waiting 30 s after the restart).
          const backoff = this.failures > 0 ? Math.min(5000, 200 * 2 ** this.failures) : this.pollIntervalMs;
          this.schedule(backoff);
        }
      });
    }, delayMs);
  }

  private async cycle(): Promise<void> {
    try {
      await this.drain();
      this.failures = 0;
      if (Date.now() - this.lastPrune > 3600_000) {
        this.lastPrune = Date.now();
        await this.opts.dataSource.query(
          `DELETE FROM "${this.schema}"."outbox" WHERE "published_at" < now() - make_interval(hours => $1)`,
          [this.retentionHours],
        );
      }
    } catch (err) {
      this.failures++;
      this.opts.onError?.(err);
    }
  }

  private async publishBatch(): Promise<number> {
    const runner = this.opts.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: OutboxRow[] = await runner.query(
        `SELECT "id", "topic", "key", "payload", "headers" FROM "${this.schema}"."outbox"
          WHERE "published_at" IS NULL ORDER BY "created_at", "id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const byTopic = new Map<string, OutboxRow[]>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await this.opts.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((r) => ({
            key: r.key,
            value: JSON.stringify(r.payload),
            headers: outboxKafkaHeaders(r),
          })),
        })),
      });
      await runner.query(
        `UPDATE "${this.schema}"."outbox" SET "published_at" = now() WHERE "id" = ANY($1::uuid[])`,
        [rows.map((r) => r.id)],
      );
      await runner.commitTransaction();
      return rows.length;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }
}
