import type { Scope, ScopeOwner } from '@prosmed/auth';

/** An action, an update and a reminder belong to the action's responsible structure. */
export const structureOwner = (row: { structure_code: string }): ScopeOwner => ({
  structure: row.structure_code,
});

/** The same rule as SQL over a column holding the structure code: `null` when the caller reaches all. */
export function structureScopeSql(scope: Scope, column: string, p: (v: unknown) => string): string | null {
  if (scope.all) return null;
  return scope.structure.length ? `${column} = ANY(${p(scope.structure)}::text[])` : 'false';
}
