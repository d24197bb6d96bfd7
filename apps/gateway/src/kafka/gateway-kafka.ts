import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { type Admin, Kafka } from 'kafkajs';
import { replyTopicOf } from '@prosmed/contracts';
import {
  BrokerUnavailableError,
  type CallContext,
  JsonLogger,
  kafkaClientOptions,
  kafkaJsConfig,
  RemoteError,
  RequestReplyClient,
  RequestTimeoutError,
} from '@prosmed/messaging';
import type { GatewayConfig } from '../config';
import { GatewayMetrics, type KafkaOutcome } from '../metrics/metrics';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../tokens';
import { GATEWAY_TOPICS, type GatewayTopic } from './gateway-topics';

const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms).unref());

function outcomeOf(err: unknown): KafkaOutcome {
  if (err instanceof RemoteError) return 'remote_error';
  if (err instanceof RequestTimeoutError) return 'timeout';
  if (err instanceof BrokerUnavailableError) return 'unavailable';
  return 'failure';
}

/**
 * Request-reply over Kafka for the gateway: Nest's `ClientKafka` wrapped in `RequestReplyClient` (typed
 * errors, a timeout on every call), plus readiness and metrics.
 *
 * Reply routing: Nest puts in each request the reply topic and, as `kafka_replyPartition`, the LOWEST
 * partition of that topic assigned to this client's consumer; the service answers on that partition and
 * the client matches replies to calls by correlation id. Each gateway instance has its own consumer group
 * (`gateway-<host>-<pid>`), so it is assigned every partition of every reply topic: no rebalance between
 * instances can move a partition away while a call waits for its reply (calls never time out because
 * another instance joined). The cost: every instance asks for replies on partition 0 and reads the replies
 * of all instances, dropping those whose correlation id it does not know. Fine for a few instances; with
 * many, share one group with Nest's reply-partition assigner (one partition per instance; reply topics
 * need at least as many partitions as instances) and accept the rebalance window.
 */
@Injectable()
export class GatewayKafka implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly client: ClientKafka;
  private readonly rr: RequestReplyClient;
  private readonly topics = new Set<string>(GATEWAY_TOPICS);
  private readonly kafka: Kafka;
  private admin?: Admin;
  private adminConnected?: Promise<void>;
  private connected = false;
  private closed = false;
  private loop?: Promise<void>;
  private lastProbe = { at: 0, ok: false };

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly cfg: GatewayConfig,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
  ) {
    const options = kafkaClientOptions(cfg.kafka, cfg.replyGroupId).options ?? {};
    this.client = new ClientKafka(options);
    for (const topic of GATEWAY_TOPICS) this.client.subscribeToResponseOf(topic);
    this.rr = new RequestReplyClient(this.client, cfg.kafka.requestTimeoutMs);
    this.kafka = new Kafka({ ...kafkaJsConfig(cfg.kafka, '-gateway-admin'), retry: { retries: 0 } });
  }

  /** Connects in the background: the gateway serves /api/health at once and /api/ready says when Kafka is. */
  onApplicationBootstrap(): void {
    this.loop = this.connectLoop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.connected = false;
    await this.client.close().catch(() => undefined);
    if (this.admin) await this.admin.disconnect().catch(() => undefined);
    await this.loop;
  }

  /** True once the producer is connected and the reply consumer owns a partition of every reply topic. */
  isConnected(): boolean {
    return this.connected;
  }

  /** Waits (bounded) until connected; for start-up in tests and the benchmark. */
  async whenConnected(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.connected) {
      if (Date.now() > until || this.closed) throw new Error(`Kafka not connected within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  async send<T>(topic: GatewayTopic, value: unknown, ctx: CallContext): Promise<T> {
    if (!this.topics.has(topic)) throw new Error(`${topic} is not in GATEWAY_TOPICS`);
    const started = process.hrtime.bigint();
    try {
      if (!this.connected) throw new BrokerUnavailableError(new Error('Kafka client not connected'));
      const reply = await this.rr.send<T>(topic, value, ctx);
      this.observe(topic, 'ok', started);
      return reply;
    } catch (err) {
      let error = err;
      // No reply in time: the service is slow or stopped (504) unless the broker itself is gone (503).
      if (err instanceof RequestTimeoutError && !(await this.brokerReachable(1000))) {
        error = new BrokerUnavailableError(err);
      }
      this.observe(topic, outcomeOf(error), started);
      throw error;
    }
  }

  /** Describes the cluster through a separate admin connection, bounded; the result is cached 1 s. */
  async brokerReachable(timeoutMs = 2000): Promise<boolean> {
    if (Date.now() - this.lastProbe.at < 1000) return this.lastProbe.ok;
    let ok = false;
    try {
      this.admin ??= this.kafka.admin();
      this.adminConnected ??= this.admin.connect();
      await withTimeout(
        this.adminConnected.then(() => this.admin!.describeCluster()),
        timeoutMs,
      );
      ok = true;
    } catch {
      // Reconnect from scratch next time.
      const admin = this.admin;
      this.admin = undefined;
      this.adminConnected = undefined;
      void admin?.disconnect().catch(() => undefined);
    }
    this.lastProbe = { at: Date.now(), ok };
    return ok;
  }

  private observe(topic: string, outcome: KafkaOutcome, started: bigint): void {
    this.metrics.observeKafka(topic, outcome, Number(process.hrtime.bigint() - started) / 1e9);
  }

  private restart(reason: string): void {
    if (this.closed || !this.connected) return;
    this.connected = false;
    this.logger.error({ msg: `Kafka client lost (${reason}); reconnecting` }, 'GatewayKafka');
    this.loop = this.client
      .close()
      .catch(() => undefined)
      .then(() => this.connectLoop());
  }

  private async connectLoop(): Promise<void> {
    let delay = 500;
    while (!this.closed) {
      try {
        await this.connectOnce();
        this.logger.log(
          { msg: 'Kafka request-reply client connected', groupId: this.cfg.replyGroupId },
          'GatewayKafka',
        );
        return;
      } catch (err) {
        this.connected = false;
        if (this.closed) return;
        this.logger.warn(
          { msg: 'Kafka connection failed; retrying', err: String(err), retryInMs: delay },
          'GatewayKafka',
        );
        await this.client.close().catch(() => undefined);
        await sleep(delay);
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private async connectOnce(): Promise<void> {
    await this.client.connect();
    const producer = this.client.producer;
    producer.on(producer.events.DISCONNECT, () => this.restart('producer disconnected'));
    const consumer = this.client.consumer;
    consumer.on(consumer.events.CRASH, (e) => {
      // kafkajs restarts a consumer itself after a retriable crash; after any other, start over.
      if (!e.payload.restart) this.restart(`reply consumer crashed: ${String(e.payload.error)}`);
    });
    // `connect()` returns before the group is joined; a call before then has no reply partition.
    const replyTopics = GATEWAY_TOPICS.map(replyTopicOf);
    const until = Date.now() + 30_000;
    for (;;) {
      const assigned = this.client.getConsumerAssignments();
      if (replyTopics.every((t) => assigned[t] !== undefined)) break;
      if (this.closed) throw new Error('closed');
      if (Date.now() > until) throw new Error('reply consumer did not join its group within 30 s');
      await sleep(20);
    }
    this.connected = true;
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
