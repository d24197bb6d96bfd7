import type { Scope, ScopeOwner } from '@prosmed/auth';
import type { CaseRow } from './case-rows';

/**
 * Whose a case is, for the scope helpers of `@prosmed/auth`: its CoFo always; its tribunal only once the
 * case was sent there (homologation requested, or a PV de non-conciliation recorded, which lets a party
 * take it to that court). Before that, the clerk has no business with it.
 */
export function caseOwner(
  row: Pick<CaseRow, 'cofo_code' | 'tribunal_code' | 'sent_to_tribunal'>,
): ScopeOwner {
  return { cofo: row.cofo_code, tribunal: row.sent_to_tribunal ? row.tribunal_code : null };
}

/** The same rule as SQL over `c` (dispute_case), for lists: `null` when the caller reaches every case. */
export function caseScopeSql(scope: Scope, p: (v: unknown) => string): string | null {
  if (scope.all) return null;
  const parts: string[] = [];
  if (scope.cofo.length) parts.push(`c."cofo_code" = ANY(${p(scope.cofo)}::text[])`);
  if (scope.tribunal.length) {
    parts.push(`(c."sent_to_tribunal" AND c."tribunal_code" = ANY(${p(scope.tribunal)}::text[]))`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}
