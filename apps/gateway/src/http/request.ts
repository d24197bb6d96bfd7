import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AuthRequest } from '@prosmed/auth';
import type { CallContext } from '@prosmed/messaging';
import {
  callerSubject,
  idempotencyKeyHeader,
  scopedIdempotencyKey,
  WRITE_METHODS,
} from '../idempotency/hash';
import type { Language } from './language';

/** An Express request once the gateway's first middleware has run. */
export type GatewayRequest = Request &
  AuthRequest & {
    requestId: string;
    language: Language;
    /** `process.hrtime.bigint()` at arrival. */
    startedAt: bigint;
  };

/**
 * What travels with a request-reply call: correlation id, verified identity, language. `key` is the
 * Kafka key: commands pass the aggregate's code so that changes to one record are handled in order;
 * queries pass none (the request id), which spreads them over the partitions, so reads of one popular
 * record are not handled one at a time.
 *
 * A write (POST, PUT, PATCH, DELETE) also carries a fresh message id and, when the client sent an
 * `Idempotency-Key`, that key scoped to the caller: the service records the command under it with its
 * result, so a retry through any gateway instance (or after this one died) returns the first result
 * instead of writing again. The key comes from the request itself, so a retry that takes over a lapsed
 * claim in the gateway's store forwards the same key as the attempt that died.
 */
export function callContextOf(req: GatewayRequest, key?: string): CallContext {
  const ctx: CallContext = {
    requestId: req.requestId,
    identity: req.auth?.identity,
    language: req.language,
    key,
  };
  if (WRITE_METHODS.has(req.method)) {
    ctx.messageId = randomUUID();
    const clientKey = idempotencyKeyHeader(req.headers['idempotency-key']);
    if (clientKey) ctx.idempotencyKey = scopedIdempotencyKey(callerSubject(req), clientKey);
  }
  return ctx;
}
