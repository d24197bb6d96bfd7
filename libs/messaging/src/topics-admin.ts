import { Kafka } from 'kafkajs';
import type { KafkaConfig } from '@prosmed/config';
import type { TopicSpec } from '@prosmed/contracts';
import { kafkaJsConfig } from './kafka-options';

export interface TopicSyncResult {
  created: string[];
  grown: string[];
  unchanged: number;
}

/** Creates missing topics and adds partitions where the contract asks for more; never deletes. */
export async function ensureTopics(cfg: KafkaConfig, specs: readonly TopicSpec[]): Promise<TopicSyncResult> {
  const admin = new Kafka(kafkaJsConfig(cfg, '-admin')).admin();
  await admin.connect();
  try {
    const existing = await admin.fetchTopicMetadata({ topics: [] });
    const have = new Map(existing.topics.map((t) => [t.name, t.partitions.length]));
    const missing = specs.filter((s) => !have.has(s.name));
    const grow = specs.filter((s) => (have.get(s.name) ?? s.partitions) < s.partitions);
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({ topic: s.name, numPartitions: s.partitions, replicationFactor: 1 })),
      });
    }
    if (grow.length > 0) {
      await admin.createPartitions({
        topicPartitions: grow.map((s) => ({ topic: s.name, count: s.partitions })),
      });
    }
    return {
      created: missing.map((s) => s.name),
      grown: grow.map((s) => s.name),
      unchanged: specs.length - missing.length - grow.length,
    };
  } finally {
    await admin.disconnect();
  }
}
