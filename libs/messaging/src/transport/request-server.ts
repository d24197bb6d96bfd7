import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { domainError, Headers, isRemoteErrorPayload } from '@prosmed/contracts';
import {
  IDLE_FETCH_WAIT_MS,
  MAX_RESTART_DELAY_MS,
  REQUEST_COMMIT_INTERVAL_MS,
  REQUEST_CONCURRENCY,
  type GroupTimings,
} from '../kafka-options';
import { INTERNAL_ERROR_REPLY } from '../service/exception-filter';
import { BatchingProducer } from './batching-producer';
import type { DriverConsumer, DriverLog, IncomingRecord, KafkaDriver } from './driver';
import { RequestMessageContext } from './request-context';
import { decodeValue, replyRecord, replyToOf, type ReplyTo } from './wire';

export interface RequestServerOptions {
  driver: KafkaDriver;
  /** The service's request topic (`land.requests.v1`), or how to find it once handlers are registered. */
  topic: string | (() => string);
  /** One group per service: its replicas share the topic's partitions. */
  groupId: string;
  /** Session and heartbeat timings, or how to ask the broker for them (once, at the first start). */
  timings: GroupTimings | (() => Promise<GroupTimings>);
  /** Partitions handled at once (each in order); `REQUEST_CONCURRENCY` by default. */
  concurrency?: number;
  log: DriverLog;
}

const REPLY_DEADLINE_SLACK_MS = 1000;

type Outcome = { result: unknown } | { error: unknown };

/**
 * The service kit's Nest transport: consumes the service's one request topic and hands each record to the
 * `@MessagePattern` handler named by its `x-message` header, through Nest's pipeline (guards, interceptors,
 * the exception filter, `@Payload`, `@Ctx`). The reply, a result or the error payload the exception filter
 * made, goes to the topic in `x-reply-to` with the request's `x-correlation-id`. A message id no handler
 * knows is answered `MESSAGE_UNKNOWN`: a gateway newer than this replica must get an answer, not a wait.
 *
 * Partitions are handled concurrently, each in order (the key is the record's aggregate for commands);
 * a record's offset counts as handled once its reply is sent, so a crash redelivers what was not answered.
 */
export class KafkaRequestServer extends Server implements CustomTransportStrategy {
  private consumer?: DriverConsumer;
  private producer?: BatchingProducer;
  private closed = false;
  private restarting?: NodeJS.Timeout;
  private joined = false;
  private timings?: GroupTimings;

  constructor(private readonly opts: RequestServerOptions) {
    super();
  }

