/**
 * The search key stored beside each name (`name_search`): lower case, accents removed, punctuation and
 * runs of spaces turned into one space, so "Ségou", "SEGOU" and "segou" meet. Computed in code rather
 * than with PostgreSQL's `unaccent`, an extension the database may not have.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `%key%` for LIKE, with LIKE's own wildcards escaped (PostgreSQL's default escape is `\`). */
export function containsPattern(text: string): string {
  return `%${searchKey(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
