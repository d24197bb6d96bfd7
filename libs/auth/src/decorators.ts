import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiOAuth2,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext, AuthRequest } from './auth-context';
import { AuthGuard, PermissionGuard } from './auth.guard';
import { ErrorBodyDto, errorExamples } from './error-body.dto';
import { PERMISSION_KEY, PUBLIC_KEY } from './metadata-keys';
import { PERMISSIONS, type PermissionName, rolesWith } from './permissions';

/** Names of the security schemes the gateway declares in its OpenAPI document. */
export const BEARER_SCHEME = 'bearer';
export const OAUTH2_SCHEME = 'keycloak';

/** The OpenAPI extension that carries a route's permission and the roles holding it. */
export const PERMISSION_EXTENSION = 'x-permission';

export interface PermissionExtension {
  permission: PermissionName;
  description: string;
  roles: string[];
}

/**
 * The one decorator every protected route wears: authentication (bearer token verified against the
 * realm's JWKS), the permission it needs, and the matching OpenAPI security, extension and 401/403/429
 * responses. A route under /api/v1 without it stops the gateway at start-up.
 */
export function Permission(permission: PermissionName): MethodDecorator & ClassDecorator {
  const ext: PermissionExtension = {
    permission,
    description: PERMISSIONS[permission],
    roles: rolesWith(permission),
  };
  return applyDecorators(
    SetMetadata(PERMISSION_KEY, permission),
    UseGuards(AuthGuard, PermissionGuard),
    ApiBearerAuth(BEARER_SCHEME),
    ApiOAuth2([], OAUTH2_SCHEME),
    ApiExtension(PERMISSION_EXTENSION, ext),
    ApiUnauthorizedResponse({
      type: ErrorBodyDto,
      description: '`AUTH_MISSING_TOKEN` ou `AUTH_INVALID_TOKEN` (avec `WWW-Authenticate: Bearer`)',
      examples: errorExamples(401, ['AUTH_MISSING_TOKEN', 'AUTH_INVALID_TOKEN']),
    }),
    ApiForbiddenResponse({
      type: ErrorBodyDto,
      description: `\`FORBIDDEN_ROLE\` : il faut \`${permission}\` (rôles : ${ext.roles.join(', ') || 'aucun'}) ; \`OUT_OF_SCOPE\` : l’enregistrement est hors du périmètre de l’appelant`,
      examples: errorExamples(403, ['FORBIDDEN_ROLE', 'OUT_OF_SCOPE'], { permission }),
    }),
    ApiTooManyRequestsResponse({
      type: ErrorBodyDto,
      description: '`RATE_LIMITED` (avec `Retry-After`)',
      examples: errorExamples(429, ['RATE_LIMITED']),
    }),
  );
}

/** Open to anyone: only health, readiness, docs and metrics. Refused under /api/v1 at start-up. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}

/** The verified caller of a `@Permission` route. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<AuthRequest>().auth;
  // The guard runs before any parameter is resolved: no auth here means a route without @Permission.
  if (!auth) throw new Error('@Auth() used on a route without @Permission()');
  return auth;
});
