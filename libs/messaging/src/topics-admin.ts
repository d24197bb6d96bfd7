import { Kafka, logLevel } from 'kafkajs';
import type { TopicSpec } from '@prosmed/contracts';

export interface TopicPlan {
  create: TopicSpec[];
  grow: { name: string; from: number; to: number }[];
}

/** Pure: which topics to create and which to give more partitions (never fewer: Kafka cannot shrink). */
export function planTopics(wanted: readonly TopicSpec[], existing: ReadonlyMap<string, number>): TopicPlan {
  const plan: TopicPlan = { create: [], grow: [] };
  for (const t of wanted) {
    const have = existing.get(t.name);
    if (have === undefined) plan.create.push(t);
    else if (have < t.partitions) plan.grow.push({ name: t.name, from: have, to: t.partitions });
  }
  return plan;
}

/**
 * Creates missing topics and adds partitions where the contract asks for more; never deletes. Used by the
 * stack runner at `up` and by every service at start (auto-creation is off on the broker).
 */
export async function ensureTopics(
  cfg: { brokers: string[]; clientId?: string },
  wanted: readonly TopicSpec[],
): Promise<TopicPlan & { total: number }> {
  const admin = new Kafka({
    clientId: `${cfg.clientId ?? 'prosmed'}-admin`,
    brokers: cfg.brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 300 },
  }).admin();
  await admin.connect();
  try {
    const names = new Set(await admin.listTopics());
    const present = wanted.filter((t) => names.has(t.name)).map((t) => t.name);
    const existing = new Map<string, number>();
    if (present.length > 0) {
      const md = await admin.fetchTopicMetadata({ topics: present });
      for (const t of md.topics) existing.set(t.name, t.partitions.length);
    }
    const plan = planTopics(wanted, existing);
    if (plan.create.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: plan.create.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: 1,
        })),
      });
    }
    if (plan.grow.length > 0) {
      await admin.createPartitions({
        topicPartitions: plan.grow.map((g) => ({ topic: g.name, count: g.to })),
      });
    }
    return { ...plan, total: wanted.length };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
