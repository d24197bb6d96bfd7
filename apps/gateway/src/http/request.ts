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

/** What travels with a request-reply call: correlation id, verified identity, language. */
export function callContextOf(req: GatewayRequest, key?: string): CallContext {
  return { requestId: req.requestId, identity: req.auth?.identity, language: req.language, key };
}
