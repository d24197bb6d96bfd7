import type { PlaceDirectory } from '@prosmed/places';

/**
 * Place codes are those of `@prosmed/places`, whose `isPlaceCode` is the format check used here: `ML-`
 * (map in force until 23 Sept 2024) or `ML2-` (map since 24 Sept 2024), then one segment per level, an
 * upper-case letter and two letters or digits; an arrondissement segment has a leading `A`, and a
 * commune's code extends its cercle's.
 *
 *   ML-SEG             région de Ségou
 *   ML-SEG-SEG         cercle de Ségou
 *   ML-SEG-SEG-SEG     commune urbaine de Ségou
 *   ML-SEG-SAN         cercle de San (région de Ségou on the pre-2024 map)
 *   ML-SEG-SAN-SAN     commune urbaine de San
 */
export interface PlaceRef {
  /** Payload field, for the error details (`placeCode`, `cercleCodes[1]`). */
  field: string;
  code: string;
}

/**
 * Whether place codes exist. The registry and cases depend on this interface only; `PlacesService`
 * (the shipped directory of `@prosmed/places` plus admin imports) is bound under `PLACE_CHECKER` by the
 * global `PlacesModule`.
 */
export interface PlaceChecker {
  /** Throws `PLACE_UNKNOWN` (with the first unknown code) when one of them is not a known place. */
  assertKnown(refs: readonly PlaceRef[]): Promise<void>;
  /** The directory itself, for rules over the tree (a CoFo's territory, the crosswalk between maps). */
  current(): Promise<PlaceDirectory>;
}

export const PLACE_CHECKER = Symbol('PLACE_CHECKER');
