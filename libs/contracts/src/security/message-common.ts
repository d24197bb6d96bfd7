/** What the security service's catalogue files share: tags, common errors, keys. */
export const TAG_CCS = 'CCS';
export const TAG_ACTIVITIES = 'CCS : activités';
export const TAG_GRIEVANCES = 'CCS : plaintes';
export const TAG_WORKS = 'CCS : infrastructures et formations';

/** What a write inside a CCS may answer besides validation: scope, the CCS, its territory, its dates. */
export const CCS_WRITE_ERRORS = [
  'OUT_OF_SCOPE',
  'CCS_NOT_FOUND',
  'CCS_INACTIVE',
  'PLACE_UNKNOWN',
  'PLACE_OUTSIDE_CCS',
  'DATE_IN_FUTURE',
  'DATE_RANGE_INVERTED',
] as const;

/** Records entered for a CCS are keyed by it: one CCS's writes are handled in order. */
export const byCcs = (r: { ccsCode: string }) => r.ccsCode;
