import { createRequire } from 'node:module';
import type * as Platformatic from '@platformatic/kafka';
import type {
  ConsumeOptions,
  DriverAdmin,
  DriverConsumer,
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

type Lib = typeof Platformatic;
type Msg = Platformatic.Message<string | undefined, Buffer | undefined, string, string>;

let lib: Lib | undefined;
/**
 * The package is ESM only; the platform builds to CommonJS. Node 24 loads ESM through `require`, and a
 * `require` made by `createRequire` is Node's own even under jest (whose module registry cannot load ESM
 * without an experimental flag). Loaded on first use, so kafkajs users never pay for it.
 */
function platformatic(): Lib {
  // `process.getBuiltinModule`: jest replaces `node:module`'s `createRequire` with its own, not this one.
  const nodeModule = process.getBuiltinModule?.('node:module') ?? { createRequire };
  lib ??= nodeModule.createRequire(__filename)('@platformatic/kafka') as Lib;
  return lib;
}

const TOPIC = 2; // ConfigResourceTypes.TOPIC
const BROKER = 4; // ConfigResourceTypes.BROKER
const SET = 0; // IncrementalAlterConfigOperationTypes.SET

const toBuffer = (v?: Buffer | string | null): Buffer | undefined =>
  v === undefined || v === null ? undefined : Buffer.isBuffer(v) ? v : Buffer.from(v);
const toText = (v?: Buffer | string): string | undefined =>
  v === undefined ? undefined : Buffer.isBuffer(v) ? v.toString('utf8') : v;

/** Group states as the classic protocol names them (the new protocol's `EMPTY` is `Empty`). */
function stateName(s: string): string {
  const camel: Record<string, string> = {
    EMPTY: 'Empty',
    DEAD: 'Dead',
    STABLE: 'Stable',
    PREPARING_REBALANCE: 'PreparingRebalance',
    COMPLETING_REBALANCE: 'CompletingRebalance',
  };
  return camel[s] ?? s;
}

function incoming(m: Msg): IncomingRecord {
  const headers: WireHeaders = {};
  for (const [k, v] of m.headers) headers[k] = v;
  return {
    topic: m.topic,
    partition: m.partition,
    offset: m.offset.toString(),
    key: m.key ?? null,
    value: m.value ?? null,
    headers,
    timestamp: Number(m.timestamp),
  };
}

/** A counting semaphore: at most `n` handlers run at once, whatever their partition. */
class Slots {
  private free: number;
  private readonly waiters: (() => void)[] = [];
  constructor(n: number) {
    this.free = Math.max(1, n);
  }
  async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((res) => this.waiters.push(res));
  }
  give(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.free++;
  }
}

/**
 * `@platformatic/kafka`: pure JavaScript, maintained, Node >= 22.22. One consumer stream per topic;
 * records are put in a queue per partition, so partitions are handled concurrently (up to `concurrency`
 * at once) and each in order, as kafkajs' `partitionsConsumedConcurrently` does.
 */
export class PlatformaticDriver implements KafkaDriver {
  readonly name = 'platformatic' as const;

  constructor(private readonly opts: DriverOptions) {}

  private base() {
    return {
      clientId: this.opts.clientId,
      bootstrapBrokers: this.opts.brokers,
      connectTimeout: 3000,
      timeout: 10_000,
      // Bounded: a send while the broker is away fails within seconds, and the caller's timeout decides.
      retries: 5,
      retryDelay: 300,
    };
  }

  async producer(): Promise<DriverProducer> {
    const { Producer, stringSerializer } = platformatic();
    const p = new Producer<string, Buffer | string | null, string, string>({
      ...this.base(),
      idempotent: true,
      acks: -1,
      autocreateTopics: false,
      serializers: {
        key: stringSerializer,
        value: toBuffer,
        headerKey: stringSerializer,
        headerValue: stringSerializer,
      },
    });
    return {
      send: async (records: readonly OutgoingRecord[]) => {
        await p.send({
          messages: records.map((r) => ({ topic: r.topic, key: r.key, value: r.value, headers: r.headers })),
        });
      },
      close: () => p.close(),
    };
  }

