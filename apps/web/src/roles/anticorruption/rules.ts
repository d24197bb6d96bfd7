// The pure rules of the anti-corruption screens (unit-tested in rules.spec.ts): no Preact, no DOM.
import type { Schemas } from '../../api/client';
import { allOf } from '../../api/enums';

/** The five statuses of an action, in the plan's own words (the API's enum). */
export type ActionStatus = Schemas['ProposeUpdateBody']['status'];
export const ACTION_STATUSES = allOf<ActionStatus>()([
  'non démarrée',
  'en cours',
  'réalisée',
  'en retard',
  'abandonnée',
]);

/** Where an update stands in the validation circuit. */
export type UpdateState = Schemas['UpdateDto']['state'];
export const UPDATE_STATES = allOf<UpdateState>()([
  'proposed',
  'consolidated',
  'returned',
  'resubmitted',
  'validated',
]);

/** The largest evidence file the server takes (5 MiB, `update.evidence-add`'s upload limit). */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The focal point's actions: late ones first (the API's `late`, computed at each read), then the nearest
 * end date, then the code.
 */
export function sortActions<A extends { late: boolean; endOn: string; code: string }>(
  actions: readonly A[],
): A[] {
  return [...actions].sort(
    (a, b) =>
      Number(b.late) - Number(a.late) || a.endOn.localeCompare(b.endOn) || a.code.localeCompare(b.code),
  );
}

export type FcfaParse =
  { ok: true; value: number } | { ok: false; reason: 'empty' | 'decimals' | 'invalid' | 'too-large' };

/**
 * An amount in FCFA as typed (`2 500 000`, `2500000`, `2.500.000` with dots between thousands): an integer
 * or the reason it is not one. A decimal part (`1500,50`, `1500.5`) is refused: the franc CFA has no cents.
 */
export function parseFcfa(text: string): FcfaParse {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/FCFA$/i, '');
  if (t === '') return { ok: false, reason: 'empty' };
  // Thousands separated by dots (1.500.000) are a way of writing integers; any other dot or comma is a
  // decimal mark.
  const grouped = /^\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, '') : t;
  if (/^\d+[.,]\d*$/.test(grouped) || /^[.,]\d+$/.test(grouped)) return { ok: false, reason: 'decimals' };
  if (!/^\d+$/.test(grouped)) return { ok: false, reason: 'invalid' };
  const value = Number(grouped);
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'too-large' };
  return { ok: true, value };
}

/** A quarter, `2026-Q4`, of a `YYYY-MM-DD` date. */
export function periodOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

function nextPeriod(p: string): string {
  const y = Number(p.slice(0, 4));
  const q = Number(p.slice(6, 7));
  return q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}`;
}

/**
 * The quarters a focal point may report on for an action, newest first: from the quarter it starts to the
 * current quarter (a late action is still reported on), without those that already have an update.
 */
export function reportablePeriods(startOn: string, today: string, taken: readonly string[] = []): string[] {
  const first = periodOf(startOn);
  const last = periodOf(today);
  const out: string[] = [];
  for (let p = first; p <= last; p = nextPeriod(p)) if (!taken.includes(p)) out.push(p);
  return out.reverse();
}

/** `2026-Q4` as people say it: `T4 2026`. */
export function periodLabel(p: string): string {
  return /^\d{4}-Q[1-4]$/.test(p) ? `T${p.slice(6)} ${p.slice(0, 4)}` : p;
}

/** What the next step of an update is, for whom: the screens offer only the steps the workflow allows. */
export function canResubmit(state: UpdateState): boolean {
  return state === 'returned';
}

export function canAddEvidence(state: UpdateState): boolean {
  return state !== 'validated';
}

/** The updates the Secrétariat permanent consolidates, and those the comité de pilotage decides on. */
export const SECRETARIAT_STATES: readonly UpdateState[] = ['proposed', 'resubmitted'];
export const COMMITTEE_STATES: readonly UpdateState[] = ['consolidated'];

/** A file the server would refuse for its size, said before a byte is sent. */
export function evidenceTooLarge(size: number): boolean {
  return size > EVIDENCE_MAX_BYTES;
}
