import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, type ErrorKind } from '@prosmed/contracts';

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  business_rule: 422,
  expired: 503,
};

/**
 * Domain errors as `{ statusCode, code, params, details }` with the gateway's status per kind, so the
 * benchmark can tell a refused filing from a failure; anything else is a bare 500.
 */
@Catch()
export class DirectErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (err instanceof DomainError) {
      const statusCode = STATUS[err.kind];
      res.status(statusCode).json({ statusCode, ...err.toPayload() });
      return;
    }
    if (err instanceof HttpException) {
      res.status(err.getStatus()).json({ statusCode: err.getStatus(), code: 'HTTP', message: err.message });
      return;
    }
    res.status(500).json({ statusCode: 500, code: 'INTERNAL', message: String(err) });
  }
}
