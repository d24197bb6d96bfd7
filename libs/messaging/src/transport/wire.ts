import { Headers } from '@prosmed/contracts';
import type { IncomingRecord, OutgoingRecord, WireHeaders } from './driver';

/**
 * On a reply: present (`1`) when the value is an error (a domain error payload `{code, kind, ...}`, or
 * the bare "Internal server error"), absent on a result. A result may itself look like anything, so the
 * flag, not the value's shape, says which it is.
 */
export const REPLY_ERROR_HEADER = 'x-reply-error';

/** JSON on the wire; `undefined` (a handler that answers nothing) travels as an empty value. */
export function encodeValue(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(v);
}

/** A value that is not JSON is kept as its text: a foreign producer must not crash the reader. */
export function decodeValue(v: Buffer | null): unknown {
  if (v === null || v.length === 0) return undefined;
  const text = v.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface ReplyTo {
  topic: string;
  correlationId: string;
}

/** Where the asker waits, or `undefined` for a request nobody waits for. */
export function replyToOf(headers: WireHeaders): ReplyTo | undefined {
  const topic = headers[Headers.replyTo];
  const correlationId = headers[Headers.correlationId];
  return topic && correlationId ? { topic, correlationId } : undefined;
}

export function replyRecord(to: ReplyTo, outcome: { result: unknown } | { error: unknown }): OutgoingRecord {
  const headers: WireHeaders = { [Headers.correlationId]: to.correlationId };
  if ('error' in outcome) headers[REPLY_ERROR_HEADER] = '1';
  return {
    topic: to.topic,
    value: encodeValue('error' in outcome ? outcome.error : outcome.result),
    headers,
  };
}

export type DecodedReply =
  { correlationId: string; ok: true; result: unknown } | { correlationId: string; ok: false; error: unknown };

export function decodeReply(r: IncomingRecord): DecodedReply | undefined {
  const correlationId = r.headers[Headers.correlationId];
  if (!correlationId) return undefined;
  const value = decodeValue(r.value);
  return r.headers[REPLY_ERROR_HEADER] === '1'
    ? { correlationId, ok: false, error: value }
    : { correlationId, ok: true, result: value };
}
