// Who the signed-in person is, read from the access token's claims (the same claims the gateway verifies:
// realm_access.roles and one scope attribute, see libs/auth/src/token-verifier.ts). The gateway decides;
// the app only hides what the role cannot do.

export type Role =
  | 'admin'
  | 'programme-manager'
  | 'me-officer'
  | 'cofo-secretary'
  | 'tribunal-clerk'
  | 'ccs-secretary'
  | 'focal-point'
  | 'snlcc-secretariat'
  | 'steering-committee';

export interface UserScope {
  cofoId?: string;
  tribunalId?: string;
  ccsId?: string;
  structureId?: string;
}

export interface User {
  sub: string;
  username: string;
  name: string;
  roles: string[];
  scope: UserScope;
}

/** The payload of a JWT (not verified: the gateway verifies every token it receives). */
export function decodeJwt(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('not a JWT');
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function userOf(claims: Record<string, unknown>): User {
  const realm = claims.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realm?.roles)
    ? realm.roles.filter((r): r is string => typeof r === 'string')
    : [];
  const username = str(claims.preferred_username) ?? str(claims.sub) ?? '';
  return {
    sub: str(claims.sub) ?? username,
    username,
    name: str(claims.name) ?? username,
    roles: roles.filter(
      (r) => !r.startsWith('default-roles-') && r !== 'offline_access' && r !== 'uma_authorization',
    ),
    scope: {
      cofoId: str(claims.cofo_id),
      tribunalId: str(claims.tribunal_id),
      ccsId: str(claims.ccs_id),
      structureId: str(claims.structure_id),
    },
  };
}

/** True when the user has at least one of `roles` (an empty list: everyone signed in). */
export function hasAnyRole(user: Pick<User, 'roles'>, roles: readonly string[]): boolean {
  return roles.length === 0 || roles.some((r) => user.roles.includes(r));
}
