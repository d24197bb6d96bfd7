// The pure rules of the land screens' lists and case commands (unit-tested in cases.spec.ts).
import type { Schemas } from '../../api/client';
import { allOf } from '../../api/enums';

export type CaseSummary = Schemas['CaseSummaryDto'];
export type CaseState = CaseSummary['state'];
export type CaseDetail = Schemas['CaseDto'];
export type Pv = Schemas['PvDto'];

export const CASE_STATES = allOf<CaseState>()([
  'filed',
  'in-instruction',
  'conciliated',
  'not-conciliated',
  'homologation-requested',
  'homologated',
  'homologation-rejected',
  'referred',
  'closed',
]);

/**
 * The one delay the procedure sets (DOMAIN.md section 1, apps/land-conciliation cases.settings.ts): a PV
 * waiting for the tribunal's decision longer than `HOMOLOGATION_OVERDUE_DAYS` (30 by default, configured
 * on the server). The API flags those itself (`GET /homologations?status=overdue`, `overdue` on each PV's
 * homologation); the screens use its flag and never count days of their own. The law sets no delay for
 * the instruction, so an open case is never "overdue" by its age.
 */
export function overdueCaseIds(
  items: readonly Pick<Schemas['HomologationQueueItemDto'], 'caseId' | 'overdue'>[],
) {
  return new Set(items.filter((i) => i.overdue).map((i) => i.caseId));
}

/** Overdue first, then by state in the order of the procedure, then the oldest filing first. */
export function sortCases<C extends Pick<CaseSummary, 'id' | 'state' | 'filedOn' | 'number'>>(
  cases: readonly C[],
  overdue: ReadonlySet<string>,
): C[] {
  return [...cases].sort(
    (a, b) =>
      Number(overdue.has(b.id)) - Number(overdue.has(a.id)) ||
      CASE_STATES.indexOf(a.state) - CASE_STATES.indexOf(b.state) ||
      a.filedOn.localeCompare(b.filedOn) ||
      a.number.localeCompare(b.number),
  );
}

/** The PV in force (at most one), if any. */
export function pvInForce(c: Pick<CaseDetail, 'pvs'>): Pv | undefined {
  return c.pvs.find((p) => p.status === 'in-force');
}

/**
 * The version a new command on this case must name: the one read, plus one for each command on it still
 * waiting in the outbox (each command the server applies adds one, so commands typed offline one after the
 * other are applied in order instead of the second meeting a conflict).
 */
export function nextVersion(read: number, waitingOnCase: number): number {
  return read + waitingOnCase;
}

export type CaseAction = 'step' | 'pv' | 'homologation' | 'decision' | 'referral' | 'pdf';

/** What each role may do on a case in this state (the state machine of the land service, seen from a screen). */
export function actionsFor(c: Pick<CaseDetail, 'state' | 'pvs'>, roles: readonly string[]): CaseAction[] {
  const secretary = roles.includes('cofo-secretary');
  const clerk = roles.includes('tribunal-clerk');
  const s = c.state;
  const out: CaseAction[] = [];
  if (secretary && (s === 'filed' || s === 'in-instruction')) out.push('step');
  if (
    secretary &&
    [
      'filed',
      'in-instruction',
      'conciliated',
      'not-conciliated',
      'homologation-rejected',
      'homologated',
    ].includes(s)
  )
    out.push('pv');
  if (secretary && s === 'conciliated') out.push('homologation');
  if (clerk && s === 'homologation-requested') out.push('decision');
  if ((secretary || clerk) && s === 'not-conciliated') out.push('referral');
  if (pvInForce(c)) out.push('pdf');
  return out;
}

/**
 * The homologation queue by the date each PV was sent (`requestedOn`, the legal date the clerk counts
 * from), the API's order (the moment the request was recorded) among equal dates. The API pages by the
 * recording moment, so a request recorded late with an earlier date would otherwise come after newer ones.
 */
export function oldestFirst<I extends Pick<Schemas['HomologationQueueItemDto'], 'requestedOn'>>(
  items: readonly I[],
): I[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => a.item.requestedOn.localeCompare(b.item.requestedOn) || a.i - b.i)
    .map((x) => x.item);
}
