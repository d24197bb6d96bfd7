import type { KafkaClientName } from '@prosmed/config';
import { MAX_MESSAGE_BYTES } from '@prosmed/contracts';

/**
 * What one fetch may bring back, per partition and in all: the largest record a topic takes
 * (`MAX_MESSAGE_BYTES`, an attachment) with room for its batch's overhead, and a few of them at once.
 */
export const FETCH_MAX_PARTITION_BYTES = MAX_MESSAGE_BYTES + 1024 * 1024;
export const FETCH_MAX_BYTES = 4 * FETCH_MAX_PARTITION_BYTES;

/**
 * The few things the platform's transport asks of a Kafka client. The request server, the request-reply
 * client, the topic admin and the reply-topic janitor are written against this, so the client library is
 * a setting (`KAFKA_CLIENT`), measured and swapped without touching them.
 */

/** Header values on the wire are UTF-8 strings; nothing binary travels in headers. */
export type WireHeaders = Record<string, string>;

export interface OutgoingRecord {
  topic: string;
  /** Partition key; `undefined` lets the client pick (reply topics have one partition anyway). */
  key?: string;
  value: Buffer | string | null;
  headers: WireHeaders;
}

export interface IncomingRecord {
  topic: string;
  partition: number;
  /** Decimal string: offsets pass 2^53 in theory, and kafkajs gives strings. */
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: WireHeaders;
  /** Epoch ms the producer stamped. */
  timestamp: number;
}

export interface DriverProducer {
  /** One produce round (acks=all) for the whole batch; rejects when the broker cannot take it. */
  send(records: readonly OutgoingRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumeOptions {
  topic: string;
  /** Replicas of a service share one group (they split the partitions); a reply reader is alone in its own. */
  groupId: string;
  /** Where a partition with no committed offset starts: the beginning (a topic we just created) or the end. */
  fromBeginning: boolean;
  /** Partitions handled at once; each partition's records are handled one after the other, in order. */
  concurrency: number;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  /** How long the broker may hold a fetch that finds nothing (see `IDLE_FETCH_WAIT_MS`). */
  maxWaitMs: number;
  /** Handled offsets are committed at most this often (and at stop). */
  commitIntervalMs: number;
  /**
   * Called once per record; the next record of the same partition waits for the returned promise. It must
   * not reject: a rejection is logged by the driver and the record counts as handled.
   */
  handle(record: IncomingRecord): Promise<void>;
  /** The consumer died and will not recover by itself: its owner decides (reconnect, or not ready). */
  onFatal?(err: unknown): void;
  /** Membership changes, for readiness: `true` once in the group with an assignment, `false` when out. */
  onMembership?(joined: boolean): void;
}

export interface DriverConsumer {
  /** In its group right now, with its partitions assigned. */
  readonly joined: boolean;
  /** Waits for the records in hand, commits their offsets and leaves the group (no session-timeout wait). */
  stop(): Promise<void>;
}

export interface TopicCreation {
  name: string;
  partitions: number;
  config?: Readonly<Record<string, string>>;
}

/** States as the broker names them: `Stable`, `Empty`, `Dead`, `PreparingRebalance`, ... */
export interface GroupDescription {
  groupId: string;
  state: string;
  members: number;
}

export interface DriverAdmin {
  listTopics(): Promise<string[]>;
  /** Partition count of each existing topic asked for; absent topics are left out. */
  partitionCounts(topics: readonly string[]): Promise<Map<string, number>>;
  /** The asked keys of each topic's configuration, as the broker reports them (defaults included). */
  topicConfigs(
    topics: readonly string[],
    keys: readonly string[],
  ): Promise<Map<string, Record<string, string>>>;
  /** Creates topics and waits for their leaders; a topic that already exists is not an error. */
  createTopics(topics: readonly TopicCreation[]): Promise<void>;
  /** Sets these keys on existing topics, leaving their other keys as they are. */
  alterTopicConfigs(
    changes: readonly { name: string; config: Readonly<Record<string, string>> }[],
  ): Promise<void>;
  createPartitions(changes: readonly { name: string; count: number }[]): Promise<void>;
  deleteTopics(names: readonly string[]): Promise<void>;
  describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]>;
  /** Deletes groups that have no member (a group with members is refused by the broker: not an error here). */
  deleteGroups(groupIds: readonly string[]): Promise<void>;
  /** A broker setting (e.g. `group.min.session.timeout.ms`) of any broker, or `undefined`. */
  brokerConfig(key: string): Promise<string | undefined>;
  /** Describes the cluster: throws when no broker answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface KafkaDriver {
  readonly name: KafkaClientName;
  producer(): Promise<DriverProducer>;
  consume(opts: ConsumeOptions): Promise<DriverConsumer>;
  /** A connected admin client; close it when done. */
  admin(): Promise<DriverAdmin>;
}

/** A problem the client reports about itself (connection lost, a retry), for the owner's log. */
export interface DriverLog {
  warn(line: Record<string, unknown>): void;
  error(line: Record<string, unknown>): void;
  debug?(line: Record<string, unknown>): void;
}

export interface DriverOptions {
  brokers: string[];
  clientId: string;
  log?: DriverLog;
}
