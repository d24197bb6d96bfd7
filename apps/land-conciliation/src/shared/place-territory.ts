import { domainError, type CofoLevel } from '@prosmed/contracts';
import { liesWithin, type PlaceDirectory } from '@prosmed/places';

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
