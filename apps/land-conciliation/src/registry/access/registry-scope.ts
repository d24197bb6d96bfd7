import type { Scope, ScopeOwner } from '@prosmed/auth';

/**
 * Who a registry record belongs to, for the scope helpers of `@prosmed/auth` (the permissions are
 * `cofo:read`/`cofo:write` and `tribunal:read`/`tribunal:write` of its roles table):
 * - a CoFo is its own and its tribunal's: the clerk sees the CoFo that send her their PVs;
 * - a tribunal is its own, and its CoFo's: a secretary sees the tribunal her PVs go to
 *   (`withTribunalsOfOwnCofos`, since that link is stored on the CoFo).
 */
export function cofoOwner(cofo: { code: string; tribunalCode: string | null }): ScopeOwner {
  return { cofo: cofo.code, tribunal: cofo.tribunalCode };
}

export function tribunalOwner(tribunal: { code: string }): ScopeOwner {
  return { tribunal: tribunal.code };
}

/** The scope widened to the tribunals of the caller's own CoFo (looked up by the service). */
export function withTribunalsOfOwnCofos(scope: Scope, tribunalsOfOwnCofos: readonly string[]): Scope {
  if (scope.all || tribunalsOfOwnCofos.length === 0) return scope;
  return { ...scope, tribunal: [...new Set([...scope.tribunal, ...tribunalsOfOwnCofos])] };
}
