// Dates dd/mm/yyyy, numbers in French format (1 234,5), amounts in FCFA, whatever the language chosen:
// the programme's papers are French, and so are the people's habits.

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-20` (a date of the API), an ISO date-time or a Date, as 20/11/2026 (local time for instants). */
export function formatDate(value: string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    // A date alone is a calendar day: never shifted by a time zone.
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** `20/11/2026` (what a person types) as the API's `2026-11-20`; undefined when it is not a real date. */
export function parseDate(text: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** Today as the API's `YYYY-MM-DD`, in local time. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** 1234567.5 as `1 234 567,5` (French grouping, a narrow no-break space). */
export function formatNumber(n: number, maxDecimals = 2): string {
  let f = numberFormats.get(maxDecimals);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: maxDecimals });
    numberFormats.set(maxDecimals, f);
  }
  return f.format(n);
}

/** An amount in CFA francs (no decimals: the franc CFA has no cents in use): `1 500 000 FCFA`. */
export function formatFcfa(amount: number): string {
  return `${formatNumber(Math.round(amount), 0)}\u00a0FCFA`;
}
