/** Levels of Mali's administrative tree, coarsest first. `village` also covers fractions and quartiers. */
export const PLACE_LEVELS = ['region', 'cercle', 'arrondissement', 'commune', 'village'] as const;
export type PlaceLevel = (typeof PLACE_LEVELS)[number];

/**
 * The two administrative maps: the one in force until 23 Sept 2024 (8 régions + Bamako, 49 cercles) and the
 * one in force since 24 Sept 2024 (19 régions + Bamako, 159 cercles).
 */
export const PLACE_MAPS = ['pre2024', 'post2024'] as const;
export type PlaceMap = (typeof PLACE_MAPS)[number];

/** First day of the post-2024 map, when the new circonscriptions became operational. */
export const POST2024_START = '2024-09-24';
/** Last day of the pre-2024 map. */
export const PRE2024_END = '2024-09-23';

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** One administrative unit on one map. A unit present on both maps is two places linked by the crosswalk. */
export interface Place {
  /** Stable identifier (see README: `ML-…` on the pre-2024 map, `ML2-…` on the post-2024 map). */
  readonly code: string;
  /** Official name, in French spelling with accents; it may change while the code stays. */
  readonly name: string;
  readonly level: PlaceLevel;
  /** Code of the unit one level up on the same map; `null` for a région (or the district of Bamako). */
  readonly parentCode: string | null;
  readonly map: PlaceMap;
  readonly validFrom: IsoDate;
  /** Last day the unit existed, inclusive; `null` while it still does. */
  readonly validTo: IsoDate | null;
}

/**
 * How a pre-2024 unit relates to a post-2024 one.
 * - `within`: the whole old unit lies inside the new one (an old cercle inside a new région).
 * - `same`: the old unit continues as the new one, same territory; only these are followed backwards
 *   (post-2024 -> pre-2024) by `rollUp`.
 */
export type CrosswalkRelation = 'within' | 'same';

export interface CrosswalkEntry {
  /** A pre-2024 unit. */
  readonly fromCode: string;
  /** The smallest post-2024 unit known to contain it. */
  readonly toCode: string;
  readonly validFrom: IsoDate;
  /** Defaults to `within`. */
  readonly relation?: CrosswalkRelation;
}

/** One problem found in places, a CSV import or a crosswalk, reported by line (row number for arrays). */
export interface PlaceIssue {
  /** 1-based line in the CSV file (the header is line 1), or 1-based position in an array of places. */
  readonly line: number;
  /** The column or property at fault (`code`, `parent_code`, `valid_to`…); `*` for the whole row or file. */
  readonly field: string;
  /** Stable error code, e.g. `PLACE_UNKNOWN_LEVEL`. */
  readonly code: PlaceIssueCode;
  readonly message_fr: string;
  readonly message_en: string;
  /** The place code of the row at fault, when it has one. */
  readonly placeCode?: string;
}

export type PlaceIssueCode =
  | 'CSV_EMPTY'
  | 'CSV_MISSING_HEADER'
  | 'CSV_MISSING_COLUMN'
  | 'CSV_UNKNOWN_COLUMN'
  | 'CSV_DUPLICATE_COLUMN'
  | 'CSV_COLUMN_COUNT'
  | 'CSV_UNTERMINATED_QUOTE'
  | 'PLACE_REQUIRED'
  | 'PLACE_UNKNOWN_LEVEL'
  | 'PLACE_UNKNOWN_MAP'
  | 'PLACE_BAD_CODE'
  | 'PLACE_CODE_MAP_MISMATCH'
  | 'PLACE_CODE_NOT_UNDER_PARENT'
  | 'PLACE_DUPLICATE_CODE'
  | 'PLACE_PARENT_REQUIRED'
  | 'PLACE_PARENT_NOT_ALLOWED'
  | 'PLACE_PARENT_MISSING'
  | 'PLACE_PARENT_LEVEL'
  | 'PLACE_PARENT_MAP'
  | 'PLACE_BAD_DATE'
  | 'PLACE_DATE_ORDER'
  | 'CROSSWALK_FROM_MISSING'
  | 'CROSSWALK_TO_MISSING'
  | 'CROSSWALK_FROM_MAP'
  | 'CROSSWALK_TO_MAP'
  | 'CROSSWALK_LEVEL'
  | 'CROSSWALK_BAD_DATE'
  | 'CROSSWALK_BAD_RELATION'
  | 'CROSSWALK_DUPLICATE';
