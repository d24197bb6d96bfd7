import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { raw } from 'express';
import { createHash } from 'node:crypto';
import { formatBytes, type AnyMessageDef } from '@prosmed/contracts';
import { ApiError } from '../errors/api-error';
import { bodyParserErrorCode } from '../errors/error-response';
import { API_V1 } from './paths';

/** A request to an upload route once its body is read: the file's bytes, never parsed. */
export type UploadRequest = Request & { upload?: Buffer };

/** One upload route of the catalogue, as the body middlewares recognise it before routing. */
export interface UploadRoute {
  method: string;
  pattern: RegExp;
  maxBytes: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `activities/:activityId/attachments` -> `^/api/v1/activities/[^/]+/attachments/?$` (as Express matches). */
export function routePattern(path: string): RegExp {
  const parts = path.split(/(:[A-Za-z][A-Za-z0-9]*)/).map((p) => (p.startsWith(':') ? '[^/]+' : escape(p)));
  return new RegExp(`^/${escape(API_V1)}/${parts.join('')}/?$`, 'i');
}

/** The catalogue's upload routes. */
export function uploadRoutesOf(catalogue: readonly AnyMessageDef[]): UploadRoute[] {
  return catalogue
    .filter((d) => d.http?.upload)
    .map((d) => ({
      method: d.http!.method,
      pattern: routePattern(d.http!.path),
      maxBytes: d.http!.upload!.maxBytes,
    }));
}

export function isUploadRequest(
  req: Pick<Request, 'method' | 'path'>,
  routes: readonly UploadRoute[],
): boolean {
  return routes.some((r) => r.method === req.method && r.pattern.test(req.path));
}

/**
 * The JSON body middlewares, except on upload routes: their body is a file of any type, read later by
 * the route's own guard (after the permission check) with the route's own limit.
 */
export function exceptUploads(routes: readonly UploadRoute[], middleware: RequestHandler): RequestHandler {
  if (routes.length === 0) return middleware;
  return (req: Request, res: Response, next: NextFunction) =>
    isUploadRequest(req, routes) ? next() : middleware(req, res, next);
}

/** A size limit as the 413's `{limit}` says it. */
export function limitText(bytes: number): string {
  return formatBytes(bytes, 'fr');
}

/**
 * Reads the raw body of an upload route into `req.upload`. A guard, placed after the authentication and
 * permission guards, so a caller who may not upload is refused before a byte of the file is read, and
 * before the idempotency interceptor, which then hashes the file's digest as the request's body. Over
 * `maxBytes` (declared or counted) is 413 `PAYLOAD_TOO_LARGE`; an empty body is 400 `VALIDATION_FAILED`
 * on `content`. A gzip or deflate `Content-Encoding` is undone, and the limit counts the undone bytes;
 * another one is 415 `UPLOAD_ENCODING_UNSUPPORTED`.
 */
export class UploadBodyGuard implements CanActivate {
  private readonly parse: RequestHandler;

  constructor(private readonly maxBytes: number) {
    this.parse = raw({ type: () => true, limit: maxBytes });
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<UploadRequest>();
    const res = http.getResponse<Response>();
    await new Promise<void>((resolve, reject) => {
      this.parse(req, res, (err?: unknown) => {
        if (!err) return resolve();
        if ((err as { type?: unknown }).type === 'encoding.unsupported') {
          // Not "only JSON" (the JSON routes' 415): the body's compression is what is not read.
          const encoding = String(req.headers['content-encoding'] ?? '').slice(0, 40);
          return reject(new ApiError('UPLOAD_ENCODING_UNSUPPORTED', { encoding }));
        }
        const code = bodyParserErrorCode(err);
        if (code) return reject(new ApiError(code, { limit: limitText(this.maxBytes) }));
        // A gzip, deflate or br body that does not decompress: what the caller sent, not a 500.
        const status = (err as { status?: unknown }).status;
        if (typeof status === 'number' && status >= 400 && status < 500) {
          return reject(
            new ApiError('VALIDATION_FAILED', {}, [{ field: 'content', code: 'compressedBodyUnreadable' }]),
          );
        }
        reject(err);
      });
    });
    const body: unknown = req.body;
    const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    if (bytes.length === 0) {
      throw new ApiError('VALIDATION_FAILED', {}, [{ field: 'content', code: 'isNotEmpty' }]);
    }
    req.upload = bytes;
    // What the idempotency key is checked against: the same file (and the same query) is the same request.
    req.body = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    return true;
  }
}
