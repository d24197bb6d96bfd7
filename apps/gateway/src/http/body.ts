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
 * The deepest nesting of arrays and objects the API accepts. Every DTO of the platform is a few levels
 * deep; a body nested thousands of levels (30 kB of `[`) would overflow the stack of the recursive
 * validation (class-transformer, class-validator) and answer 500.
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether a JSON text nests arrays and objects deeper than `max`, by one loop over its bytes (no
 * recursion, no parse): brackets inside strings do not count. UTF-8 multi-byte sequences never contain
 * these ASCII bytes, so the raw buffer is scanned as it arrived. Malformed text is left to the parser.
 */
export function jsonDepthExceeds(bytes: Uint8Array, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) depth--;
  }
  return false;
}

/**
 * C0 control characters except tab, line feed and carriage return. JSON lets them through escaped
 * (`\u0000`), but PostgreSQL refuses NUL in text (a 500 after the request went through every service),
 * and none of them belongs in a name, a summary or a code.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** At most this many fields are listed; one is enough to find the problem, thousands would bloat the answer. */
export const MAX_CONTROL_DETAILS = 20;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `parties[0].name`, as the validation details name fields; odd keys quoted (and their controls escaped). */
function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The fields of a parsed body whose text (a string value, or a key) holds a forbidden control character,
 * in document order, at most `limit`. Iterative with an explicit stack: the depth was bounded before
 * parsing, but a walk that cannot overflow needs no such assumption.
 */
export function controlCharacterFields(body: unknown, limit = MAX_CONTROL_DETAILS): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  while (stack.length > 0 && found.length < limit) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (FORBIDDEN_CONTROL.test(value)) found.push(path || '(body)');
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: childPath(path, i) });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        const p = childPath(path, key);
        // A key is pushed as a string so that it is reported in the same order as values.
        stack.push({ value: (value as Record<string, unknown>)[key], path: p });
        if (FORBIDDEN_CONTROL.test(key)) stack.push({ value: key, path: p });
      }
    }
  }
  return found;
}

/** Keys no message class has, that class-transformer skips instead of reporting them as unknown fields. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The fields of a parsed body named `__proto__`, `constructor` or `prototype`, at any depth, at most
 * `limit`. Validation refuses every other unknown field; these three it would pass over in silence (and
 * they are the keys of prototype pollution), so they are refused here as unknown fields.
 */
export function forbiddenKeyFields(body: unknown, limit = MAX_CONTROL_DETAILS): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: body, path: '' }];
  while (stack.length > 0 && found.length < limit) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: childPath(path, i) });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const p = childPath(path, key);
        if (FORBIDDEN_KEYS.has(key)) found.push(p);
        else stack.push({ value: (value as Record<string, unknown>)[key], path: p });
      }
    }
  }
  return found;
}

/** Thrown from the parser's `verify` hook; turned into the API's error below. */
class JsonTooDeep extends Error {}

/**
 * Express's JSON parser with the configured limit; its errors become the API's codes here, because Nest
 * would turn a JSON syntax error into a bare 400 before the exception filter could tell which it was.
 * Before parsing, a body nested deeper than `MAX_JSON_DEPTH` is refused (400 `JSON_TOO_DEEP`); after,
 * text with a control character is refused (400 `CONTROL_CHARACTER`, the fields in `details`). Both
 * are answers to what a caller sent, never a 500 further down.
 */
export function jsonBodyMiddleware(limitBytes: number, maxDepth = MAX_JSON_DEPTH): RequestHandler {
  const parse = json({
    limit: limitBytes,
    strict: true,
    type: (req) => isJsonContentType(req.headers['content-type']),
    verify: (_req, _res, buf) => {
      if (jsonDepthExceeds(buf, maxDepth)) throw new JsonTooDeep();
    },
  });
  const limit = `${Math.round(limitBytes / 1024)} kB`;
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if (err instanceof JsonTooDeep) return next(new ApiError('JSON_TOO_DEEP', { max: maxDepth }));
      if (err) {
        const code = bodyParserErrorCode(err);
        return next(code ? new ApiError(code, { limit }) : err);
      }
      const keys = forbiddenKeyFields(req.body as unknown);
      if (keys.length > 0) {
        return next(
          new ApiError(
            'VALIDATION_FAILED',
            {},
            keys.map((field) => ({ field, code: 'whitelistValidation' })),
          ),
        );
      }
      const fields = controlCharacterFields(req.body as unknown);
      if (fields.length > 0) {
        return next(
          new ApiError(
            'CONTROL_CHARACTER',
            {},
            fields.map((field) => ({ field, code: 'noControlCharacters' })),
          ),
        );
      }
      next();
    });
  };
}
