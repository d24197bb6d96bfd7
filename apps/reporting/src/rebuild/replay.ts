import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaConfig } from '@prosmed/config';
import { Headers } from '@prosmed/contracts';
import { classify, type SourceRecordInput } from '../ingest/event-sources';

export interface Replayed {
  /** One record per event id, later versions of a subject replacing earlier ones (as the consumer does). */
  records: SourceRecordInput[];
  /** Every event id read (the consumer's claims). */
  messageIds: string[];
  /** Older versions of subjects (an edited CCS activity's first version): stored, not counted. */
  superseded: SourceRecordInput[];
  /** The ids of the events read as records (counted, or an older version of a subject): none is parked. */
  readable: string[];
  parked: number;
  read: number;
}

/**
 * Reads every event topic from its beginning to the end it has now, in a throwaway group, and classifies
 * each event exactly as the live consumer does. Returns once every partition reached its high watermark.
 */
export async function replayTopics(
  kafka: KafkaConfig,
  topics: readonly string[],
  timeoutMs = 300_000,
): Promise<Replayed> {
  const client = new Kafka({
    clientId: `${kafka.clientId}-rebuild`,
    brokers: kafka.brokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = client.admin();
  await admin.connect();
  const ends = new Map<string, bigint>();
  const starts = new Map<string, bigint>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) {
      ends.set(`${topic}:${p.partition}`, BigInt(p.high));
      starts.set(`${topic}:${p.partition}`, BigInt(p.low));
    }
  }
  await admin.disconnect();
  // A partition whose records the broker deleted (low = high > 0) has nothing to read: waiting for its
  // last offset would never end.
  const pending = new Set([...ends].filter(([k, high]) => high > (starts.get(k) ?? 0n)).map(([k]) => k));
  const byId = new Map<string, SourceRecordInput>();
  const latest = new Map<string, SourceRecordInput>();
  const versions: SourceRecordInput[] = [];
  const ids = new Set<string>();
  const readable: string[] = [];
  let parked = 0;
  let read = 0;
  const groupId = `reporting-rebuild-${randomUUID()}`;
  const consumer = client.consumer({ groupId, maxBytes: 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replay not finished after ${timeoutMs} ms`)), timeoutMs);
    if (pending.size === 0) {
      clearTimeout(timer);
      resolve();
    }
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        read++;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {}))
          if (v !== undefined) headers[k] = String(v);
        const id = headers[Headers.messageId] || `kafka:${topic}:${partition}:${message.offset}`;
        if (!ids.has(id)) {
          ids.add(id);
          const c = classify(topic, headers, message.value?.toString('utf8') ?? null, id);
          if (c.ok) readable.push(id);
          if (!c.ok) parked++;
          else if (c.record.subject === null) byId.set(id, c.record);
          else {
            versions.push(c.record);
            const key = `${c.record.eventType}|${c.record.subject}`;
            const prev = latest.get(key);
            if (!prev || (prev.subjectVersion ?? 0) < (c.record.subjectVersion ?? 0))
              latest.set(key, c.record);
          }
        }
        if (BigInt(message.offset) + 1n >= (ends.get(`${topic}:${partition}`) ?? 0n))
          pending.delete(`${topic}:${partition}`);
        if (pending.size === 0) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
    const cleanup = client.admin();
    await cleanup.connect();
    await cleanup.deleteGroups([groupId]).catch(() => undefined);
    await cleanup.disconnect();
  }
  const newest = new Set([...latest.values()].map((r) => r.messageId));
  return {
    records: [...byId.values(), ...latest.values()],
    superseded: versions.filter((r) => !newest.has(r.messageId)),
    messageIds: [...ids],
    readable,
    parked,
    read,
  };
}
