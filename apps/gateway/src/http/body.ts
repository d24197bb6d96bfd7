import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { json } from 'express';
import { ApiError } from '../errors/api-error';
import { bodyParserErrorCode } from '../errors/error-response';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** `application/json` or `application/<anything>+json`, in UTF-8 when a charset is given. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (!/^application\/(?:[a-z0-9.!#$&^_-]+\+)?json$/.test(type)) return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** JSON only: a POST, PUT or PATCH that carries a body (or names a type) must say it is JSON, else 415. */
export function jsonOnlyMiddleware(req: Request, _res: Response, next: NextFunction): void {
  if (!METHODS_WITH_BODY.has(req.method)) return next();
  const type = req.headers['content-type'];
  if ((type !== undefined || hasBody(req)) && !isJsonContentType(type)) {
    return next(new ApiError('UNSUPPORTED_MEDIA_TYPE'));
  }
  next();
}

/**
 * Express's JSON parser with the configured limit; its errors become the API's codes here, because Nest
 * would turn a JSON syntax error into a bare 400 before the exception filter could tell which it was.
 */
export function jsonBodyMiddleware(limitBytes: number): RequestHandler {
  const parse = json({
    limit: limitBytes,
    strict: true,
    type: (req) => isJsonContentType(req.headers['content-type']),
  });
  const limit = `${Math.round(limitBytes / 1024)} kB`;
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if (!err) return next();
      const code = bodyParserErrorCode(err);
      next(code ? new ApiError(code, { limit }) : err);
    });
  };
}
