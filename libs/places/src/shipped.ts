import { SHIPPED_CROSSWALK } from '../data/crosswalk';
import { POST2024_PLACES } from '../data/post2024';
import { PRE2024_PLACES } from '../data/pre2024';
import { PlaceDirectory } from './place-directory';
import { type Place } from './place.types';

export { REPORT_2023_Q4_CERCLES, REPORT_2023_Q4_COMMUNES } from '../data/report-2023-q4';
export { PRE2024_VALID_FROM, PRE2024_VALID_TO } from '../data/pre2024';

/** The reference places shipped with the library, both maps. */
export const SHIPPED_PLACES: readonly Place[] = [...PRE2024_PLACES, ...POST2024_PLACES];
export { SHIPPED_CROSSWALK };

let shipped: PlaceDirectory | undefined;

/** The directory of the shipped data, built (and checked) on first use, then shared: it is immutable. */
export function shippedPlaceDirectory(): PlaceDirectory {
  shipped ??= new PlaceDirectory(SHIPPED_PLACES, SHIPPED_CROSSWALK);
  return shipped;
}
