import { domainError, type Identity } from '@prosmed/contracts';

/** Permissions named in `FORBIDDEN_ROLE` errors. */
export const REGISTRY_WRITE = 'land.registry.write';
export const REGISTRY_READ = 'land.registry.read';

/** Roles that see the whole registry. */
const READ_ALL_ROLES = ['admin', 'programme-manager'] as const;

/**
 * What a caller may read of the registry, from the verified identity only, never from the request body.
 * `all: false` lists the CoFo and tribunals her token attributes point at:
 * - a CoFo secretary sees her own CoFo (`cofoId`), and the tribunal it sends its PVs to;
 * - a tribunal clerk sees her tribunal (`tribunalId`) and every CoFo attached to it.
 * A user with several roles gets the union; a secretary or clerk without the attribute sees nothing.
 */
export type RegistryScope =
  { all: true } | { all: false; cofoCodes: readonly string[]; tribunalCodes: readonly string[] };

/** Registry writes (create, update) are the admin's: anyone else gets `FORBIDDEN_ROLE`. */
export function assertRegistryWrite(identity: Identity): void {
  if (!identity.roles.includes('admin')) throw domainError('FORBIDDEN_ROLE', { permission: REGISTRY_WRITE });
}

export function registryReadScope(identity: Identity): RegistryScope {
  const roles = identity.roles;
  if (READ_ALL_ROLES.some((r) => roles.includes(r))) return { all: true };
  const secretary = roles.includes('cofo-secretary');
  const clerk = roles.includes('tribunal-clerk');
  if (!secretary && !clerk) throw domainError('FORBIDDEN_ROLE', { permission: REGISTRY_READ });
  return {
    all: false,
    cofoCodes: secretary && identity.cofoId ? [identity.cofoId] : [],
    tribunalCodes: clerk && identity.tribunalId ? [identity.tribunalId] : [],
  };
}

/** A CoFo is visible when it is one of the caller's or is attached to one of her tribunals. */
export function cofoVisible(
  scope: RegistryScope,
  cofo: { code: string; tribunalCode: string | null },
): boolean {
  if (scope.all) return true;
  return (
    scope.cofoCodes.includes(cofo.code) ||
    (cofo.tribunalCode !== null && scope.tribunalCodes.includes(cofo.tribunalCode))
  );
}

/**
 * A tribunal is visible when it is one of the caller's, or the tribunal of one of her CoFo
 * (`tribunalsOfOwnCofos`: looked up by the service from `scope.cofoCodes`).
 */
export function tribunalVisible(
  scope: RegistryScope,
  tribunalCode: string,
  tribunalsOfOwnCofos: readonly string[],
): boolean {
  if (scope.all) return true;
  return scope.tribunalCodes.includes(tribunalCode) || tribunalsOfOwnCofos.includes(tribunalCode);
}

/**
 * For a `get` of something not visible: whether the caller may learn that it does not exist. Only when
 * it would be hers anyway; for others "not found" and "not yours" look the same (`OUT_OF_SCOPE`), so
 * the answer does not reveal which codes exist.
 */
export function mayLearnAbsence(scope: RegistryScope, ownCodes: readonly string[], code: string): boolean {
  return scope.all || ownCodes.includes(code);
}
