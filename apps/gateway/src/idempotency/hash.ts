import { createHash } from 'node:crypto';
import { canonicalJson } from '@prosmed/messaging';

// One canonical form for the gateway's store and the services' command log.
export { canonicalJson };

/** What makes two writes "the same request" for an idempotency key: method, path, body and caller. */
export function requestHash(method: string, path: string, body: unknown, subject: string): string {
  return createHash('sha256')
    .update(method.toUpperCase())
    .update('\n')
    .update(path)
    .update('\n')
    .update(canonicalJson(body ?? null))
    .update('\n')
    .update(subject)
    .digest('hex');
}

/** 8 to 128 characters of letters, digits, `-` and `_` (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;

/** Methods that write: they carry a message id, and the client's key when it sent one. */
export const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whose key it is: the token's subject, or the address of an anonymous caller. */
export function callerSubject(req: { auth?: { identity: { sub: string } }; ip?: string }): string {
  return req.auth?.identity.sub ?? `ip:${req.ip ?? 'unknown'}`;
}

/** The client's `Idempotency-Key` header when it is well formed (the interceptor refuses the others). */
export function idempotencyKeyHeader(raw: string | string[] | undefined): string | undefined {
  const key = Array.isArray(raw) ? raw[0] : raw;
  return key !== undefined && IDEMPOTENCY_KEY.test(key) ? key : undefined;
}

/** Keys belong to a caller: two users may pick the same key without meeting in any store. */
export function scopedIdempotencyKey(subject: string, key: string): string {
  return `${subject}:${key}`;
}
