import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import { requestScope } from '@prosmed/messaging';
import { preferredLanguage } from './language';
import type { GatewayRequest } from './request';

/** An incoming `X-Request-Id` is kept only if it is a plausible id (no log injection, bounded length). */
const REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * First middleware: correlation id (from `X-Request-Id` or new), returned in the response header and
 * bound to the async context so every log line of the request carries it; the caller's language.
 */
export function requestContextMiddleware(req: GatewayRequest, res: Response, next: NextFunction): void {
  req.startedAt = process.hrtime.bigint();
  req.requestId = requestIdOf(req.headers['x-request-id']);
  req.language = preferredLanguage(req.headers['accept-language']);
  res.setHeader('X-Request-Id', req.requestId);
  requestScope.run({ requestId: req.requestId }, next);
}

/**
 * The body parser resumes on the socket's stream events, outside the request's async context: enter it
 * again after the body is read, so that handlers' log lines keep the request id.
 */
export function reenterRequestContext(req: GatewayRequest, _res: Response, next: NextFunction): void {
  requestScope.run({ requestId: req.requestId }, next);
}
