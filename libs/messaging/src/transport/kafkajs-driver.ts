import {
  ConfigResourceTypes,
  ConfigSource,
  Kafka,
  logLevel,
  PartitionAssigners,
  Partitioners,
  type PartitionAssigner,
  type Admin,
  type IHeaders,
  type KafkaMessage,
  type logCreator,
} from 'kafkajs';
import type {
  ConsumeOptions,
  DriverAdmin,
  DriverConsumer,
  DriverLog,
  DriverOptions,
  DriverProducer,
  GroupDescription,
  IncomingRecord,
  KafkaDriver,
  OutgoingRecord,
  TopicCreation,
  WireHeaders,
} from './driver';
import { FETCH_MAX_BYTES, FETCH_MAX_PARTITION_BYTES } from './driver';

export function headersFromKafkaJs(h: IHeaders | undefined): WireHeaders {
  const out: WireHeaders = {};
  for (const [k, v] of Object.entries(h ?? {})) {
    if (v === undefined) continue;
    const one = Array.isArray(v) ? v[v.length - 1] : v;
    out[k] = Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
  }
  return out;
}

function incoming(topic: string, partition: number, m: KafkaMessage): IncomingRecord {
  return {
    topic,
    partition,
    offset: m.offset,
    key: m.key ? m.key.toString('utf8') : null,
    value: m.value,
    headers: headersFromKafkaJs(m.headers),
    timestamp: Number(m.timestamp),
  };
}

