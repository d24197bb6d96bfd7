import { domainError } from '@prosmed/contracts';

/** A reporting period: its inclusive first and last days (UTC is Mali's time) and how people write it. */
export interface Period {
  /** As asked: `2023Q4`, `2023` or `2023-10-01..2023-12-31`. */
  code: string;
  from: string;
  to: string;
  /** `Octobre - Décembre 2023`, `Année 2023`, `Du 01/10/2023 au 31/12/2023`. */
  label: string;
}

const MONTHS = [
  'Janvier',
  'Février',
  'Mars',
  'Avril',
  'Mai',
  'Juin',
  'Juillet',
  'Août',
  'Septembre',
  'Octobre',
  'Novembre',
  'Décembre',
];

const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();
const isRealDate = (iso: string): boolean => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};
const frDay = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** The longest custom range a query may span: ten years of daily facts is already far past any report. */
const MAX_RANGE_DAYS = 3660;

/** Reads a period, or `PERIOD_INVALID` (a 400 naming what was sent). */
export function parsePeriod(code: string): Period {
  const invalid = () => domainError('PERIOD_INVALID', { period: code });
  const q = /^(\d{4})(?:Q([1-4]))?$/.exec(code);
  if (q) {
    const year = Number(q[1]);
    if (!q[2]) return { code, from: `${year}-01-01`, to: `${year}-12-31`, label: `Année ${year}` };
    const quarter = Number(q[2]);
    const first = (quarter - 1) * 3 + 1;
    const last = first + 2;
    return {
      code,
      from: `${year}-${pad(first)}-01`,
      to: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
      label: `${MONTHS[first - 1]} - ${MONTHS[last - 1]} ${year}`,
    };
  }
  const r = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(code);
  if (!r || !isRealDate(r[1]) || !isRealDate(r[2]) || r[1] > r[2]) throw invalid();
  const days = (Date.parse(r[2]) - Date.parse(r[1])) / 86_400_000;
  if (days > MAX_RANGE_DAYS) throw invalid();
  return { code, from: r[1], to: r[2], label: `Du ${frDay(r[1])} au ${frDay(r[2])}` };
}