  async consume(o: ConsumeOptions): Promise<DriverConsumer> {
    const { Consumer, stringDeserializer } = platformatic();
    const log = this.opts.log;
    const c = new Consumer<string | undefined, Buffer | undefined, string, string>({
      ...this.base(),
      groupId: o.groupId,
      sessionTimeout: o.sessionTimeoutMs,
      heartbeatInterval: o.heartbeatIntervalMs,
      rebalanceTimeout: o.rebalanceTimeoutMs,
      maxWaitTime: o.maxWaitMs,
      minBytes: 1,
      // Explicit rather than the library's default (50 MB per fetch and partition), the same as kafkajs.
      maxBytes: FETCH_MAX_BYTES,
      maxBytesPerPartition: FETCH_MAX_PARTITION_BYTES,
      autocommit: false,
      // Round robin under both names kafkajs replicas may offer (see kafkajs-driver.ts): a group forms
      // only from members sharing a protocol name.
      protocols: [
        { name: 'roundrobin', version: 1 },
        { name: 'RoundRobinAssigner', version: 1 },
      ],
      deserializers: {
        key: (v?: Buffer) => stringDeserializer(v),
        value: (v?: Buffer) => v,
        headerKey: (v?: Buffer) => toText(v) ?? '',
        headerValue: (v?: Buffer) => toText(v) ?? '',
      },
    });
    let joined = false;
    let stopping = false;
    const member = (j: boolean) => {
      if (joined === j) return;
      joined = j;
      o.onMembership?.(j);
    };
    c.on('consumer:group:join', () => member(true));
    c.on('consumer:group:leave', () => member(false));
    // Once per consumer: its owner starts a new one. The consumer emits `error` when a rejoin fails (an
    // unheard `error` event would end the process), the stream when fetching gives up.
    let dead = false;
    const die = (err: unknown) => {
      member(false);
      if (stopping || dead) return;
      dead = true;
      o.onFatal?.(err);
    };
    c.on('error', die);

    let stream: Platformatic.MessagesStream<string | undefined, Buffer | undefined, string, string>;
    try {
      stream = await c.consume({
        topics: [o.topic],
        mode: 'committed',
        fallbackMode: o.fromBeginning ? 'earliest' : 'latest',
        sessionTimeout: o.sessionTimeoutMs,
        heartbeatInterval: o.heartbeatIntervalMs,
        rebalanceTimeout: o.rebalanceTimeoutMs,
      });
    } catch (err) {
      // Tried again every few seconds while the broker is away: leave nothing open behind.
      stopping = true;
      await c.close(true).catch(() => undefined);
      throw err;
    }
    // `consume` resolves once the group is joined: the join event may have fired before we listened.
    if (c.assignments !== null) member(true);

    const slots = new Slots(o.concurrency);
    const chains = new Map<number, Promise<void>>();
    const handled = new Map<number, Msg>();
    const committed = new Map<number, bigint>();
    // Fetched records wait in their partition's queue; past this many in hand the stream pauses.
    const highWater = Math.max(64, o.concurrency * 16);
    let inHand = 0;

    const handleOne = async (m: Msg) => {
      await slots.take();
      try {
        await o.handle(incoming(m));
      } catch (err) {
        log?.error({
          msg: 'record handler failed',
          topic: m.topic,
          partition: m.partition,
          err: String(err),
        });
      } finally {
        slots.give();
        handled.set(m.partition, m);
        if (--inHand < highWater / 2 && stream.isPaused() && !stopping) stream.resume();
      }
    };
    stream.on('data', (m: Msg) => {
      inHand++;
      if (inHand >= highWater) stream.pause();
      const chain = (chains.get(m.partition) ?? Promise.resolve()).then(() => handleOne(m));
      chains.set(m.partition, chain);
    });
    stream.on('error', die);

    const commit = async () => {
      const due = [...handled.values()].filter((m) => committed.get(m.partition) !== m.offset);
      await Promise.all(
        due.map(async (m) => {
          try {
            await m.commit();
            committed.set(m.partition, m.offset);
          } catch {
            // The partition moved to another member (rebalance): it resumes from the last commit that
            // landed, and handles again what this one did not commit (at least once).
          }
        }),
      );
    };
    const timer = setInterval(() => void commit(), o.commitIntervalMs);
    timer.unref();

    return {
      get joined() {
        return joined;
      },
      stop: async () => {
        stopping = true;
        clearInterval(timer);
        stream.pause();
        await Promise.allSettled([...chains.values()]);
        await commit();
        await stream.close().catch(() => undefined);
        // Sends LeaveGroup: the others take the partitions at once.
        await c.close().catch(() => c.close(true));
        member(false);
      },
    };
  }

