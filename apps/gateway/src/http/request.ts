import type { Request } from 'express';
import type { AuthRequest } from '@prosmed/auth';
import type { CallContext } from '@prosmed/messaging';
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
 */
export function callContextOf(req: GatewayRequest, key?: string): CallContext {
  return { requestId: req.requestId, identity: req.auth?.identity, language: req.language, key };
}
