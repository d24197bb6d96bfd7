import { randomUUID } from 'node:crypto';
import { TimeoutError } from 'rxjs';
import {
  Headers,
  isRemoteErrorPayload,
  REQUEST_REPLY_TOPIC_CONFIG,
  REPLY_PARTITIONS,
  replyTopicFor,
  requestTopicOf,
  serviceOfMessage,
  type Identity,
  type RemoteErrorPayload,
} from '@prosmed/contracts';
import {
  brokerGroupTimings,
  IDLE_FETCH_WAIT_MS,
  MAX_RESTART_DELAY_MS,
  type GroupTimings,
} from './kafka-options';
import { BatchingProducer } from './transport/batching-producer';
import type { DriverConsumer, DriverLog, IncomingRecord, KafkaDriver } from './transport/driver';
import { removeOrphanReplyTopics, replyInstanceId } from './transport/reply-topics';
import { decodeReply, encodeValue } from './transport/wire';

export interface CallContext {
  requestId: string;
  identity?: Identity;
  language?: string;
  /** Partition key; defaults to the request id. */
  key?: string;
  /** Commands: the caller-scoped idempotency key (`<sub>:<Idempotency-Key>`), when the client sent one. */
  idempotencyKey?: string;
  /** Unique id of this message; a command without an idempotency key is deduplicated on it. */
  messageId?: string;
}

/** Which message, answered by which service. A bare id names its service in its first segment. */
export type MessageRef = string | { readonly id: string; readonly service: string };