  /** In the service's group now, with partitions assigned (for `/ready`). */
  get consumerJoined(): boolean {
    return this.joined;
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (err: unknown) => callback(err),
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restarting);
    const consumer = this.consumer;
    this.consumer = undefined;
    // The consumer first: it finishes the records in hand (their replies need the producer) and leaves.
    await consumer
      ?.stop()
      .catch((err: unknown) => this.opts.log.warn({ msg: 'stopping the consumer failed', err: String(err) }));
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close().catch(() => undefined);
    this.joined = false;
  }

  on(): never {
    throw new Error('KafkaRequestServer has no events to listen to; its state is `consumerJoined`');
  }

  /** The message ids of the registered request handlers. */
  handlerPatterns(): string[] {
    return [...this.messageHandlers].filter(([, h]) => !h.isEventHandler).map(([p]) => p);
  }

  unwrap<T>(): T {
    return { driver: this.opts.driver, consumer: this.consumer } as T;
  }

  private async start(): Promise<void> {
    this.producer ??= new BatchingProducer(await this.opts.driver.producer());
    const o = this.opts;
    this.timings ??= typeof o.timings === 'function' ? await o.timings() : o.timings;
    const t = this.timings;
    this.consumer = await this.opts.driver.consume({
      topic: typeof o.topic === 'function' ? o.topic() : o.topic,
      groupId: this.opts.groupId,
      // A new group starts at the end: requests sent before any replica existed have timed out long ago.
      fromBeginning: false,
      concurrency: this.opts.concurrency ?? REQUEST_CONCURRENCY,
      sessionTimeoutMs: t.sessionTimeoutMs,
      heartbeatIntervalMs: t.heartbeatIntervalMs,
      rebalanceTimeoutMs: t.rebalanceTimeoutMs,
      maxWaitMs: IDLE_FETCH_WAIT_MS,
      commitIntervalMs: REQUEST_COMMIT_INTERVAL_MS,
      handle: (r) => this.handleRecord(r),
      onMembership: (joined) => (this.joined = joined),
      onFatal: (err) => this.restart(err),
    });
  }

  /** The consumer died for good (not a retriable crash): start a new one, every few seconds until it works. */
  private restart(err: unknown, delayMs = 1000): void {
    if (this.closed) return;
    this.joined = false;
    this.opts.log.error({
      msg: 'request consumer stopped; starting a new one',
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
          await this.start();
        } catch (e) {
          this.restart(e, Math.min(delayMs * 2, MAX_RESTART_DELAY_MS));
        }
      })();
    }, delayMs);
  }

  /** Never rejects: whatever happens, the asker gets an answer or its own timeout. */
  async handleRecord(record: IncomingRecord): Promise<void> {
    const messageId = record.headers[Headers.message] ?? '';
    const to = replyToOf(record.headers);
    const handler = messageId ? this.getHandlerByPattern(messageId) : null;
    if (!handler || handler.isEventHandler) {
      this.opts.log.warn({
        msg: 'request for a message id this service has no handler for',
        message: messageId || undefined,
        requestId: record.headers[Headers.requestId],
      });
      this.reply(to, record, {
        error: domainError('MESSAGE_UNKNOWN', { message: messageId || '-' }).toPayload(),
      });
      return;
    }
    const ctx = new RequestMessageContext(record, messageId);
    const outcome = await this.run(handler, decodeValue(record.value), ctx);
    this.reply(to, record, outcome);
  }

  private async run(handler: MessageHandler, data: unknown, ctx: RequestMessageContext): Promise<Outcome> {
    let outcome: Outcome = { result: undefined };
    const work = async () => {
      try {
        // A handler that streams answers with its last value: request-reply has one answer.
        const result = await lastValueFrom(this.transformToObservable(await handler(data, ctx)), {
          defaultValue: undefined,
        });
        outcome = { result };
      } catch (err) {
        outcome = { error: this.errorReplyOf(err, ctx) };
      } finally {
        this.onProcessingEndHook?.(this.transportId as symbol, ctx);
      }
    };
    // Nest's hook for tracing; by default it just runs `work`.
    await this.onProcessingStartHook(this.transportId as symbol, ctx, work);
    return outcome;
  }

  /** The exception filter has already turned errors into payloads; anything else is internal. */
  private errorReplyOf(err: unknown, ctx: RequestMessageContext): unknown {
    if (isRemoteErrorPayload(err) || typeof err === 'string') return err;
    this.opts.log.error({
      msg: `unhandled error outside the exception filter: ${err instanceof Error ? err.message : String(err)}`,
      pattern: ctx.getPattern(),
      requestId: ctx.getMessage().headers?.[Headers.requestId],
    });
    return INTERNAL_ERROR_REPLY;
  }

  /**
   * Not awaited: the partition's next record need not wait for this reply's round trip, and a reply that
   * cannot be sent is lost either way (the asker times out: 504, or 503 when the broker is gone).
   */
  private reply(to: ReplyTo | undefined, request: IncomingRecord, outcome: Outcome): void {
    if (!to) return; // nobody waits (a request sent without a reply topic)
    // Past its deadline the asker has stopped waiting, and may be gone with its reply topic: sending
    // would only cost a failed produce (kafkajs retries an unknown topic for seconds). The slack covers
    // clocks that disagree a little between machines.
    const deadline = Number(request.headers[Headers.deadline]);
    if (Number.isFinite(deadline) && Date.now() > deadline + REPLY_DEADLINE_SLACK_MS) {
      this.opts.log.debug?.({ msg: 'reply dropped: the asker stopped waiting', replyTo: to.topic });
      return;
    }
    const producer = this.producer;
    if (!producer) return;
    producer
      .send(replyRecord(to, outcome))
      .catch((err: unknown) =>
        this.opts.log.warn({ msg: 'reply not sent', replyTo: to.topic, err: String(err) }),
      );
  }
}
