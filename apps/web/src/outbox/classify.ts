// What to do with an outbox item after an attempt to send it (pure; unit-tested).
import { type ApiErrorBody, isApiErrorBody } from '../api/errors';

export type Outcome =
  | { kind: 'sent'; status: number; body: unknown }
  /** Not applied (or maybe applied, 504): sent again later with the same Idempotency-Key. */
  | { kind: 'retry'; reason: string }
  /** Refused by the server: stays on the item, with the server's message, to fix or discard. */
  | { kind: 'refused'; status: number; error: ApiErrorBody };

/** Codes that say "try again with the same key" even though the status is 4xx. */
const RETRYABLE_CODES = new Set([
  'IDEMPOTENCY_IN_PROGRESS',
  'RATE_LIMITED',
  'AUTH_INVALID_TOKEN',
  'AUTH_MISSING_TOKEN',
]);

/** `status` undefined = no answer (no network, connection cut). */
export function classify(status: number | undefined, body: unknown): Outcome {
  if (status === undefined) return { kind: 'retry', reason: 'network' };
  if (status >= 200 && status < 300) return { kind: 'sent', status, body };
  const code = isApiErrorBody(body) ? body.code : undefined;
  // 5xx (503, 504: "retry with the same key"), 408, 429, 401 (the token is refreshed first), a duplicate
  // still in progress: the same request again later, never a second record.
  if (
    status >= 500 ||
    status === 408 ||
    status === 429 ||
    status === 401 ||
    (code && RETRYABLE_CODES.has(code))
  ) {
    return { kind: 'retry', reason: code ?? `HTTP ${status}` };
  }
  const error: ApiErrorBody = isApiErrorBody(body)
    ? body
    : { statusCode: status, code: `HTTP_${status}`, message: `HTTP ${status}` };
  return { kind: 'refused', status, error };
}

/** Waits between automatic retries of one item: 5 s, 10 s, 20 s ... at most 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** An Idempotency-Key the gateway accepts (8 to 128 of [A-Za-z0-9_-]): a UUID. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
