import { type Place, type PlaceLevel, type PlaceMap } from '../src/place.types';

/** `[code, name]`: the level and parent follow from the code (shipped data has no arrondissements). */
export type ShippedRow = readonly [code: string, name: string];

const LEVEL_BY_SEGMENTS: readonly PlaceLevel[] = ['region', 'cercle', 'commune', 'village'];

export function shippedPlaces(
  rows: readonly ShippedRow[],
  map: PlaceMap,
  validFrom: string,
  validTo: string | null,
): Place[] {
  return rows.map(([code, name]) => {
    const segments = code.split('-').length - 1;
    const level = LEVEL_BY_SEGMENTS[segments - 1];
    if (!level) throw new Error(`Shipped place code ${code} has no level`);
    return {
      code,
      name,
      level,
      parentCode: segments === 1 ? null : code.slice(0, code.lastIndexOf('-')),
      map,
      validFrom,
      validTo,
    };
  });
}
