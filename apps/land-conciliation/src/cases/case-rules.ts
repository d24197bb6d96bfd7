import {
  AGE_GROUPS,
  domainError,
  type AgeGroup,
  type PartyCountsV1,
  type PartyInputV1,
} from '@prosmed/contracts';

/** Mali keeps UTC all year: "today" for a date typed by a secretary is the UTC date. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A calendar date that exists (DTOs check the shape; 2026-02-30 has the shape). */
export function assertRealDate(field: string, date: string): void {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw domainError('VALIDATION_FAILED', undefined, [
      { field, code: 'isRealDate', message: `${field} is not a calendar date` },
    ]);
  }
}

export function assertNotFuture(field: string, date: string, now: Date = new Date()): void {
  assertRealDate(field, date);
  if (date > today(now))
    throw domainError('DATE_IN_FUTURE', { field, date }, [{ field, code: 'notInFuture' }]);
}

export function assertNotBeforeFiling(field: string, date: string, filedOn: string): void {
  if (date < filedOn)
    throw domainError('DATE_BEFORE_FILING', { field, date, filedOn }, [{ field, code: 'notBeforeFiling' }]);
}

/** Dates of what follows a PV (homologation request, referral) cannot precede the PV itself. */
export function assertNotBeforePv(field: string, date: string, pvDate: string): void {
  if (date < pvDate)
    throw domainError('DATE_BEFORE_PV', { field, date, pvDate }, [{ field, code: 'notBeforePv' }]);
}

export function assertBothSides(parties: readonly Pick<PartyInputV1, 'role'>[]): void {
  if (!parties.some((p) => p.role === 'demandeur') || !parties.some((p) => p.role === 'defendeur')) {
    throw domainError('PARTIES_NEED_BOTH_SIDES', undefined, [{ field: 'parties', code: 'bothSides' }]);
  }
}

/** Counts by sex and age group: what leaves the service in events and reports, never names. */
export function partyCounts(
  parties: readonly Pick<PartyInputV1, 'kind' | 'sex' | 'ageGroup'>[],
): PartyCountsV1 {
  const byAgeGroup = Object.fromEntries(AGE_GROUPS.map((g) => [g, 0])) as Record<AgeGroup, number>;
  const bySex = { F: 0, M: 0, group: 0 };
  for (const p of parties) {
    if (p.kind === 'group') bySex.group++;
    else if (p.sex === 'F' || p.sex === 'M') bySex[p.sex]++;
    byAgeGroup[p.ageGroup ?? 'unknown']++;
  }
  return { total: parties.length, bySex, byAgeGroup };
}

export function caseNumber(cofoCode: string, year: number, seq: number): string {
  return `COFO-${cofoCode}-${year}-${String(seq).padStart(4, '0')}`;
}

/** Whole days between two dates (YYYY-MM-DD or Date), never negative. */
export function daysBetween(from: string | Date, to: string | Date): number {
  const a = typeof from === 'string' ? Date.parse(`${from}T00:00:00Z`) : from.getTime();
  const b = typeof to === 'string' ? Date.parse(`${to}T00:00:00Z`) : to.getTime();
  return Math.max(0, Math.floor((b - a) / 86_400_000));
}
