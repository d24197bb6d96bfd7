import { shippedPlaceDirectory, type PlaceDirectory, type PlaceMap } from '@prosmed/places';
import type { RollUpLevel } from '@prosmed/contracts';

/** The code of records with no place finer than the country (the SNLCC's national actions). */
export const COUNTRY = 'ML';

let directory: PlaceDirectory | undefined;
/** Both maps and the crosswalk, as shipped (built once: it is immutable). */
export function places(): PlaceDirectory {
  directory ??= shippedPlaceDirectory();
  return directory;
}

/**
 * The nearest place the directory knows at or above `code`: villages are not all shipped, but their code
 * extends their commune's, so dropping segments finds the commune (or cercle) they lie in.
 */
export function knownAncestor(dir: PlaceDirectory, code: string): string | undefined {
  let c = code;
  while (c.includes('-')) {
    if (dir.exists(c)) return c;
    c = c.slice(0, c.lastIndexOf('-'));
  }
  return undefined;
}

/**
 * The unit at `level` on `map` that holds the place `code` (entered under either map); `COUNTRY` for the
 * country level, or when the place cannot be placed at that level (a coarser record, an old cercle the
 * crosswalk does not carry): such counts are shown apart rather than lost.
 */
export function rollUpCode(dir: PlaceDirectory, code: string, level: RollUpLevel, map: PlaceMap): string {
  if (level === 'country') return COUNTRY;
  const known = knownAncestor(dir, code);
  if (!known) return COUNTRY;
  return dir.rollUp(known, level, { map })?.code ?? COUNTRY;
}

/** A place's name for tables and sentences; the country and unknown codes named plainly. */
export function placeName(dir: PlaceDirectory, code: string): string {
  if (code === COUNTRY) return 'Mali (national)';
  return dir.get(code)?.name ?? code;
}
