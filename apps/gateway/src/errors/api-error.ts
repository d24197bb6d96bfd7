import {
  ERROR_CATALOGUE,
  type CatalogueEntry,
  type ErrorCode,
  type ErrorDetail,
  type ErrorKind,
} from '@prosmed/contracts';

export type CatalogueKind = CatalogueEntry['kind'];

/** The HTTP status of each kind of error. Exhaustive: a new kind does not compile until it has one. */
export function statusOfKind(kind: CatalogueKind): number {
  switch (kind) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'too_large':
      return 413;
    // Refused by Node's HTTP parser (URL and headers over 16 kB), answered by `http/client-error.ts`.
    case 'headers_too_large':
      return 431;
    case 'unsupported_media':
      return 415;
    case 'business_rule':
      return 422;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
    // Refused by its service for arriving after its deadline: nothing was applied, a retry is safe.
    case 'expired':
      return 503;
    case 'timeout':
      return 504;
    default: {
      const unknownKind: never = kind;
      throw new Error(`No HTTP status for error kind ${String(unknownKind)}`);
    }
  }
}

const ERROR_KINDS: Record<ErrorKind, true> = {
  validation: true,
  unauthenticated: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  business_rule: true,
  expired: true,
};

/** Kinds a service may send (`RemoteErrorPayload.kind` is a string on the wire). */
export function isErrorKind(kind: unknown): kind is ErrorKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(ERROR_KINDS, kind);
}

export function statusOfCode(code: ErrorCode): number {
  return statusOfKind(ERROR_CATALOGUE[code].kind);
}

/** An error the gateway itself answers with: a catalogue code (its kind gives the status). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly details?: ErrorDetail[],
    /** Response headers that go with it (`Retry-After`...). */
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.status = statusOfCode(code);
  }
}
