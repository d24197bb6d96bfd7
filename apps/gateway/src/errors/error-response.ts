import { HttpException } from '@nestjs/common';
import {
  localizeDetails,
  DomainError,
  type ErrorCode,
  type ErrorDetail,
  type ErrorKind,
  isErrorCode,
  renderMessage,
} from '@prosmed/contracts';
import { BrokerUnavailableError, RemoteError, RemoteFailure, RequestTimeoutError } from '@prosmed/messaging';
import type { Language } from '../http/language';
import { ApiError, isErrorKind, statusOfCode, statusOfKind } from './api-error';

/** The one error body of the API. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  requestId: string;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** For the log only: what really happened (never sent for a 5xx). */
  cause?: unknown;
}

/** Messages for codes a service sent that the catalogue does not know yet (logged as a warning). */
const FALLBACK: Record<ErrorKind, Record<Language, string>> = {
  validation: { fr: 'La requête est invalide.', en: 'The request is invalid.' },
  unauthenticated: { fr: 'Authentification requise.', en: 'Authentication required.' },
  forbidden: { fr: 'Opération non autorisée.', en: 'Operation not allowed.' },
  not_found: { fr: 'Enregistrement introuvable.', en: 'Record not found.' },
  conflict: {
    fr: "L'opération est en conflit avec l'état actuel de l'enregistrement.",
    en: 'The operation conflicts with the current state of the record.',
  },
  business_rule: {
    fr: 'Cette opération enfreint une règle de gestion.',
    en: 'This operation breaks a business rule.',
  },
  expired: {
    fr: "L'opération est arrivée après son délai : elle n'a pas été appliquée.",
    en: 'The operation arrived after its deadline: it was not applied.',
  },
};

const WWW_AUTHENTICATE: Partial<Record<string, string>> = {
  AUTH_MISSING_TOKEN: 'Bearer realm="prosmed"',
  AUTH_INVALID_TOKEN: 'Bearer realm="prosmed", error="invalid_token"',
};

function known(
  code: ErrorCode,
  lang: Language,
  requestId: string,
  params: Record<string, string | number> = {},
  details?: ErrorDetail[],
  headers: Record<string, string> = {},
  cause?: unknown,
): ErrorResponse {
  const status = statusOfCode(code);
  const body: ErrorBody = { statusCode: status, code, message: renderMessage(code, lang, params), requestId };
  if (details && details.length > 0) body.details = localizeDetails(details, lang);
  const www = WWW_AUTHENTICATE[code];
  return { status, body, headers: www ? { ...headers, 'WWW-Authenticate': www } : headers, cause };
}

/** A domain error of a known kind (from a service, or from the auth guards). */
function fromDomain(
  code: string,
  kind: ErrorKind,
  lang: Language,
  requestId: string,
  params?: Record<string, string | number>,
  details?: ErrorDetail[],
): ErrorResponse {
  if (isErrorCode(code)) {
    const r = known(code, lang, requestId, params, details);
    // The kind sent decides the status, even if the catalogue says otherwise (the service knows best).
    const status = statusOfKind(kind);
    return { ...r, status, body: { ...r.body, statusCode: status } };
  }
  const status = statusOfKind(kind);
  const body: ErrorBody = { statusCode: status, code, message: FALLBACK[kind][lang], requestId };
  if (details && details.length > 0) body.details = localizeDetails(details, lang);
  return { status, body, headers: {}, cause: `error code ${code} is not in the catalogue` };
}

/** Errors raised by body-parser / raw-body carry a `type`. */
export function bodyParserErrorCode(err: unknown): ErrorCode | undefined {
  const type = (err as { type?: unknown } | null)?.type;
  switch (type) {
    case 'entity.parse.failed':
      return 'MALFORMED_JSON';
    case 'entity.too.large':
      return 'PAYLOAD_TOO_LARGE';
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return 'VALIDATION_FAILED';
    default:
      return undefined;
  }
}

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'AUTH_MISSING_TOKEN',
  403: 'FORBIDDEN_ROLE',
  404: 'ROUTE_NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Any error to the one error body. Exhaustive over what the gateway can meet: its own `ApiError`, domain
 * errors (auth guards), a service's `RemoteError` (mapped by kind), the request-reply failures (504, 503),
 * Nest's HTTP exceptions (its 404 of unknown routes), body-parser errors; anything else is a 500 that says
 * nothing but the request id, its cause kept for the log.
 */
export function errorResponseOf(
  err: unknown,
  lang: Language,
  requestId: string,
  limits: { bodyLimitBytes: number },
): ErrorResponse {
  if (err instanceof ApiError) {
    return known(err.code, lang, requestId, err.params, err.details, err.headers);
  }
  if (err instanceof DomainError) {
    if (!isErrorKind(err.kind)) return known('INTERNAL_ERROR', lang, requestId, {}, undefined, {}, err);
    return fromDomain(err.code, err.kind, lang, requestId, err.params, err.details);
  }
  if (err instanceof RemoteError) {
    const p = err.payload;
    if (!isErrorKind(p.kind)) {
      return known(
        'INTERNAL_ERROR',
        lang,
        requestId,
        {},
        undefined,
        {},
        `unknown error kind ${String(p.kind)}`,
      );
    }
    return fromDomain(p.code, p.kind, lang, requestId, p.params, p.details);
  }
  if (err instanceof RequestTimeoutError) {
    return known('SERVICE_TIMEOUT', lang, requestId, {}, undefined, {}, err);
  }
  if (err instanceof BrokerUnavailableError) {
    return known('SERVICE_UNAVAILABLE', lang, requestId, {}, undefined, { 'Retry-After': '5' }, err);
  }
  if (err instanceof RemoteFailure) {
    return known('INTERNAL_ERROR', lang, requestId, {}, undefined, {}, err);
  }
  const parserCode = bodyParserErrorCode(err);
  if (parserCode) {
    const limit = `${Math.round(limits.bodyLimitBytes / 1024)} kB`;
    return known(parserCode, lang, requestId, { limit }, undefined, {}, err);
  }
  if (err instanceof HttpException) {
    const code = HTTP_STATUS_CODES[err.getStatus()];
    if (code) return known(code, lang, requestId, {}, undefined, {}, err);
  }
  return known('INTERNAL_ERROR', lang, requestId, {}, undefined, {}, err);
}
