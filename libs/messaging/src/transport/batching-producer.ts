import type { DriverProducer, OutgoingRecord } from './driver';

interface Pending {
  record: OutgoingRecord;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Sends the records queued during one turn of the event loop together, one produce request per topic.
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
    for (const group of byTopic.values()) {
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