function byTopic(records: readonly OutgoingRecord[]) {
  const topics = new Map<string, { key?: string; value: Buffer | string | null; headers: WireHeaders }[]>();
  for (const r of records) {
    let list = topics.get(r.topic);
    if (!list) topics.set(r.topic, (list = []));
    list.push({ key: r.key, value: r.value, headers: r.headers });
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * kafkajs' own log lines to the owner's log. One warning is dropped: kafkajs warns that an idempotent
 * producer with bounded retries "may invalidate EoS guarantees". The platform does not rely on
 * exactly-once delivery; the bound is what lets a send fail while the broker is away.
 */
function logCreatorOf(log: DriverLog): logCreator {
  return () =>
    ({ level, log: entry }) => {
      const {
        message,
        timestamp: _t,
        logger: _l,
        ...extra
      } = entry as { message: string; [k: string]: unknown };
      if (level === logLevel.WARN && message.includes('may invalidate EoS guarantees')) return;
      const line = { msg: message, client: 'kafkajs', ...extra };
      // A heartbeat or commit answered "rebalancing" is how a member learns of a rebalance: not an error.
      const rebalancing = /rebalanc/i.test(String(extra.error ?? ''));
      if (level === logLevel.ERROR && !rebalancing) log.error(line);
      else if (rebalancing) log.debug?.(line);
      else if (level === logLevel.WARN) log.warn(line);
      else log.debug?.(line);
    };
}

const CONSOLE_LOG: DriverLog = {
  warn: (l) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...l })}\n`),
  error: (l) => process.stderr.write(`${JSON.stringify({ level: 'error', ...l })}\n`),
};

/**
 * kafkajs' round robin under the name other clients give it (`roundrobin`, as @platformatic/kafka does):
 * the broker forms a group only from members that share a protocol name, so with kafkajs' own name
 * (`RoundRobinAssigner`) replicas on the two clients could not share a service's partitions, and a
 * service could not move from one client to the other one replica at a time. kafkajs' own name is
 * offered second, so a replica of this build also joins a group of replicas of an older build.
 */
export const SHARED_ROUND_ROBIN = 'roundrobin';
const roundRobin: PartitionAssigner = (config) => ({
  ...PartitionAssigners.roundRobin(config),
  name: SHARED_ROUND_ROBIN,
});

/** kafkajs 2.2: pure JavaScript, no release since early 2023; the platform's first client. */
export class KafkaJsDriver implements KafkaDriver {
  readonly name = 'kafkajs' as const;
  private readonly kafka: Kafka;

  constructor(private readonly opts: DriverOptions) {
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      connectionTimeout: 3000,
      requestTimeout: 10000,
      // Bounded: a send while the broker is away fails within seconds, and the caller's timeout decides.
      retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2000 },
      logLevel: logLevel.WARN,
      logCreator: logCreatorOf(opts.log ?? CONSOLE_LOG),
    });
  }

  async producer(): Promise<DriverProducer> {
    const clusters: KafkaJsCluster[] = [];
    const p = withClusterOf(this.kafka, clusters, () =>
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 5,
        allowAutoTopicCreation: false,
        // kafkajs 2's default partitioner, chosen explicitly (it warns at every start otherwise).
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
    );
    await p.connect();
    const targets = new TargetTopics(clusters[0], () => this.admin());
    return {
      send: async (records) => {
        const topicMessages = byTopic(records);
        await targets.beforeSend(topicMessages.map((t) => t.topic));
        try {
          await p.sendBatch({ acks: -1, topicMessages });
        } catch (err) {
          // A topic that was deleted since (a caller's reply topic) fails every send: prune, try once more.
          if (!(await targets.prune())) throw err;
          await p.sendBatch({ acks: -1, topicMessages });
        }
      },
      close: async () => {
        await p.disconnect();
        await targets.close();
      },
    };
  }

  async consume(o: ConsumeOptions): Promise<DriverConsumer> {
    const c = this.kafka.consumer({
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeoutMs,
      heartbeatInterval: o.heartbeatIntervalMs,
      rebalanceTimeout: o.rebalanceTimeoutMs,
      maxWaitTimeInMs: o.maxWaitMs,
      // kafkajs asks 1 MiB per partition by default: room for the largest record of a request or reply
      // topic (an attachment), so a fetch never depends on the broker's oversize exception.
      maxBytesPerPartition: FETCH_MAX_PARTITION_BYTES,
      maxBytes: FETCH_MAX_BYTES,
      allowAutoTopicCreation: false,
      partitionAssigners: [roundRobin, PartitionAssigners.roundRobin],
    });
    let joined = false;
    let dead = false;
    const member = (j: boolean) => {
      if (joined === j) return;
      joined = j;
      o.onMembership?.(j);
    };
    c.on(c.events.GROUP_JOIN, () => member(true));
    c.on(c.events.STOP, () => member(false));
    c.on(c.events.DISCONNECT, () => member(false));
    c.on(c.events.CRASH, (e) => {
      member(false);
      // kafkajs restarts itself after a retriable crash (and joins again); any other is the owner's.
      if (!e.payload.restart && !dead) {
        dead = true;
        o.onFatal?.(e.payload.error);
      }
    });
    await c.connect();
    try {
      await c.subscribe({ topics: [o.topic], fromBeginning: o.fromBeginning });
      await c.run({
        partitionsConsumedConcurrently: o.concurrency,
        autoCommit: true,
        autoCommitInterval: o.commitIntervalMs,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          // kafkajs heartbeats only between messages: a slow handler must not cost the membership.
          const beat = setInterval(() => void heartbeat().catch(() => undefined), o.heartbeatIntervalMs);
          try {
            await o.handle(incoming(topic, partition, message));
          } catch (err) {
            this.opts.log?.error({ msg: 'record handler failed', topic, partition, err: String(err) });
          } finally {
            clearInterval(beat);
          }
        },
      });
    } catch (err) {
      await c.disconnect().catch(() => undefined);
      throw err;
    }
    return {
      get joined() {
        return joined;
      },
      stop: async () => {
        // Commits what was handled and sends LeaveGroup: the others take the partitions at once.
        await c.disconnect();
        member(false);
      },
    };
  }

  async admin(): Promise<DriverAdmin> {
    const a = this.kafka.admin();
    await a.connect();
    return new KafkaJsAdmin(a);
  }
}

/** The part of kafkajs' internal cluster this driver touches (kafkajs 2.2, `src/cluster/index.js`). */
interface KafkaJsCluster {
  targetTopics: Set<string>;
}

/**
 * Calls `make` (which creates one kafkajs client) and records the cluster kafkajs creates for it. kafkajs
 * keeps no public handle on it; the private factory is found by its symbol's description. Without it
 * (another kafkajs version) nothing is recorded, and the pruning below does nothing.
 */
function withClusterOf<T>(kafka: Kafka, out: KafkaJsCluster[], make: () => T): T {
  const k = kafka as unknown as Record<symbol, (...a: unknown[]) => KafkaJsCluster>;
  const sym = Object.getOwnPropertySymbols(kafka).find(
    (x) => x.description === 'private:Kafka:createCluster',
  );
  const original = sym ? k[sym] : undefined;
  if (!sym || !original) return make();
  k[sym] = (...args: unknown[]) => {
    const c = original(...args);
    out.push(c);
    return c;
  };
  try {
    return make();
  } finally {
    k[sym] = original;
  }
}

/**
 * kafkajs keeps every topic a producer ever sent to, and asks the broker about all of them whenever its
 * metadata is refreshed (a new topic, or every 5 minutes); once one of them is deleted, that request
 * fails and so does every send, for good. The service kit's producer sends replies to topics that come
 * and go with the callers, so the set is pruned to topics that still exist: when a new topic comes in,
 * at most once a minute otherwise, and after a failed send.
 */
class TargetTopics {
  private lastPrune = Date.now();
  private admin?: Promise<DriverAdmin>;

  constructor(
    private readonly cluster: KafkaJsCluster | undefined,
    private readonly connect: () => Promise<DriverAdmin>,
  ) {}

  async beforeSend(topics: readonly string[]): Promise<void> {
    const t = this.cluster?.targetTopics;
    if (!t || t.size === 0) return;
    if (topics.some((x) => !t.has(x)) || Date.now() - this.lastPrune > 60_000) await this.prune();
  }

  /** Drops deleted topics from the set; true when it dropped any. */
  async prune(): Promise<boolean> {
    const t = this.cluster?.targetTopics;
    if (!t) return false;
    this.lastPrune = Date.now();
    try {
      this.admin ??= this.connect();
      const live = new Set(await (await this.admin).listTopics());
      const gone = [...t].filter((x) => !live.has(x));
      for (const x of gone) t.delete(x);
      return gone.length > 0;
    } catch {
      const admin = this.admin;
      this.admin = undefined;
      void admin?.then((a) => a.close()).catch(() => undefined);
      return false;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.close()).catch(() => undefined);
  }
}

class KafkaJsAdmin implements DriverAdmin {
  constructor(private readonly a: Admin) {}

  listTopics(): Promise<string[]> {
    return this.a.listTopics();
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const names = new Set(await this.a.listTopics());
    const present = topics.filter((t) => names.has(t));
    const out = new Map<string, number>();
    if (present.length === 0) return out;
    const md = await this.a.fetchTopicMetadata({ topics: present });
    for (const t of md.topics) out.set(t.name, t.partitions.length);
    return out;
  }

  async topicConfigs(
    topics: readonly string[],
    keys: readonly string[],
  ): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    if (topics.length === 0) return out;
    const res = await this.a.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: [...keys] })),
    });
    for (const r of res.resources) {
      out.set(r.resourceName, Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])));
    }
    return out;
  }

  async createTopics(topics: readonly TopicCreation[]): Promise<void> {
    if (topics.length === 0) return;
    await this.a.createTopics({
      waitForLeaders: true,
      topics: topics.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
  }

  /**
   * kafkajs speaks only the non-incremental AlterConfigs, which resets every key it is not given: read the
   * topic's own (non-default) keys first and send them back with the changes.
   */
  async alterTopicConfigs(
    changes: readonly { name: string; config: Readonly<Record<string, string>> }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    const current = await this.a.describeConfigs({
      includeSynonyms: false,
      resources: changes.map((c) => ({ type: ConfigResourceTypes.TOPIC, name: c.name })),
    });
    const own = new Map(
      current.resources.map((r) => [
        r.resourceName,
        Object.fromEntries(
          r.configEntries
            .filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG && !e.isSensitive)
            .map((e) => [e.configName, e.configValue]),
        ),
      ]),
    );
    await this.a.alterConfigs({
      validateOnly: false,
      resources: changes.map((c) => ({
        type: ConfigResourceTypes.TOPIC,
        name: c.name,
        configEntries: Object.entries({ ...own.get(c.name), ...c.config }).map(([name, value]) => ({
          name,
          value,
        })),
      })),
    });
  }

  async createPartitions(changes: readonly { name: string; count: number }[]): Promise<void> {
    if (changes.length === 0) return;
    await this.a.createPartitions({
      topicPartitions: changes.map((c) => ({ topic: c.name, count: c.count })),
    });
  }

  async deleteTopics(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    await this.a.deleteTopics({ topics: [...names], timeout: 10_000 });
  }

  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    if (groupIds.length === 0) return [];
    const { groups } = await this.a.describeGroups([...groupIds]);
    return groups.map((g) => ({ groupId: g.groupId, state: g.state, members: g.members.length }));
  }

  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    // A group that still has members, or is already gone, is refused per group: both are fine here.
    await this.a.deleteGroups([...groupIds]).catch(() => undefined);
  }

  async brokerConfig(key: string): Promise<string | undefined> {
    const cluster = await this.a.describeCluster();
    const broker = cluster.brokers[0];
    if (!broker) return undefined;
    const res = await this.a.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: String(broker.nodeId), configNames: [key] }],
    });
    return res.resources[0]?.configEntries.find((e) => e.configName === key)?.configValue;
  }

  async ping(): Promise<void> {
    await this.a.describeCluster();
  }

  close(): Promise<void> {
    return this.a.disconnect();
  }
}
