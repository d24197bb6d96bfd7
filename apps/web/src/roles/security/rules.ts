// The security area's pure rules (no Preact, no DOM): unit-tested in rules.spec.ts.
import { parseDate } from '../../i18n/format';

/** The participants' sub-counts: overlapping (a young woman counts in both), each at most the total. */
export const SUB_COUNTS = ['women', 'youth', 'fds', 'children'] as const;
export type SubCount = (typeof SUB_COUNTS)[number];
export type CountField = 'total' | SubCount;

/** The largest count the API takes (MAX_COUNT of the contract). */
export const MAX_COUNT = 1_000_000;

export type CountProblem =
  | { kind: 'required' }
  | { kind: 'not-a-number' }
  | { kind: 'too-large'; max: number }
  | { kind: 'exceeds-total'; value: number; total: number };

export interface Participants {
  total: number;
  women: number;
  youth: number;
  fds: number;
  children: number | null;
}

export interface ParticipantsCheck {
  /** By field: what is wrong with it (none: nothing to say). */
  problems: Partial<Record<CountField, CountProblem>>;
  /** The counts as the API takes them, when nothing is wrong. */
  value?: Participants;
}

/** A count as typed: '' is undefined, `12` or ` 12 ` a number, anything else NaN. */
export function parseCount(text: string | undefined): number | undefined {
  const s = (text ?? '').replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return undefined;
  return /^\d+$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * The participants' counts as she types them: the total, women, youth and FDS are required, children
 * optional; each sub-count at most the total (the service's PARTICIPANTS_EXCEED_TOTAL, said before sending).
 * A sub-count typed before the total is not yet compared with anything.
 */
export function checkParticipants(input: Partial<Record<CountField, string>>): ParticipantsCheck {
  const problems: Partial<Record<CountField, CountProblem>> = {};
  const numbers: Partial<Record<CountField, number>> = {};
  for (const f of ['total', ...SUB_COUNTS] as const) {
    const n = parseCount(input[f]);
    if (n === undefined) {
      if (f !== 'children') problems[f] = { kind: 'required' };
    } else if (Number.isNaN(n)) problems[f] = { kind: 'not-a-number' };
    else if (n > MAX_COUNT) problems[f] = { kind: 'too-large', max: MAX_COUNT };
    else numbers[f] = n;
  }
  const total = numbers.total;
  if (total !== undefined) {
    for (const f of SUB_COUNTS) {
      const n = numbers[f];
      if (n !== undefined && n > total) problems[f] = { kind: 'exceeds-total', value: n, total };
    }
  }
  if (Object.keys(problems).length > 0) return { problems };
  return {
    problems,
    value: {
      total: numbers.total!,
      women: numbers.women!,
      youth: numbers.youth!,
      fds: numbers.fds!,
      children: numbers.children ?? null,
    },
  };
}

/**
 * The problems to show while she types: only on a field she has filled (an empty required field is said
 * when she tries to save), except a sub-count above the total, said at once.
 */
export function visibleProblems(
  check: ParticipantsCheck,
  input: Partial<Record<CountField, string>>,
  submitted: boolean,
): Partial<Record<CountField, CountProblem>> {
  if (submitted) return check.problems;
  const out: Partial<Record<CountField, CountProblem>> = {};
  for (const [f, p] of Object.entries(check.problems) as [CountField, CountProblem][]) {
    if (p.kind !== 'required' && (input[f] ?? '').trim() !== '') out[f] = p;
  }
  return out;
}

/** A place code at or under her CCS's place (codes nest: ML-SEG-SEG-SEG lies in ML-SEG-SEG). */
export function inTerritory(placeCode: string, root: string | undefined): boolean {
  if (!root) return true;
  return placeCode === root || placeCode.startsWith(`${root}-`);
}

/** What the attachment route takes (the service checks the content again): 5 MiB. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;

export type FileProblem =
  { kind: 'empty' } | { kind: 'too-large'; size: number; max: number } | { kind: 'type'; type: string };

/**
 * A file before it is sent: not empty, 5 MiB at most, a photo or a PDF by the type the phone gives (an
 * unknown type is let through: the server recognises the content and refuses what it is not).
 */
export function checkFile(file: { size: number; type: string }): FileProblem | undefined {
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > ATTACHMENT_MAX_BYTES)
    return { kind: 'too-large', size: file.size, max: ATTACHMENT_MAX_BYTES };
  if (file.type && !(ATTACHMENT_TYPES as readonly string[]).includes(file.type))
    return { kind: 'type', type: file.type };
  return undefined;
}

/** A size as a person reads it, in French units: `1,5 Mio`, `12 kio`, `300 o`. */
export function formatSize(bytes: number): string {
  const fmt = (n: number) => (Math.round(n * 10) / 10).toString().replace('.', ',');
  if (bytes >= 1024 * 1024) return `${fmt(bytes / (1024 * 1024))} Mio`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} kio`;
  return `${bytes} o`;
}

/** The file name the API takes: no folder, no control character, 200 characters at most. */
export function safeFileName(name: string, fallback = 'photo'): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const unsafe = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\ufeff/\\]/g;
  const cleaned = name.replace(unsafe, '_').trim();
  if (!cleaned || cleaned === '.' || cleaned === '..') return fallback;
  if (cleaned.length <= 200) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 200 - ext.length) + ext;
}

export interface GrievanceRow {
  id: string;
  overdue: boolean;
  state: string;
  receivedOn: string;
  daysOpen: number;
}

/** Her grievances: overdue ones first (longest open first), then open ones, then closed; newest first. */
export function sortGrievances<G extends GrievanceRow>(items: readonly G[]): G[] {
  const rank = (g: G) => (g.overdue ? 0 : g.state === 'closed' ? 2 : 1);
  return [...items].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (rank(a) === 0 ? b.daysOpen - a.daysOpen : 0) ||
      b.receivedOn.localeCompare(a.receivedOn),
  );
}

/** The grievance steps her screen offers in each state (the service's transition table decides). */
export function grievanceActions(state: string): ('refer' | 'follow-up' | 'close')[] {
  switch (state) {
    case 'received':
      return ['refer', 'close'];
    case 'referred':
    case 'in-follow-up':
      return ['refer', 'follow-up', 'close'];
    default:
      return [];
  }
}

/** A history action (`grievance.referred`, `activity.recommendation.done`) as its message key. */
export function historyKey(action: string): string {
  const rec = /^activity\.recommendation\.(.+)$/.exec(action);
  if (rec) return `history.activity.recommendation`;
  return `history.${action}`;
}

/**
 * Dates typed `jj/mm/aaaa` as the API's `YYYY-MM-DD`: `{ dates }` when every required one is a real date
 * (an optional one may be empty), else `{ invalid }`, the names of those that are not.
 */
export function apiDates<N extends string>(
  texts: Record<N, string | undefined>,
  optional: readonly NoInfer<N>[] = [],
): { dates: Partial<Record<N, string>>; invalid: N[] } {
  const dates: Partial<Record<N, string>> = {};
  const invalid: N[] = [];
  for (const name of Object.keys(texts) as N[]) {
    const text = (texts[name] ?? '').trim();
    if (!text && optional.includes(name)) continue;
    const date = parseDate(text);
    if (date) dates[name] = date;
    else invalid.push(name);
  }
  return { dates, invalid };
}
