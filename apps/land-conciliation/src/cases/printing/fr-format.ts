import type { MarkKind } from '@prosmed/contracts';

/** How the printed PV writes dates, numbers and the words of the record: as French legal papers do. */

/** dd/mm/yyyy, as on every official paper in Mali. */
export function frDate(iso: string | null | undefined): string {
  if (!iso) return '…… / …… / …………';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** "1er octobre 2026", "15 octobre 2026": the date as a French deed writes it after "le". */
export function frLongDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  const month = m ? MONTHS_FR[Number(m[2]) - 1] : undefined;
  if (!m || !month) return '……………………';
  const day = Number(m[3]);
  return `${day === 1 ? '1er' : day} ${month} ${m[1]}`;
}

/**
 * A decimal number as French writes it: comma for the decimals, a no-break space between groups of
 * three digits ("1 250,5"). Not Intl: its fr-FR group separator is U+202F, which the PDF's standard
 * fonts (WinAnsi) cannot draw; U+00A0 they can.
 */
export function frNumber(n: number, maxDecimals = 4): string {
  const fixed = Math.abs(n)
    .toFixed(maxDecimals)
    .replace(/\.?0+$/, '');
  const [int, dec] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${n < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}

/** "2,5 ha"; one square metre is 0.0001 ha, so four decimals keep every measured surface. */
export function frSurface(ha: number | null | undefined): string {
  return ha === null || ha === undefined ? 'non mesurée' : `${frNumber(ha)}\u00a0ha`;
}

export const ROLE_FR: Record<string, string> = {
  demandeur: 'Demandeur',
  defendeur: 'Défendeur',
  temoin: 'Témoin',
};
export const MARK_FR: Record<MarkKind, string> = {
  signature: 'Signature',
  thumbprint: 'Empreinte digitale',
  represented: 'Représenté(e) par',
};
export const SEX_FR: Record<string, string> = { F: 'Femme', M: 'Homme' };
