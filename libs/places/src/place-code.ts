import { type PlaceLevel, type PlaceMap } from './place.types';
import { compactKey } from './normalize';

/** Country prefix of each map's codes: both maps live side by side, so a code says which map it is on. */
export const MAP_CODE_PREFIX: Readonly<Record<PlaceMap, string>> = { pre2024: 'ML', post2024: 'ML2' };

/** One code segment: an upper-case letter then two letters or digits (`SEG`, `SE2`, `K07`). */
const SEG = '[A-Z][A-Z0-9]{2}';
/** An arrondissement segment is `A` + a segment, four characters, so it never looks like a commune's. */
const ARR_SEG = `A${SEG}`;

const CODE_PATTERNS: Readonly<Record<PlaceLevel, RegExp>> = {
  region: new RegExp(`^ML2?-${SEG}$`),
  cercle: new RegExp(`^ML2?-${SEG}-${SEG}$`),
  arrondissement: new RegExp(`^ML2?-${SEG}-${SEG}-${ARR_SEG}$`),
  commune: new RegExp(`^ML2?-${SEG}-${SEG}-${SEG}$`),
  village: new RegExp(`^ML2?-${SEG}-${SEG}-${SEG}-${SEG}$`),
};

/** The pattern a code of `level` must match (either map prefix). */
export function placeCodePattern(level: PlaceLevel): RegExp {
  return CODE_PATTERNS[level];
}

/** True when `code` is a well-formed place code, of `level` when given. */
export function isPlaceCode(code: string, level?: PlaceLevel): boolean {
  if (level) return CODE_PATTERNS[level].test(code);
  return Object.values(CODE_PATTERNS).some((p) => p.test(code));
}

/** The map a code belongs to, read from its prefix; undefined when the code has neither prefix. */
export function mapOfCode(code: string): PlaceMap | undefined {
  if (code.startsWith('ML2-')) return 'post2024';
  if (code.startsWith('ML-')) return 'pre2024';
  return undefined;
}

/**
 * Levels a parent of `level` may have. A commune hangs under its cercle, or under an arrondissement of that
 * cercle when the arrondissement is known; its code is built on the cercle's code either way, so adding the
 * arrondissement later does not change the commune's code.
 */
export const ALLOWED_PARENT_LEVELS: Readonly<Record<PlaceLevel, readonly PlaceLevel[]>> = {
  region: [],
  cercle: ['region'],
  arrondissement: ['cercle'],
  commune: ['cercle', 'arrondissement'],
  village: ['commune'],
};

/** Rank of a level, 0 for région; a larger rank is a finer unit. */
export function levelRank(level: PlaceLevel): number {
  return LEVEL_RANK[level];
}
const LEVEL_RANK: Readonly<Record<PlaceLevel, number>> = {
  region: 0,
  cercle: 1,
  arrondissement: 2,
  commune: 3,
  village: 4,
};

/**
 * The code a child's code must extend: the parent's code, except for a commune under an arrondissement, whose
 * code extends the cercle's code (the arrondissement's parent).
 */
export function codeBaseForChild(
  childLevel: PlaceLevel,
  parentCode: string,
  parentLevel: PlaceLevel,
): string {
  if (childLevel === 'commune' && parentLevel === 'arrondissement') {
    return parentCode.slice(0, parentCode.lastIndexOf('-'));
  }
  return parentCode;
}

/**
 * Proposes a new code segment for `name`: the first three letters of the name without accents, upper-case
 * (padded with `X` when shorter); when taken, the third character becomes 2, 3… 9, then the second and third
 * become 10…99. `taken` holds the segments already used under the same parent. Shipped codes were assigned
 * with this rule; once assigned, a code never changes, even if the name does.
 */
export function deriveSegment(name: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const letters = compactKey(name)
    .replace(/[^a-z]/g, '')
    .toUpperCase();
  const base = (letters + 'XXX').slice(0, 3);
  if (!used.has(base)) return base;
  for (let d = 2; d <= 9; d++) {
    const candidate = base.slice(0, 2) + String(d);
    if (!used.has(candidate)) return candidate;
  }
  for (let d = 10; d <= 99; d++) {
    const candidate = base.slice(0, 1) + String(d);
    if (!used.has(candidate)) return candidate;
  }
  throw new Error(`No free code segment left for "${name}"`);
}
