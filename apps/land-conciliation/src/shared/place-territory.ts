import { domainError, type CofoLevel } from '@prosmed/contracts';
import type { PlaceDirectory } from '@prosmed/places';
import { placeWithin } from './place-checker';

export interface CofoSeat {
  code: string;
  level: CofoLevel;
  /** The place the CoFo was created for (its village, commune or cercle). */
  placeCode: string;
}

/**
 * The unit a CoFo's cases must lie in: the place it was created for; for a village CoFo, the village's
 * commune, since its fields are recorded under neighbouring villages as often as under its own.
 */
export function territoryOf(dir: PlaceDirectory, cofo: CofoSeat): string {
  if (cofo.level !== 'village') return cofo.placeCode;
  const place = dir.get(cofo.placeCode);
  return (place && dir.rollUp(cofo.placeCode, 'commune', { map: place.map })?.code) ?? cofo.placeCode;
}

/**
 * True when `code` is `territory` or lies under it. Both maps are in use (records filed before 24 Sept
 * 2024 and after): a place of the other map counts when the crosswalk carries it into the territory, or
 * carries the territory onto its map. A coarser unit (a région for a commune's CoFo) never lies within.
 */
export function liesWithin(dir: PlaceDirectory, code: string, territory: string): boolean {
  if (placeWithin(code, territory)) return true;
  const place = dir.get(code);
  const unit = dir.get(territory);
  if (!place || !unit || place.map === unit.map) return false;
  if (dir.rollUp(code, unit.level, { map: unit.map })?.code === territory) return true;
  const there = dir.rollUp(territory, unit.level, { map: place.map });
  return there !== undefined && placeWithin(code, there.code);
}

/** `PLACE_OUTSIDE_COFO` when the land of a case lies outside the territory of the CoFo receiving it. */
export function assertInTerritory(dir: PlaceDirectory, field: string, code: string, cofo: CofoSeat): void {
  const territory = territoryOf(dir, cofo);
  if (liesWithin(dir, code, territory)) return;
  const unit = dir.get(territory);
  throw domainError(
    'PLACE_OUTSIDE_COFO',
    { code, cofoCode: cofo.code, territory: unit ? `${unit.level} de ${unit.name}` : territory },
    [{ field, code: 'outsideCofo' }],
  );
}
