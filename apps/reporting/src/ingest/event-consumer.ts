import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Kafka, type Consumer, type KafkaMessage } from 'kafkajs';
import { DataSource, type EntityManager } from 'typeorm';
import type { PlatformConfig } from '@prosmed/config';
import { Headers } from '@prosmed/contracts';
import {
  IdempotentConsumer,
  type IdempotentResult,
  JsonLogger,
  kafkaJsConfig,
  kafkaLogCreator,
  PLATFORM_CONFIG,
} from '@prosmed/messaging';
import { classify, eventTopics } from './event-sources';
import { FactStore } from './fact-store';

/** The consumer group of the events (requests have their own group, `reporting`). */
export const EVENTS_GROUP = 'reporting-events';
/** Name of the consumer in `processed_message`: shared by every group, so a replay counts nothing twice. */
export const EVENTS_CONSUMER = 'events';

export interface ConsumerOptions {
  groupId?: string;
  topics?: string[];
}

/**
 * Reads every domain event topic from its beginning (a first start, or a new group, builds the read models
 * from history) and applies each event exactly once: its id (the producer's outbox id, else its topic,
 * partition and offset) is claimed in the same transaction as the facts. An event this service cannot read
 * is parked in that same transaction, never thrown: the partition goes on.
 */
@Injectable()
export class EventConsumer implements BeforeApplicationShutdown {
  private consumer?: Consumer;
  private readonly once: IdempotentConsumer;
  /** Epoch ms of the last event applied, for the bench and the logs. */
  lastAppliedAt = 0;
  /** Records read, applied or already claimed (a replay's progress). */
  handled = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
    private readonly store: FactStore,
  ) {
    this.once = new IdempotentConsumer(dataSource, 'reporting', EVENTS_CONSUMER);
  }

  async start(opts: ConsumerOptions = {}): Promise<void> {
    const kafka = new Kafka({
      ...kafkaJsConfig(this.config.kafka, '-events'),
      logCreator: kafkaLogCreator(this.logger),
    });
    // Small fetches: events are a few hundred bytes, and kafkajs's default buffers (10 MB a fetch) would
    // cost the idle service more memory than all its work (it must stay under 150 MB at rest).
    // A fetch waits up to 1 s on the broker when there is nothing to read; an event ends the wait at once
    // (minBytes 1), so this bounds only idle polling. At 100 ms the idle loop over every event topic kept
    // allocating fast enough that V8 never shrank its heap: 155 MB resident at rest, 139 MB at 1 s.
    const consumer = kafka.consumer({
      groupId: opts.groupId ?? EVENTS_GROUP,
      maxWaitTimeInMs: 1000,
      maxBytes: 1024 * 1024,
      maxBytesPerPartition: 128 * 1024,
    });
    await consumer.connect();
    await consumer.subscribe({ topics: opts.topics ?? eventTopics(), fromBeginning: true });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      // A failure (PostgreSQL gone) rejects: kafkajs retries the same record, which the claim keeps exactly-once.
      eachMessage: ({ topic, partition, message }) => this.apply(topic, partition, message),
    });
    this.consumer = consumer;
    this.logger.log({ msg: 'reading events', groupId: opts.groupId ?? EVENTS_GROUP }, EventConsumer.name);
  }

  async apply(topic: string, partition: number, message: KafkaMessage): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) {
      if (v !== undefined) headers[k] = Array.isArray(v) ? String(v[0]) : String(v);
    }
    const messageId = headers[Headers.messageId] || `kafka:${topic}:${partition}:${message.offset}`;
    const value = message.value?.toString('utf8') ?? null;
    const seen = classify(topic, headers, value, messageId);
    const park = async (tx: EntityManager, reason: string, eventType: string | null, detail: string) => {
      await tx.query(
        `INSERT INTO "reporting"."parked_event" ("topic", "partition", "offset", "message_id", "event_type", "reason", "detail", "payload")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ("message_id") DO NOTHING`,
        [
          topic,
          partition,
          message.offset,
          messageId,
          eventType,
          reason,
          detail,
          value?.slice(0, 10_000) ?? null,
        ],
      );
      return 'parked' as const;
    };
    let done: IdempotentResult<'counted' | 'stale' | 'parked'>;
    try {
      done = await this.once.handle(messageId, async (tx) =>
        seen.ok ? this.store.add(tx, seen.record) : park(tx, seen.reason, seen.eventType, seen.detail),
      );
    } catch (err) {
      // Data PostgreSQL refuses (class 22: a number out of range, a bad value) would fail the same way on
      // every retry and stop the partition: park it instead. Anything else (the database gone) is retried.
      if (!isDataError(err)) throw err;
      done = await this.once.handle(messageId, (tx) =>
        park(tx, 'rejected-by-database', seen.ok ? seen.record.eventType : seen.eventType, pgCode(err) ?? ''),
      );
    }
    this.handled++;
    if (done.applied) {
      this.lastAppliedAt = Date.now();
      const level = done.result === 'parked' ? 'warn' : 'debug';
      this.logger[level](
        { msg: `event ${done.result}`, topic, partition, offset: message.offset },
        EventConsumer.name,
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    const c = this.consumer;
    this.consumer = undefined;
    await c?.disconnect().catch(() => undefined);
  }
}

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** PostgreSQL's data exceptions (SQLSTATE class 22): the event's content, not the database, is at fault. */
export function isDataError(err: unknown): boolean {
  return pgCode(err)?.startsWith('22') ?? false;
}
