import { randomUUID } from 'node:crypto';
import type { ClientKafka } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { Headers, isRemoteErrorPayload, type Identity, type RemoteErrorPayload } from '@prosmed/contracts';

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
    super(`No reply on ${topic} within ${timeoutMs} ms`);
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

export const kafkaHeadersOf = (ctx: CallContext): Record<string, string> => {
  const h: Record<string, string> = { [Headers.requestId]: ctx.requestId };
  if (ctx.identity) h[Headers.identity] = JSON.stringify(ctx.identity);
  if (ctx.language) h[Headers.language] = ctx.language;
  return h;
};

/**
 * Request-reply over Kafka with a bound on every call. Wraps Nest's `ClientKafka` so that callers get
 * typed errors: `RemoteError` (domain), `RequestTimeoutError`, `BrokerUnavailableError`, `RemoteFailure`.
 */
export class RequestReplyClient {
  constructor(
    private readonly client: ClientKafka,
    private readonly timeoutMs: number,
  ) {}

  async send<T>(topic: string, value: unknown, ctx: CallContext, timeoutMs = this.timeoutMs): Promise<T> {
    const message = { key: ctx.key ?? ctx.requestId ?? randomUUID(), value, headers: kafkaHeadersOf(ctx) };
    try {
      return await firstValueFrom(this.client.send<T>(topic, message).pipe(timeout({ first: timeoutMs })));
    } catch (err) {
      throw classify(err, topic, timeoutMs);
    }
  }
}

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
