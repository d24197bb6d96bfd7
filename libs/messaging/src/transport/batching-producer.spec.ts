import { BatchingProducer, chunksBySize, MAX_BATCH_BYTES, recordBytes } from './batching-producer';
import type { DriverProducer, OutgoingRecord } from './driver';

const record = (topic: string, bytes: number): OutgoingRecord => ({
  topic,
  value: Buffer.alloc(bytes),
  headers: {},
});

describe('the batching producer', () => {
  it('splits by size: many small records together, a large one alone, never past the budget', () => {
    const sizes = [10, 20, 30, 100, 5, 5];
    expect(chunksBySize(sizes, (n) => n, 60)).toEqual([[10, 20, 30], [100], [5, 5]]);
    expect(chunksBySize([], (n: number) => n, 60)).toEqual([]);
  });

  it('counts value, key and headers', () => {
    expect(recordBytes({ topic: 't', key: 'abc', value: 'hello', headers: { h: 'xy' } })).toBe(3 + 5 + 3);
    expect(recordBytes({ topic: 't', value: null, headers: {} })).toBe(0);
  });

  it('sends two 6 MB records of one topic in two produce calls (Kafka limits the batch, not the record)', async () => {
    const sends: number[][] = [];
    const driver: DriverProducer = {
      send: (records) => {
        sends.push(records.map((r) => recordBytes(r)));
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    };
    const p = new BatchingProducer(driver);
    const big = 6 * 1024 * 1024;
    await Promise.all([
      p.send(record('replies', big)),
      p.send(record('replies', big)),
      p.send(record('replies', 10)),
      p.send(record('replies', 10)),
    ]);
    expect(sends).toEqual([[big], [big], [10, 10]]);
    for (const s of sends) {
      expect(s.length === 1 || s.reduce((a, b) => a + b, 0) <= MAX_BATCH_BYTES).toBe(true);
    }
  });
});
