// The pure rules of the "my cases" list (unit-tested in cases.spec.ts).
import type { Schemas } from '../../api/client';

export type CaseSummary = Schemas['CaseSummaryDto'];
export type CaseState = CaseSummary['state'];

export const CASE_STATES: readonly CaseState[] = [
  'filed',
  'in-instruction',
  'conciliated',
  'not-conciliated',
  'homologation-requested',
  'homologated',
  'homologation-rejected',
  'referred',
  'closed',
];

/** States in which the CoFo still has to act (a PV to hold, a session to record). */
const OPEN: readonly CaseState[] = ['filed', 'in-instruction'];

/**
 * Days after filing past which an open case is shown as overdue. The API's case list has no overdue flag
 * yet (the homologation queue has one); until it has, the screen uses this programme rule of thumb.
 */
export const OVERDUE_AFTER_DAYS = 30;

export function isOverdue(c: Pick<CaseSummary, 'state' | 'filedOn'>, today: string): boolean {
  if (!OPEN.includes(c.state)) return false;
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${c.filedOn}T00:00:00Z`)) / 86_400_000;
  return days > OVERDUE_AFTER_DAYS;
}

/** Overdue first, then by state in the order of the procedure, then the oldest filing first. */
export function sortCases<C extends Pick<CaseSummary, 'state' | 'filedOn' | 'number'>>(
  cases: readonly C[],
  today: string,
): C[] {
  return [...cases].sort(
    (a, b) =>
      Number(isOverdue(b, today)) - Number(isOverdue(a, today)) ||
      CASE_STATES.indexOf(a.state) - CASE_STATES.indexOf(b.state) ||
      a.filedOn.localeCompare(b.filedOn) ||
      a.number.localeCompare(b.number),
  );
}