  async admin(): Promise<DriverAdmin> {
    const { Admin } = platformatic();
    const a = new Admin(this.base());
    try {
      await a.metadata({ topics: [] });
    } catch (err) {
      await a.close().catch(() => undefined);
      throw err;
    }
    return new PlatformaticAdmin(a);
  }
}

class PlatformaticAdmin implements DriverAdmin {
  constructor(private readonly a: Platformatic.Admin) {}

  listTopics(): Promise<string[]> {
    return this.a.listTopics();
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const names = new Set(await this.a.listTopics());
    const present = topics.filter((t) => names.has(t));
    const out = new Map<string, number>();
    if (present.length === 0) return out;
    const md = await this.a.metadata({ topics: present, forceUpdate: true });
    for (const name of present) {
      const t = md.topics.get(name);
      if (t) out.set(name, t.partitionsCount);
    }
    return out;
  }

  async topicConfigs(
    topics: readonly string[],
    keys: readonly string[],
  ): Promise<Map<string, Record<string, string>>> {
    const out = new Map<string, Record<string, string>>();
    if (topics.length === 0) return out;
    const res = await this.a.describeConfigs({
      resources: topics.map((name) => ({
        resourceType: TOPIC,
        resourceName: name,
        configurationKeys: [...keys],
      })),
    });
    for (const r of res) {
      out.set(
        r.resourceName,
        Object.fromEntries(r.configs.filter((c) => c.value !== null).map((c) => [c.name, c.value as string])),
      );
    }
    return out;
  }

  async createTopics(topics: readonly TopicCreation[]): Promise<void> {
    for (const t of topics) {
      try {
        await this.a.createTopics({
          topics: [t.name],
          partitions: t.partitions,
          replicas: -1,
          configs: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        });
      } catch (err) {
        // Another start created it meanwhile: what we wanted exists.
        if (!(await this.a.listTopics()).includes(t.name)) throw err;
      }
    }
  }

  async alterTopicConfigs(
    changes: readonly { name: string; config: Readonly<Record<string, string>> }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    await this.a.incrementalAlterConfigs({
      resources: changes.map((c) => ({
        resourceType: TOPIC,
        resourceName: c.name,
        configs: Object.entries(c.config).map(([name, value]) => ({ name, configOperation: SET, value })),
      })),
    });
  }

  async createPartitions(changes: readonly { name: string; count: number }[]): Promise<void> {
    if (changes.length === 0) return;
    await this.a.createPartitions({ topics: changes.map((c) => ({ name: c.name, count: c.count })) });
  }

  async deleteTopics(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    await this.a.deleteTopics({ topics: [...names] });
  }

  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    if (groupIds.length === 0) return [];
    const groups = await this.a.describeGroups({ groups: [...groupIds] });
    return [...groups.values()].map((g) => ({
      groupId: g.id,
      state: stateName(g.state),
      members: g.members.size,
    }));
  }

  async deleteGroups(groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    // A group that still has members, or is already gone, is refused per group: both are fine here.
    await this.a.deleteGroups({ groups: [...groupIds] }).catch(() => undefined);
  }

  async brokerConfig(key: string): Promise<string | undefined> {
    const md = await this.a.metadata({ topics: [] });
    const broker = [...md.brokers.keys()][0];
    if (broker === undefined) return undefined;
    const res = await this.a.describeConfigs({
      resources: [{ resourceType: BROKER, resourceName: String(broker), configurationKeys: [key] }],
    });
    return res[0]?.configs.find((c) => c.name === key)?.value ?? undefined;
  }

  async ping(): Promise<void> {
    await this.a.metadata({ topics: [], forceUpdate: true });
  }

  close(): Promise<void> {
    return this.a.close();
  }
}
