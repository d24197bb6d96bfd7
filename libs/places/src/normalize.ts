/**
 * Name keys for search. Users type names without accents, with or without hyphens and apostrophes, and
 * Malian names have competing spellings (Djenné / Dienné, Ségou / Segou): compare keys, not raw names.
 */

/** Lower-case, accents removed, every run of non-alphanumerics turned into one space, trimmed. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** `normalizeName` without spaces: "N'Goa" and "Ngoa", "Kala-Siguida" and "Kala Siguida" meet. */
export function compactKey(text: string): string {
  return normalizeName(text).replace(/ /g, '');
}

/**
 * A looser key for spelling variants common in Malian place names: `dj` written `di` (Djenné / Dienné),
 * doubled letters written single (Djenné / Djéné).
 */
export function looseKey(text: string): string {
  return compactKey(text)
    .replace(/dj/g, 'di')
    .replace(/(.)\1+/g, '$1');
}
