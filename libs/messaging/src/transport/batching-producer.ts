import type { DriverProducer, OutgoingRecord } from './driver';

interface Pending {
  record: OutgoingRecord;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Sends the records queued during one turn of the event loop as one produce request. Under load this
 * turns N concurrent calls (or replies) into one round trip to the broker instead of N; alone, a record
 * waits only for the current turn to end (`setImmediate`), a few microseconds.
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
    const sent = this.producer.send(batch.map((p) => p.record)).then(
      () => {
        for (const p of batch) p.resolve();
      },
      (err: unknown) => {
        for (const p of batch) p.reject(err);
      },
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  /** Sends what is queued, waits for every send in flight, then closes the producer. */
  async close(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
    await this.producer.close();
  }
}
