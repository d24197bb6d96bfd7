import type { IncomingHttpHeaders } from 'node:http';
import type { Identity } from '@prosmed/contracts';
import type { PermissionName } from './permissions';
import type { KeycloakAccessToken } from './token-verifier';

/** What the auth guard attaches to a request once its token is verified. */
export interface AuthContext {
  identity: Identity;
  claims: KeycloakAccessToken;
  permissions: PermissionName[];
}

/** The part of an HTTP request (Express or any other) the guards read and write. */
export interface AuthRequest {
  headers: IncomingHttpHeaders;
  ip?: string;
  auth?: AuthContext;
  /** Why a token was refused (for the request log line; never sent to the client). */
  authFailure?: string;
}

/**
 * Counts requests per caller; the gateway supplies one (rate limiting) under `AUTH_RATE_LIMITER`.
 * `consume` throws when the caller is over its limit. Keys: `sub:<subject>` once authenticated, else
 * `ip:<address>` (missing or refused tokens are counted too).
 */
export interface AuthRateLimiter {
  consume(key: string): void;
}

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const AUTH_RATE_LIMITER = Symbol('AUTH_RATE_LIMITER');
