import { createHash } from 'node:crypto';
import { SetMetadata } from '@nestjs/common';
import { Headers } from '@prosmed/contracts';

export const COMMAND_METADATA = 'prosmed:command';

/**
 * Marks a request-reply handler that writes. The service kit runs it in one transaction that first
 * records the command's key (its caller's `Idempotency-Key`, else its message id) and finally its
 * result: a second delivery of the same command returns that result and writes nothing, a command that
 * arrives after its deadline is refused. Handlers that only read are left alone.
 */
export const Command = (): MethodDecorator => SetMetadata(COMMAND_METADATA, true);

/**
 * How long a command's key and result are kept. Longer than the gateway's key store (24 h), so a client
 * retry the gateway no longer recognises still finds its first result here; bounded because the stored
 * result may hold personal data (a case's parties).
 */
export const COMMAND_LOG_TTL_HOURS = 48;

type HeaderValue = string | Buffer | object | null | undefined;

function text(v: HeaderValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeof v === 'string') return v;
  // Nest's parser turns header values that look like JSON into values; a number-looking deadline too.
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

export interface CommandHeaders {
  /** `<sub>:<Idempotency-Key>`, set by the gateway when the client sent a key. */
  idempotencyKey?: string;
  /** Unique per message, set by the gateway on every write. */
  messageId?: string;
  /** Epoch ms after which the caller no longer waits. */
  deadline?: number;
}

export function readCommandHeaders(headers: Record<string, HeaderValue> | undefined): CommandHeaders {
  const h = headers ?? {};
  const idempotencyKey = text(h[Headers.idempotencyKey])?.trim() || undefined;
  const messageId = text(h[Headers.messageId])?.trim() || undefined;
  const raw = text(h[Headers.deadline])?.trim();
  // A deadline that does not parse is ignored rather than refusing the command: it only ever protects.
  const deadline = raw && /^\d{10,16}$/.test(raw) ? Number(raw) : undefined;
  return { idempotencyKey, messageId, deadline };
}

/** Where the message came from, for the last-resort key of a command without key or message id. */
export interface MessageOrigin {
  topic?: string;
  partition?: number;
  offset?: string;
}

/**
 * The command log's key. The client's key first (a retry through another gateway instance carries it);
 * else the message id (a redelivery of the same message carries it); else the Kafka record itself, which
 * still catches a redelivery after a crash.
 */
export function commandKeyOf(h: CommandHeaders, origin: MessageOrigin): string | undefined {
  if (h.idempotencyKey) return `key:${h.idempotencyKey}`;
  if (h.messageId) return `msg:${h.messageId}`;
  if (origin.topic && origin.partition !== undefined && origin.offset !== undefined) {
    return `kafka:${origin.topic}:${origin.partition}:${origin.offset}`;
  }
  return undefined;
}

/**
 * JSON with object keys sorted at every level, so that `{"a":1,"b":2}` and `{"b":2,"a":1}` are the same
 * request. Array order matters. `undefined` members are dropped as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** What makes two deliveries "the same command" for one key: the message name and the payload. */
export function commandHash(message: string, payload: unknown): string {
  return createHash('sha256')
    .update(message)
    .update('\n')
    .update(canonicalJson(payload ?? null))
    .digest('hex');
}

/** Past its deadline: the caller has stopped waiting, so the command must not start. */
export function isExpired(deadline: number | undefined, now: number): boolean {
  return deadline !== undefined && now > deadline;
}
