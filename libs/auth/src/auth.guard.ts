import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@prosmed/contracts';
import { AUTH_RATE_LIMITER, type AuthRateLimiter, type AuthRequest, TOKEN_VERIFIER } from './auth-context';
import { PERMISSION_KEY } from './metadata-keys';
import { hasPermission, permissionsOf, type PermissionName } from './permissions';
import { InvalidTokenError, type TokenVerifier } from './token-verifier';

/**
 * The bearer token of an `Authorization` header: `undefined` when there is no header (missing), `null`
 * when there is one that does not carry a bearer token (invalid).
 */
export function bearerToken(header: string | string[] | undefined): string | undefined | null {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(value.trim());
  return m ? m[1] : null;
}

/** Authentication: a verified Keycloak access token, or 401. Attaches `req.auth`. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: Pick<TokenVerifier, 'verify'>,
    @Optional() @Inject(AUTH_RATE_LIMITER) private readonly limiter?: AuthRateLimiter,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthRequest>();
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) {
      this.limiter?.consume(`ip:${req.ip ?? 'unknown'}`);
      throw new DomainError('AUTH_MISSING_TOKEN', 'unauthenticated');
    }
    try {
      if (token === null) throw new InvalidTokenError('not a bearer token');
      const { identity, claims } = await this.verifier.verify(token);
      req.auth = { identity, claims, permissions: permissionsOf(identity.roles) };
    } catch (err) {
      req.authFailure = err instanceof InvalidTokenError ? err.reason : 'unverifiable';
      this.limiter?.consume(`ip:${req.ip ?? 'unknown'}`);
      throw new DomainError('AUTH_INVALID_TOKEN', 'unauthenticated');
    }
    this.limiter?.consume(`sub:${req.auth.identity.sub}`);
    return true;
  }
}

/** Authorisation by role: the route's declared permission must be granted by one of the caller's roles. */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const permission = this.reflector.getAllAndOverride<PermissionName | undefined>(PERMISSION_KEY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    // Fail closed: a guarded route without a permission is a programming error, never an open door.
    if (!permission) throw new DomainError('FORBIDDEN_ROLE', 'forbidden', { permission: '?' });
    const auth = ctx.switchToHttp().getRequest<AuthRequest>().auth;
    if (!auth) throw new DomainError('AUTH_MISSING_TOKEN', 'unauthenticated');
    if (!hasPermission(auth.identity.roles, permission)) {
      throw new DomainError('FORBIDDEN_ROLE', 'forbidden', { permission });
    }
    return true;
  }
}
