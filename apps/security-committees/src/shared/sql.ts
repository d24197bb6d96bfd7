import type { EntityManager } from 'typeorm';
import type { Scope } from '@prosmed/auth';

export type Tx = EntityManager;

/** Positional parameters of one query: `p(value)` adds a value and returns its `$n`. */
export function sqlParams(): { params: unknown[]; p: (v: unknown) => string } {
  const params: unknown[] = [];
  return {
    params,
    p: (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    },
  };
}

/** The scope as SQL on a `ccs_code` column: null when the caller reaches every CCS. */
export function ccsScopeSql(scope: Scope, column: string, p: (v: unknown) => string): string | null {
  if (scope.all) return null;
  return scope.ccs.length ? `${column} = ANY(${p(scope.ccs)}::text[])` : 'false';
}

/** Whose a record is, for the scope helpers of `@prosmed/auth`: its CCS. */
export function ccsOwner(row: { ccs_code: string }): { ccs: string } {
  return { ccs: row.ccs_code };
}
