import { createHash, randomInt } from 'node:crypto';
import {
  AGE_GROUPS,
  domainError,
  type AgeGroup,
  type PartyCountsV1,
  type PartyInputV1,
  type PartyMarkV1,
  type PvKind,
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

interface PvFields {
  kind: PvKind;
  agreedPoints?: string[];
  openPoints?: string[];
  marks?: PartyMarkV1[];
  stepsTried?: string[];
  failureReason?: string | null;
}

/** Fields of one kind of PV refused on the other, so nothing typed in the wrong form is silently kept. */
export function assertPvFieldsMatchKind(pv: PvFields): void {
  const wrong =
    pv.kind === 'conciliation'
      ? (['stepsTried', 'failureReason'] as const).find((f) => present(pv[f]))
      : (['agreedPoints', 'openPoints', 'marks'] as const).find((f) => present(pv[f]));
  if (wrong)
    throw domainError('PV_FIELDS_MISMATCH', { field: wrong, kind: pv.kind }, [
      { field: wrong, code: 'wrongKind' },
    ]);
  if (pv.kind === 'non-conciliation' && !(pv.stepsTried?.length && pv.failureReason)) {
    const field = pv.stepsTried?.length ? 'failureReason' : 'stepsTried';
    throw domainError('VALIDATION_FAILED', undefined, [
      { field, code: 'required', message: `${field} is required` },
    ]);
  }
  if (pv.kind === 'conciliation' && !pv.agreedPoints?.length) {
    throw domainError('VALIDATION_FAILED', undefined, [
      { field: 'agreedPoints', code: 'required', message: 'agreedPoints needs at least one point' },
    ]);
  }
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
}

/** Marks name parties of this case, once each, and never outnumber them. */
export function assertMarks(marks: readonly PartyMarkV1[], partyIds: readonly string[]): void {
  if (marks.length > partyIds.length) {
    throw domainError('MARKS_EXCEED_PARTIES', { marks: marks.length, parties: partyIds.length }, [
      { field: 'marks', code: 'tooMany' },
    ]);
  }
  const seen = new Set<string>();
  marks.forEach((m, i) => {
    if (!partyIds.includes(m.partyId)) {
      throw domainError('PARTY_UNKNOWN', { partyId: m.partyId }, [
        { field: `marks[${i}].partyId`, code: 'unknownParty' },
      ]);
    }
    if (seen.has(m.partyId)) {
      throw domainError('MARKS_EXCEED_PARTIES', { marks: marks.length, parties: partyIds.length }, [
        { field: `marks[${i}].partyId`, code: 'duplicate' },
      ]);
    }
    seen.add(m.partyId);
  });
}

/**
 * What a PV de conciliation lacks before it can go to the tribunal: agreed points, and the mark of every
 * party to the dispute (demandeurs and défendeurs; witnesses may sign but need not).
 */
export function missingForHomologation(
  pv: { kind: PvKind; agreedPoints: string[]; marks: PartyMarkV1[] },
  parties: readonly { id: string; role: string; name: string }[],
): string[] {
  if (pv.kind !== 'conciliation') return ['PV de conciliation'];
  const missing: string[] = [];
  if (pv.agreedPoints.length === 0) missing.push('points d’accord');
  const marked = new Set(pv.marks.map((m) => m.partyId));
  for (const p of parties) if (p.role !== 'temoin' && !marked.has(p.id)) missing.push(`marque de ${p.name}`);
  return missing;
}

/** Stable JSON (sorted keys) so the same content always hashes the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function contentHash(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** No 0/O, 1/I/L: the code is typed by hand from paper when the QR cannot be scanned. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function verificationCode(): string {
  const chars = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
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
