import type { NextFunction, Response } from 'express';
import type { JsonLogger } from '@prosmed/messaging';
import type { GatewayMetrics } from '../metrics/metrics';
import type { GatewayRequest } from './request';

/** Label of requests that matched no route (unknown paths, or refused before routing: 413, 415...). */
export const UNMATCHED = '(unmatched)';

/** The route template Express matched (`/api/v1/cofos/:code`), never the raw path (unbounded labels). */
export function routeOf(req: GatewayRequest): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : UNMATCHED;
}

/**
 * One JSON log line and one metrics observation per request, when its response is finished (or the
 * client went away): method, route template, status, duration, request id, caller.
 */
export function accessLogMiddleware(logger: JsonLogger, metrics: GatewayMetrics) {
  return (req: GatewayRequest, res: Response, next: NextFunction): void => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - req.startedAt) / 1e9;
      const route = routeOf(req);
      // 499: the client closed the connection before the answer (nginx's convention).
      const status = res.writableFinished ? res.statusCode : 499;
      metrics.observeHttp(req.method, route, status, seconds);
      if (!logger.enabled('info')) return;
      const line: Record<string, unknown> = {
        msg: 'request',
        requestId: req.requestId,
        method: req.method,
        route,
        status,
        durationMs: Math.round(seconds * 1e4) / 10,
      };
      if (req.auth) line.sub = req.auth.identity.sub;
      const code = (res.locals as { errorCode?: string }).errorCode;
      if (code) line.code = code;
      if (req.authFailure) line.authFailure = req.authFailure;
      if (route === UNMATCHED) line.path = req.path.slice(0, 200);
      logger.log(line, 'http');
    };
    res.once('finish', finish);
    res.once('close', finish);
    next();
  };
}
