import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { testConfig } from './stack';

export interface Received {
  topic: string;
  partition: number;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

function decode(topic: string, partition: number, m: KafkaMessage): Received {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) if (v !== undefined) headers[k] = String(v);
  const raw = m.value?.toString() ?? null;
  let value: unknown = raw;
  try {
    value = raw === null ? null : JSON.parse(raw);
  } catch {
    /* not JSON: keep the string */
  }
  return { topic, partition, key: m.key?.toString() ?? null, value, headers };
}

export function testKafka(): Kafka {
  return new Kafka({
    clientId: `prosmed-test-${process.pid}`,
    brokers: testConfig().kafka.brokers,
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Records every message of some topics from the beginning, in a fresh consumer group, so a test can
 * wait for the ones it caused (filter on something unique to the test) without racing the group join.
 */
export class TopicRecorder {
  readonly messages: Received[] = [];
  private consumer?: Consumer;

  static async start(topics: string[]): Promise<TopicRecorder> {
    const r = new TopicRecorder();
    r.consumer = testKafka().consumer({ groupId: `prosmed-test-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await r.consumer.connect();
    await r.consumer.subscribe({ topics, fromBeginning: true });
    await r.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        r.messages.push(decode(topic, partition, message));
      },
    });
    return r;
  }

  /** Waits until `count` matching messages arrived (or the bound), then returns the matches. */
  async waitFor(match: (m: Received) => boolean, count = 1, timeoutMs = 15000): Promise<Received[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.filter(match);
      if (found.length >= count || Date.now() > until) return found;
      await new Promise((res) => setTimeout(res, 50));
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
