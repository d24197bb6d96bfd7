import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { JsonLogger } from '@prosmed/messaging';
import { preferredLanguage } from '../http/language';
import { requestIdOf } from '../http/request-id';
import type { GatewayRequest } from '../http/request';
import { REPLAYED_HEADER, ReplayedResponse } from '../idempotency/replayed-response';
import { errorResponseOf } from './error-response';

/**
 * The only place an error becomes an HTTP answer: the one error body for every status, including Nest's
 * 404 of unknown routes and body-parser errors; stored answers of idempotent POSTs are replayed from here.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(
    private readonly logger: JsonLogger,
    private readonly limits: { bodyLimitBytes: number },
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<GatewayRequest>();
    const res = host.switchToHttp().getResponse<Response>();
    // Set by the first middleware; requests refused before it (none today) still get an id.
    req.requestId ??= requestIdOf(req.headers['x-request-id']);
    req.language ??= preferredLanguage(req.headers['accept-language']);
    if (res.headersSent) {
      this.logger.error(
        { msg: 'error after the response started', err: String(exception) },
        'AllExceptionsFilter',
      );
      res.end();
      return;
    }
    if (exception instanceof ReplayedResponse) {
      res.status(exception.status).set(exception.headers).set(REPLAYED_HEADER, 'true');
      res.setHeader('X-Request-Id', req.requestId);
      res.json(exception.body);
      return;
    }
    const r = errorResponseOf(exception, req.language, req.requestId, this.limits);
    (res.locals as { errorCode?: string }).errorCode = r.body.code;
    if (r.status === 503 || r.status === 504) {
      // Operational (a service or the broker is down or slow): no stack, the message says it all.
      this.logger.warn(
        { msg: `${r.body.code}: ${String((r.cause as Error | undefined)?.message ?? r.cause)}` },
        'AllExceptionsFilter',
      );
    } else if (r.status >= 500) {
      const err = r.cause instanceof Error ? r.cause : undefined;
      this.logger.error(
        { msg: `${r.body.code}: ${err?.message ?? String(r.cause)}`, err: err?.name, stack: err?.stack },
        'AllExceptionsFilter',
      );
    } else if (r.cause !== undefined && typeof r.cause === 'string') {
      this.logger.warn({ msg: r.cause, code: r.body.code }, 'AllExceptionsFilter');
    }
    res.status(r.status).set(r.headers).json(r.body);
  }
}
