import { domainError, type DomainError, type Identity } from '@prosmed/contracts';
import { isRole, ROLE_PERMISSIONS, type PermissionName, type Role } from './permissions';

/**
 * Scope: on WHICH records a permission may be used. The gateway checks the permission of a route; a
 * service then asks, from the verified identity only (never the body), which CoFo, tribunals, CCS or
 * structures the caller's rights reach, through the helpers below: no service tests a role string.
 */

/** The units a record can belong to, and the token attribute that names the caller's own. */
export const SCOPE_UNITS = ['cofo', 'tribunal', 'ccs', 'structure'] as const;
export type ScopeUnit = (typeof SCOPE_UNITS)[number];

const ATTRIBUTE: Readonly<Record<ScopeUnit, keyof Identity>> = {
  cofo: 'cofoId',
  tribunal: 'tribunalId',
  ccs: 'ccsId',
  structure: 'structureId',
};

/**
 * How far each role's permissions reach: the whole country (`all`), or the unit its token attribute
 * names. Beside `ROLE_PERMISSIONS`, so a new role is one line in each table.
 */
export const ROLE_SCOPE: Readonly<Record<Role, 'all' | ScopeUnit>> = {
  admin: 'all',
  'programme-manager': 'all',
  'cofo-secretary': 'cofo',
  'tribunal-clerk': 'tribunal',
  'ccs-secretary': 'ccs',
  'focal-point': 'structure',
  'snlcc-secretariat': 'all',
  'steering-committee': 'all',
  'me-officer': 'all',
};

/**
 * What a caller may touch with one permission: everything, or the codes of her own units. A user with
 * several roles gets the union; a scoped role whose token lacks its attribute reaches nothing.
 */
export type Scope =
  { readonly all: true } | ({ readonly all: false } & Readonly<Record<ScopeUnit, readonly string[]>>);

/** The units a record belongs to (`null`: none of that kind, e.g. a case not yet sent to a tribunal). */
export type ScopeOwner = Partial<Record<ScopeUnit, string | readonly string[] | null>>;

/** A scope limited to the caller's own units. */
export type UnitScope = Extract<Scope, { all: false }>;

/** Reaches nothing: a scoped role whose token lacks its attribute. */
export const NO_SCOPE: UnitScope = Object.freeze({
  all: false,
  cofo: [],
  tribunal: [],
  ccs: [],
  structure: [],
});

/** The scope `permission` gives this caller: the union over her roles that grant it (nothing if none). */
export function scopeOf(identity: Identity, permission: PermissionName): Scope {
  const codes: Record<ScopeUnit, string[]> = { cofo: [], tribunal: [], ccs: [], structure: [] };
  for (const role of identity.roles) {
    if (!isRole(role) || !ROLE_PERMISSIONS[role].includes(permission)) continue;
    const unit = ROLE_SCOPE[role];
    if (unit === 'all') return { all: true };
    const own = identity[ATTRIBUTE[unit]];
    if (typeof own === 'string' && own !== '' && !codes[unit].includes(own)) codes[unit].push(own);
  }
  return { all: false, ...codes };
}

/** The caller's scope for `permission`, or `FORBIDDEN_ROLE` naming it when none of her roles grants it. */
export function requirePermission(identity: Identity, permission: PermissionName): Scope {
  if (!identity.roles.some((r) => isRole(r) && ROLE_PERMISSIONS[r].includes(permission))) {
    throw domainError('FORBIDDEN_ROLE', { permission });
  }
  return scopeOf(identity, permission);
}

/** True when the record belongs to one of the caller's units (or she reaches everything). */
export function inScope(scope: Scope, owner: ScopeOwner): boolean {
  if (scope.all) return true;
  return SCOPE_UNITS.some((unit) => {
    const v = owner[unit];
    if (v === undefined || v === null) return false;
    return typeof v === 'string' ? scope[unit].includes(v) : v.some((c) => scope[unit].includes(c));
  });
}

/** Refuses a record outside the scope with `OUT_OF_SCOPE`. */
export function assertInScope(scope: Scope, owner: ScopeOwner): void {
  if (!inScope(scope, owner)) throw domainError('OUT_OF_SCOPE');
}

/**
 * A record looked up by id, checked against the scope: `OUT_OF_SCOPE` outside it. An absent record is
 * `notFound` only for a caller who would see it anyway: one who reaches everything, or the owner of the
 * unit she named (`claimed`, e.g. the CoFo code she asked for). Anyone else gets `OUT_OF_SCOPE` too, so
 * "does not exist" and "not yours" look the same and the answer does not reveal which records exist.
 */
export function assertFoundInScope<T>(
  scope: Scope,
  record: T | undefined,
  ownerOf: (record: T) => ScopeOwner,
  notFound: DomainError,
  claimed?: ScopeOwner,
): asserts record is T {
  if (record === undefined) {
    throw scope.all || (claimed !== undefined && inScope(scope, claimed))
      ? notFound
      : domainError('OUT_OF_SCOPE');
  }
  assertInScope(scope, ownerOf(record));
}
