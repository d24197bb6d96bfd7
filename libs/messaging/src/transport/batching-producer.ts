import type { DriverProducer, OutgoingRecord } from './driver';

interface Pending {
  record: OutgoingRecord;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * The most bytes of records sent in one produce call. Kafka checks `max.message.bytes` against a whole
 * record batch (all the records of one partition in one request), not against each record: two replies
 * of 6 MB to the same reply topic sent together would make one batch of 12 MB and both would fail. So a
 * turn's records are split into sends of at most this size; a larger record goes alone.
 */
export const MAX_BATCH_BYTES = 1024 * 1024;

/** The bytes a record adds to a batch, near enough: value, key and headers. */
export function recordBytes(r: OutgoingRecord): number {
  let n = (r.value === null ? 0 : Buffer.byteLength(r.value)) + (r.key ? Buffer.byteLength(r.key) : 0);
  for (const [k, v] of Object.entries(r.headers)) n += k.length + Buffer.byteLength(v);
  return n;
}

/** Consecutive runs of items whose sizes add up to at most `max` (an item larger than `max` alone). */
export function chunksBySize<T>(items: readonly T[], size: (item: T) => number, max: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item);
    if (current.length > 0 && bytes + n > max) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Sends the records queued during one turn of the event loop together, one produce request per topic
 * (and per `MAX_BATCH_BYTES` of records).
 * Under load this turns N concurrent calls (or replies to one asker) into one round trip to the broker
 * instead of N; alone, a record waits only for the current turn to end (`setImmediate`), microseconds.
 */
export class BatchingProducer {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly producer: DriverProducer,
    private readonly maxBatch = 500,
    private readonly maxBatchBytes = MAX_BATCH_BYTES,
  ) {}

  send(record: OutgoingRecord): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    // One send per topic: a topic that is gone (the reply topic of an instance that stopped) fails its
    // own records only, not the replies to everyone else that happened to share the turn.
    const byTopic = new Map<string, Pending[]>();
    for (const p of batch) {
      const list = byTopic.get(p.record.topic);
      if (list) list.push(p);
      else byTopic.set(p.record.topic, [p]);
    }
    const groups = [...byTopic.values()].flatMap((g) =>
      chunksBySize(g, (p) => recordBytes(p.record), this.maxBatchBytes),
    );
    for (const group of groups) {
      const sent = this.producer.send(group.map((p) => p.record)).then(
        () => {
          for (const p of group) p.resolve();
        },
        (err: unknown) => {
          for (const p of group) p.reject(err);
        },
      );
      this.inFlight.add(sent);
      void sent.finally(() => this.inFlight.delete(sent));
    }
  }

  /** Sends what is queued, waits for every send in flight, then closes the producer. */
  async close(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
    await this.producer.close();
  }
}
