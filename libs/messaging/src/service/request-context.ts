import { AsyncLocalStorage } from 'node:async_hooks';
import { domainError, Headers, type Identity } from '@prosmed/contracts';

export type Language = 'fr' | 'en';

/** What a handler knows about the caller: from Kafka headers set by the gateway, never from the body. */
export interface RequestContext {
  requestId: string;
  identity: Identity;
  language: Language;
}

/** The same, before the identity is required (logs, metrics, the exception filter). */
export interface RequestHeaders {
  requestId?: string;
  identity?: Identity;
  language: Language;
  /** The message id that chose the handler (`x-message`). */
  message?: string;
  /** Commands: the caller-scoped idempotency key (`x-idempotency-key`). */
  idempotencyKey?: string;
  /** The call's unique id (`x-message-id`). */
  messageId?: string;
  /** Epoch ms after which the caller no longer waits (`x-deadline`). */
  deadline?: number;
}

/**
 * What these helpers read of a handler's context: the kit's `RequestMessageContext`, or Nest's own
 * `KafkaContext` (whose `getTopic()` was the pattern too).
 */
export interface MessageContextLike {
  getMessage(): { headers?: Record<string, unknown>; offset?: string } | undefined;
  getTopic(): string;
  getPartition(): number;
}

type HeaderValue = string | Buffer | object | null | undefined;

/**
 * Nest's Kafka parser has already turned header values into strings, and values that look like JSON
 * objects into objects; raw kafkajs messages carry Buffers. Accept all three.
 */
function text(v: HeaderValue): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function json(v: HeaderValue): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && !Buffer.isBuffer(v)) return v;
  try {
    return JSON.parse(text(v) ?? '');
  } catch {
    return null;
  }
}

/** Only `fr` and `en` are rendered; anything else (or nothing) is French, the users' language. */
export function languageOf(acceptLanguage: string | undefined): Language {
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const optStr = (v: unknown): boolean => v === undefined || typeof v === 'string';

/** The identity header as the gateway writes it, or `null` when it is there but malformed. */
export function parseIdentity(raw: unknown): Identity | null | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  if (!isStr(o.sub) || !isStr(o.username)) return null;
  if (!Array.isArray(o.roles) || !o.roles.every((r) => typeof r === 'string')) return null;
  if (!optStr(o.cofoId) || !optStr(o.tribunalId) || !optStr(o.ccsId) || !optStr(o.structureId)) return null;
  const id: Identity = { sub: o.sub, username: o.username, roles: [...(o.roles as string[])] };
  if (isStr(o.cofoId)) id.cofoId = o.cofoId;
  if (isStr(o.tribunalId)) id.tribunalId = o.tribunalId;
  if (isStr(o.ccsId)) id.ccsId = o.ccsId;
  if (isStr(o.structureId)) id.structureId = o.structureId;
  return id;
}

function headersOf(ctx: MessageContextLike): Record<string, HeaderValue> {
  return (ctx.getMessage()?.headers ?? {}) as Record<string, HeaderValue>;
}

/** Reads what is there without refusing anything; a malformed identity counts as none. */
export function peekRequestHeaders(ctx: MessageContextLike): RequestHeaders {
  const h = headersOf(ctx);
  const identity = parseIdentity(json(h[Headers.identity]));
  const deadline = Number(text(h[Headers.deadline]));
  const out: RequestHeaders = {
    requestId: text(h[Headers.requestId]),
    identity: identity ?? undefined,
    language: languageOf(text(h[Headers.language])),
  };
  const message = text(h[Headers.message]);
  const idempotencyKey = text(h[Headers.idempotencyKey]);
  const messageId = text(h[Headers.messageId]);
  if (message) out.message = message;
  if (idempotencyKey) out.idempotencyKey = idempotencyKey;
  if (messageId) out.messageId = messageId;
  if (Number.isFinite(deadline) && deadline > 0) out.deadline = deadline;
  return out;
}

/**
 * The caller of a request-reply handler. A request without identity is refused (`AUTH_MISSING_TOKEN`),
 * one with a malformed identity too (`AUTH_INVALID_TOKEN`): only the gateway sets it, after verifying the
 * token, so either means the message did not come through the gateway.
 */
export function readRequestContext(ctx: MessageContextLike): RequestContext {
  const h = headersOf(ctx);
  const identity = parseIdentity(json(h[Headers.identity]));
  if (identity === undefined) throw domainError('AUTH_MISSING_TOKEN');
  if (identity === null) throw domainError('AUTH_INVALID_TOKEN');
  return {
    // The gateway always sets one; a message without it still gets an id its log lines can share.
    requestId:
      text(h[Headers.requestId]) ??
      `kafka:${ctx.getTopic()}:${ctx.getPartition()}:${ctx.getMessage()?.offset}`,
    identity,
    language: languageOf(text(h[Headers.language])),
  };
}

/** Request id of the message being handled, for log lines; set by the kit's interceptor. */
export const requestScope = new AsyncLocalStorage<{ requestId?: string }>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}
