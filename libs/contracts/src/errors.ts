/**
 * Error kinds every service error maps to; the gateway turns each kind into one HTTP status.
 * The mapping is exhaustive by construction: `ErrorKind` is a closed union.
 */
export type ErrorKind =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'business_rule'
  /** A command that reached its service after its deadline: refused, nothing applied (a 5xx: retry it). */
  | 'expired';

/** What a service sends back instead of a reply when a request fails for a reason the caller can fix. */
export interface RemoteErrorPayload {
  code: string;
  kind: ErrorKind;
  /** Parameters for the message template (never personal data). */
  params?: Record<string, string | number>;
  /** Field-level details, e.g. `[{ field: 'parties[0].sex', code: 'isIn' }]`. */
  details?: ErrorDetail[];
}

export interface ErrorDetail {
  field: string;
  code: string;
  message?: string;
}

export function isRemoteErrorPayload(v: unknown): v is RemoteErrorPayload {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as RemoteErrorPayload).code === 'string' &&
    typeof (v as RemoteErrorPayload).kind === 'string'
  );
}

/** A domain error thrown by a service; its code is stable and documented in the error catalogue. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly params?: Record<string, string | number>,
    readonly details?: ErrorDetail[],
  ) {
    super(code);
  }

  toPayload(): RemoteErrorPayload {
    return { code: this.code, kind: this.kind, params: this.params, details: this.details };
  }
}
