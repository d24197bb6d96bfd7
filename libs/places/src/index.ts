export * from './place.types';
export { normalizeName, compactKey, looseKey } from './normalize';
export { isIsoDate, toIsoDate } from './dates';
export {
  MAP_CODE_PREFIX,
  ALLOWED_PARENT_LEVELS,
  placeCodePattern,
  isPlaceCode,
  mapOfCode,
  levelRank,
  deriveSegment,
} from './place-code';
export { PlacesValidationError } from './place-issues';
export { PlaceDirectory, mapInForce, type SearchOptions, type RollUpOptions } from './place-directory';
export {
  parsePlacesCsv,
  PLACES_CSV_COLUMNS,
  type PlacesCsvResult,
  type ParsePlacesCsvOptions,
} from './places-csv';
export {
  SHIPPED_PLACES,
  SHIPPED_CROSSWALK,
  REPORT_2023_Q4_CERCLES,
  REPORT_2023_Q4_COMMUNES,
  PRE2024_VALID_FROM,
  PRE2024_VALID_TO,
  shippedPlaceDirectory,
} from './shipped';
export { placeWithin, liesWithin, territoryRoots } from './territory';
