/**
 * Words of the SNLCC action plan (DOMAIN.md section 3) shared by the service, the gateway and the
 * reporting service. Statuses stay in French: they are the plan's own vocabulary.
 */
export const ACTION_STATUSES = ['non démarrée', 'en cours', 'réalisée', 'en retard', 'abandonnée'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Statuses after which an action is never late: done, or given up on purpose. */
export const FINISHED_STATUSES: readonly ActionStatus[] = ['réalisée', 'abandonnée'];

/** Where an update stands in the validation workflow (see `update-workflow.ts` of the service). */
export const UPDATE_STATES = ['proposed', 'consolidated', 'returned', 'resubmitted', 'validated'] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

/** The four axes of the strategy, by code. */
export const AXIS_CODES = ['A1', 'A2', 'A3', 'A4'] as const;
export type AxisCode = (typeof AXIS_CODES)[number];

export const STRUCTURE_KINDS = ['ministry', 'agency'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

export const SESSION_STATES = ['open', 'closed'] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const WORK_PLAN_STATES = ['draft', 'adopted'] as const;
export type WorkPlanState = (typeof WORK_PLAN_STATES)[number];

/** A reporting period: a quarter, `2024-Q1`. */
export const PERIOD_PATTERN = /^20\d\d-Q[1-4]$/;
/** Plan codes (objectives, results, actions): `A1`, `OS1`, `OO1.2`, `R1.2.1`, `ACT-1.2.1.03`. */
export const PLAN_CODE_PATTERN = /^[A-Z0-9][A-Z0-9.-]{0,38}[A-Z0-9]$/;

export const SPREADSHEET_FORMATS = ['csv', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

/** The first and last day of a quarter (UTC dates, Mali's time). */
export function periodBounds(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const q = Number(period.slice(6, 7));
  const startMonth = (q - 1) * 3 + 1;
  const end = new Date(Date.UTC(year, startMonth + 2, 0));
  return {
    from: `${year}-${String(startMonth).padStart(2, '0')}-01`,
    to: end.toISOString().slice(0, 10),
  };
}

/** Quarters compare as text (`2024-Q2` < `2024-Q3` < `2025-Q1`). */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The quarter a date falls in. */
export function periodOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}
