import { shippedPlaceDirectory, type PlaceDirectory, type PlaceMap } from '@prosmed/places';
import type { RollUpLevel } from '@prosmed/contracts';

/** The code of records with no place finer than the country (the SNLCC's national actions). */
export const COUNTRY = 'ML';
/** The row of records that cannot be placed at the level asked on the map asked (crosswalk silent). */
export const UNPLACED = 'ML-NA';

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
 * country level and for national records; `UNPLACED` when the place cannot be placed at that level (a
 * coarser record, an old cercle the crosswalk does not carry): such counts are shown apart, never lost.
 */
export function rollUpCode(dir: PlaceDirectory, code: string, level: RollUpLevel, map: PlaceMap): string {
  if (level === 'country' || code === COUNTRY) return COUNTRY;
  const known = knownAncestor(dir, code);
  if (!known) return UNPLACED;
  return dir.rollUp(known, level, { map })?.code ?? UNPLACED;
}

/** A place's name for tables and sentences; the country and unknown codes named plainly. */
export function placeName(dir: PlaceDirectory, code: string): string {
  if (code === COUNTRY) return 'Mali (national)';
  if (code === UNPLACED) return 'Non rattaché à ce niveau';
  return dir.get(code)?.name ?? code;
}
