import type { KafkaClientName } from '@prosmed/config';
import type { TopicSpec } from '@prosmed/contracts';
import { createKafkaDriver } from './kafka-options';

export interface TopicPlan {
  create: TopicSpec[];
  grow: { name: string; from: number; to: number }[];
  /** Existing topics whose configuration differs from the contract: the keys to set. */
  alter: { name: string; config: Record<string, string> }[];
}

/** What the broker has of a topic: its partition count, and the values of the keys the contract sets. */
export type ExistingTopic = number | { partitions: number; config?: Readonly<Record<string, string>> };

/**
 * Pure: which topics to create, which to give more partitions (never fewer: Kafka cannot shrink), and
 * which to reconfigure (only the keys the contract sets; a topic whose config is unknown is left alone).
 */
export function planTopics(
  wanted: readonly TopicSpec[],
  existing: ReadonlyMap<string, ExistingTopic>,
): TopicPlan {
  const plan: TopicPlan = { create: [], grow: [], alter: [] };
  for (const t of wanted) {
    const raw = existing.get(t.name);
    if (raw === undefined) {
      plan.create.push(t);
      continue;
    }
    const have = typeof raw === 'number' ? { partitions: raw, config: undefined } : raw;
    if (have.partitions < t.partitions)
      plan.grow.push({ name: t.name, from: have.partitions, to: t.partitions });
    if (t.config && have.config) {
      const differs = Object.entries(t.config).filter(([k, v]) => have.config?.[k] !== v);
      if (differs.length > 0) plan.alter.push({ name: t.name, config: Object.fromEntries(differs) });
    }
  }
  return plan;
}

/**
 * Creates missing topics with their configuration, adds partitions where the contract asks for more, and
 * sets the configuration keys the contract names where an existing topic differs (a topic made before
 * the personal-data retention, say); never deletes. Used by the stack runner at `up`, by the Compose
 * file's init service (`cli.ts topics`), and by every service at start (auto-creation is off).
 */
export async function ensureTopics(
  cfg: { brokers: string[]; clientId?: string; client?: KafkaClientName },
  wanted: readonly TopicSpec[],
): Promise<TopicPlan & { total: number }> {
  const driver = createKafkaDriver(
    {
      brokers: cfg.brokers,
      clientId: cfg.clientId ?? 'prosmed',
      client: cfg.client ?? 'kafkajs',
    },
    '-admin',
  );
  const admin = await driver.admin();
  try {
    const names = wanted.map((t) => t.name);
    const partitions = await admin.partitionCounts(names);
    const present = [...partitions.keys()];
    const keys = [...new Set(wanted.flatMap((t) => Object.keys(t.config ?? {})))];
    const configs =
      keys.length > 0 && present.length > 0 ? await admin.topicConfigs(present, keys) : new Map();
    const existing = new Map<string, ExistingTopic>(
      present.map((name) => [name, { partitions: partitions.get(name)!, config: configs.get(name) }]),
    );
    const plan = planTopics(wanted, existing);
    await admin.createTopics(
      plan.create.map((t) => ({ name: t.name, partitions: t.partitions, config: t.config })),
    );
    await admin.createPartitions(plan.grow.map((g) => ({ name: g.name, count: g.to })));
    await admin.alterTopicConfigs(plan.alter);
    return { ...plan, total: wanted.length };
  } finally {
    await admin.close().catch(() => undefined);
  }
}