/** The service answered with a domain error: the caller maps its code. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  constructor(readonly payload: RemoteErrorPayload) {
    super(payload.code);
  }
}

/** No reply within the bound: the service is down, slow, or its partition is rebalancing. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly topic: string,
    readonly timeoutMs: number,
  ) {
    super(`No reply to ${topic} within ${timeoutMs} ms`);
  }
}

/** The broker could not take the request at all. */
export class BrokerUnavailableError extends Error {
  override readonly name = 'BrokerUnavailableError';
  constructor(override readonly cause: unknown) {
    super(`Kafka unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Failure the service did not classify ("Internal server error" from the transport, or a crash). */
export class RemoteFailure extends Error {
  override readonly name = 'RemoteFailure';
  constructor(readonly detail: unknown) {
    super(typeof detail === 'string' ? detail : 'Remote failure');
  }
}

/** The caller's part of a request's headers (the transport adds message id, reply topic, correlation, deadline). */
export const kafkaHeadersOf = (ctx: CallContext): Record<string, string> => {
  const h: Record<string, string> = { [Headers.requestId]: ctx.requestId };
  if (ctx.identity) h[Headers.identity] = JSON.stringify(ctx.identity);
  if (ctx.language) h[Headers.language] = ctx.language;
  if (ctx.idempotencyKey) h[Headers.idempotencyKey] = ctx.idempotencyKey;
  if (ctx.messageId) h[Headers.messageId] = ctx.messageId;
  return h;
};

export function classify(err: unknown, topic: string, timeoutMs: number): Error {
  if (err instanceof TimeoutError) return new RequestTimeoutError(topic, timeoutMs);
  if (isRemoteErrorPayload(err)) return new RemoteError(err);
  const name = (err as { name?: string } | null)?.name ?? '';
  if (/^Kafka(JS)?/.test(name) || /KafkaJS/.test(String((err as Error)?.message ?? ''))) {
    return new BrokerUnavailableError(err);
  }
  if (err instanceof Error) return new RemoteFailure(err.message);
  return new RemoteFailure(err);
}

export interface RequestReplyOptions {
  driver: KafkaDriver;
  /** Default bound of a call, in ms. */
  timeoutMs: number;
  /**
   * What this instance is (`gateway-<host>-<pid>`): its reply topic is `gateway.replies.<label>.<start>.<rand>`,
   * a new one at every start.
   */
  label: string;
  log?: DriverLog;
  /** Tests: where a service's requests go; its request topic (`requestTopicOf`) by default. */
  requestTopicOf?: (service: string) => string;
}

interface Waiting {
  resolve(v: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/** What the reply consumer read: every record on this instance's reply topic, and whether a call waited for it. */
export interface ReplyStats {
  received: number;
  matched: number;
  /** Replies nobody waits for any more (their call timed out), or foreign records. */
  unmatched: number;
}

/**
 * Request-reply over Kafka with a bound on every call, and typed errors: `RemoteError` (domain),
 * `RequestTimeoutError`, `BrokerUnavailableError`, `RemoteFailure`.
 *
 * Reply channel: each instance creates its own reply topic at start (one partition, personal-data
 * retention), reads it alone in a group of its own (named like the topic), and deletes both at a clean
 * stop. So no instance ever reads another's replies, and no rebalance between instances can move the
 * partition a call waits on. A crashed instance's topic is removed by a later start of any instance,
 * once its group has had no member for `ORPHAN_GRACE_MS` (`removeOrphanReplyTopics`).
 */
export class RequestReplyClient {
  readonly replyTopic: string;
  readonly stats: ReplyStats = { received: 0, matched: 0, unmatched: 0 };
  private readonly waiting = new Map<string, Waiting>();
  private producer?: BatchingProducer;
  private consumer?: DriverConsumer;
  private timings?: GroupTimings;
  private closed = false;
  private created = false;
  private restarting?: NodeJS.Timeout;

  constructor(private readonly opts: RequestReplyOptions) {
    this.replyTopic = replyTopicFor(replyInstanceId(opts.label));
  }

  /** Producer connected and the reply consumer in its group: a call can be answered. */
  get connected(): boolean {
    return !this.closed && this.producer !== undefined && this.consumer?.joined === true;
  }

  /**
   * Removes orphans, creates the reply topic, connects the producer and joins the reply group; resolves
   * once a reply can be received (bounded). Throws when the broker does not answer; call again to retry.
   */
  async start(joinTimeoutMs = 30_000): Promise<void> {
    if (this.closed) throw new Error('closed');
    const admin = await this.opts.driver.admin();
    try {
      this.timings ??= await brokerGroupTimings(admin);
      const removed = await removeOrphanReplyTopics(admin, this.replyTopic).catch((err: unknown) => {
        this.opts.log?.warn({ msg: 'orphan reply topics not checked', err: String(err) });
        return [];
      });
      if (removed.length > 0) this.opts.log?.warn({ msg: 'removed orphan reply topics', topics: removed });
      await admin.createTopics([
        { name: this.replyTopic, partitions: REPLY_PARTITIONS, config: REQUEST_REPLY_TOPIC_CONFIG },
      ]);
      this.created = true;
    } finally {
      await admin.close().catch(() => undefined);
    }
    this.producer ??= new BatchingProducer(await this.opts.driver.producer());
    if (!this.consumer) this.consumer = await this.consume();
    const until = Date.now() + joinTimeoutMs;
    while (!this.consumer?.joined) {
      if (this.closed) throw new Error('closed');
      if (Date.now() > until)
        throw new Error(`reply consumer did not join its group within ${joinTimeoutMs} ms`);
      await new Promise((res) => setTimeout(res, 10));
    }
  }

  private consume(): Promise<DriverConsumer> {
    const t = this.timings!;
    return this.opts.driver.consume({
      topic: this.replyTopic,
      groupId: this.replyTopic,
      // The topic is ours and was empty when created: nothing on it predates us.
      fromBeginning: true,
      concurrency: 1,
      sessionTimeoutMs: t.sessionTimeoutMs,
      heartbeatIntervalMs: t.heartbeatIntervalMs,
      rebalanceTimeoutMs: t.rebalanceTimeoutMs,
      maxWaitMs: IDLE_FETCH_WAIT_MS,
      // Only so that a rejoin does not read the whole hour again: a lost commit costs re-reading, no reply.
      commitIntervalMs: 5000,
      handle: async (r) => this.onReply(r),
      onFatal: (err) => this.restartConsumer(err),
    });
  }

  private restartConsumer(err: unknown, delayMs = 1000): void {
    if (this.closed) return;
    this.opts.log?.error({
      msg: 'reply consumer stopped; starting a new one',
      err: String(err),
      inMs: delayMs,
    });
    const old = this.consumer;
    this.consumer = undefined;
    clearTimeout(this.restarting);
    this.restarting = setTimeout(() => {
      void (async () => {
        await old?.stop().catch(() => undefined);
        if (this.closed) return;
        try {
          // A janitor may have taken the topic for an orphan while we were out: `start` creates it again.
          await this.start();
        } catch (e) {
          this.restartConsumer(e, Math.min(delayMs * 2, MAX_RESTART_DELAY_MS));
        }
      })();
    }, delayMs);
  }

  private onReply(r: IncomingRecord): void {
    this.stats.received++;
    const reply = decodeReply(r);
    const w = reply && this.waiting.get(reply.correlationId);
    if (!reply || !w) {
      this.stats.unmatched++;
      return;
    }
    this.stats.matched++;
    this.waiting.delete(reply.correlationId);
    clearTimeout(w.timer);
    if (reply.ok) w.resolve(reply.result);
    else if (isRemoteErrorPayload(reply.error)) w.reject(new RemoteError(reply.error));
    else w.reject(new RemoteFailure(reply.error));
  }

  /**
   * Sends `value` as `message` to its service's request topic and waits for the reply, at most `timeoutMs`.
   * Headers: the caller's (request id, identity, language, idempotency key, message id), then `x-message`,
   * `x-reply-to`, `x-correlation-id` and `x-deadline` (epoch ms when this call stops waiting).
   */
  send<T>(
    message: MessageRef,
    value: unknown,
    ctx: CallContext,
    timeoutMs = this.opts.timeoutMs,
  ): Promise<T> {
    const id = typeof message === 'string' ? message : message.id;
    const service = typeof message === 'string' ? serviceOfMessage(message) : message.service;
    const producer = this.producer;
    if (this.closed || !producer) {
      return Promise.reject(new BrokerUnavailableError(new Error('request-reply client not started')));
    }
    const correlationId = randomUUID();
    const headers = {
      ...kafkaHeadersOf(ctx),
      [Headers.message]: id,
      [Headers.replyTo]: this.replyTopic,
      [Headers.correlationId]: correlationId,
      [Headers.deadline]: String(Date.now() + timeoutMs),
    };
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.waiting.delete(correlationId)) reject(new RequestTimeoutError(id, timeoutMs));
      }, timeoutMs);
      this.waiting.set(correlationId, { resolve: resolve as (v: unknown) => void, reject, timer });
      producer
        .send({
          topic: (this.opts.requestTopicOf ?? requestTopicOf)(service),
          key: ctx.key ?? ctx.requestId,
          value: encodeValue(value),
          headers,
        })
        .catch((err: unknown) => {
          if (!this.waiting.delete(correlationId)) return;
          clearTimeout(timer);
          reject(new BrokerUnavailableError(err));
        });
    });
  }

  /** Calls waiting for a reply now. */
  get inFlight(): number {
    return this.waiting.size;
  }

  /**
   * Fails the calls still waiting (503: the instance is going away), leaves the reply group, deletes the
   * reply topic and its group. Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.restarting);
    for (const [cid, w] of this.waiting) {
      clearTimeout(w.timer);
      w.reject(new BrokerUnavailableError(new Error('request-reply client closing')));
      this.waiting.delete(cid);
    }
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.stop().catch(() => undefined);
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close().catch(() => undefined);
    if (!this.created) return;
    try {
      const admin = await this.opts.driver.admin();
      try {
        await admin.deleteTopics([this.replyTopic]);
        await admin.deleteGroups([this.replyTopic]);
      } finally {
        await admin.close().catch(() => undefined);
      }
    } catch (err) {
      // The broker is away: a later start of any instance removes the orphan.
      this.opts.log?.warn({ msg: 'reply topic not deleted', topic: this.replyTopic, err: String(err) });
    }
  }
}
