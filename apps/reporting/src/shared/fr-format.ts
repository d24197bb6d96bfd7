/**
 * Numbers and dates as the quarterly report writes them: "1 234,5" and dd/mm/yyyy. A no-break space
 * (U+00A0) groups the thousands, not Intl's U+202F, which the PDF's standard fonts cannot draw.
 */
export function frNumber(n: number, decimals = 1): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const trimmed = frac ? frac.replace(/0+$/, '') : '';
  return `${n < 0 ? '-' : ''}${grouped}${trimmed ? `,${trimmed}` : ''}`;
}

/** dd/mm/yyyy. */
export function frDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** "Ségou, Bla, Niono, San et Bandiagara". */
export function frList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** "1 personne", "872 personnes", "0 femme" (French takes the singular below 2). */
export function frCount(n: number, one: string, many: string): string {
  return `${frNumber(n, 0)} ${Math.abs(n) < 2 ? one : many}`;
}

/**
 * A unit of count agreed with its number: "1 activité", "2 activités" (units are stored in the plural;
 * the final s of each word of three letters or more goes below two: "1 mise à jour", "1 PV").
 */
export function frUnit(n: number, plural: string): string {
  if (Math.abs(n) >= 2) return plural;
  return plural
    .split(' ')
    .map((w) => (w.length >= 3 && w.endsWith('s') ? w.slice(0, -1) : w))
    .join(' ');
}
