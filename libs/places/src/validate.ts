import { isIsoDate } from './dates';
import {
  ALLOWED_PARENT_LEVELS,
  MAP_CODE_PREFIX,
  codeBaseForChild,
  isPlaceCode,
  levelRank,
  mapOfCode,
} from './place-code';
import { placeIssue } from './place-issues';
import {
  type CrosswalkEntry,
  type Place,
  type PlaceIssue,
  type PlaceLevel,
  type PlaceMap,
} from './place.types';

/** A place as read from a file: level or map may be missing when the file had a value we do not know. */
export interface PlaceRowInput {
  readonly line: number;
  readonly code: string;
  readonly name: string;
  readonly level: PlaceLevel | undefined;
  readonly parentCode: string | null;
  readonly map: PlaceMap | undefined;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/** Examples shown in messages for each level's code format. */
export const CODE_EXAMPLES: Readonly<Record<PlaceLevel, string>> = {
  region: 'ML-SEG',
  cercle: 'ML-SEG-SAN',
  arrondissement: 'ML2-SEG-NIO-ASOK',
  commune: 'ML-SEG-SAN-SAN',
  village: 'ML-SEG-SAN-SAN-KAN',
};

/** Lookup of places already in a directory. */
export type PlaceLookup = (code: string) => Place | undefined;

export function samePlace(a: Place, b: PlaceRowInput | Place): boolean {
  return (
    a.code === b.code &&
    a.name === b.name &&
    a.level === b.level &&
    a.parentCode === b.parentCode &&
    a.map === b.map &&
    a.validFrom === b.validFrom &&
    a.validTo === b.validTo
  );
}

/**
 * Checks rows against each other and against the places already known (`existing`): code formats, duplicate
 * codes, parents (present, right level, same map, code built on theirs) and dates. A row identical to an
 * existing place is accepted (re-importing the same file is harmless); any other reuse of a code is refused.
 * Reports every problem of every row.
 */
export function validatePlaceRows(
  rows: readonly PlaceRowInput[],
  existing: PlaceLookup = () => undefined,
): PlaceIssue[] {
  const issues: PlaceIssue[] = [];
  const firstByCode = new Map<string, PlaceRowInput>();
  for (const row of rows) {
    if (row.code !== '' && !firstByCode.has(row.code)) firstByCode.set(row.code, row);
  }

  for (const row of rows) {
    const at = (field: string, code: PlaceIssue['code'], params: Record<string, string | number> = {}) =>
      issues.push(placeIssue(row.line, field, code, params, row.code || undefined));

    if (row.name.trim() === '') at('name', 'PLACE_REQUIRED');

    // Code
    let codeWellFormed = false;
    if (row.code === '') {
      at('code', 'PLACE_REQUIRED');
    } else if (row.level && !isPlaceCode(row.code, row.level)) {
      at('code', 'PLACE_BAD_CODE', { value: row.code, level: row.level, example: CODE_EXAMPLES[row.level] });
    } else if (!row.level && !isPlaceCode(row.code)) {
      at('code', 'PLACE_BAD_CODE', { value: row.code, level: '?', example: CODE_EXAMPLES.commune });
    } else {
      codeWellFormed = true;
      if (row.map && mapOfCode(row.code) !== row.map) {
        at('code', 'PLACE_CODE_MAP_MISMATCH', {
          value: row.code,
          prefix: MAP_CODE_PREFIX[row.map],
          map: row.map,
        });
      }
    }

    // Duplicates: against earlier rows, then against the directory.
    if (row.code !== '') {
      const first = firstByCode.get(row.code);
      if (first && first !== row) {
        at('code', 'PLACE_DUPLICATE_CODE', {
          value: row.code,
          where_fr: `(ligne ${first.line})`,
          where_en: `(line ${first.line})`,
        });
      } else {
        const known = existing(row.code);
        if (known && !samePlace(known, row)) {
          at('code', 'PLACE_DUPLICATE_CODE', {
            value: row.code,
            where_fr: 'dans le référentiel',
            where_en: 'in the directory',
          });
        }
      }
    }

    // Parent
    if (row.level === 'region') {
      if (row.parentCode !== null) at('parent_code', 'PLACE_PARENT_NOT_ALLOWED', { value: row.parentCode });
    } else if (row.parentCode === null) {
      if (row.level) at('parent_code', 'PLACE_PARENT_REQUIRED', { level: row.level });
    } else {
      const parent = firstByCode.get(row.parentCode) ?? existing(row.parentCode);
      if (!parent) {
        at('parent_code', 'PLACE_PARENT_MISSING', { value: row.parentCode });
      } else if (row.level && parent.level) {
        const allowed = ALLOWED_PARENT_LEVELS[row.level];
        if (!allowed.includes(parent.level)) {
          at('parent_code', 'PLACE_PARENT_LEVEL', {
            value: row.parentCode,
            level: row.level,
            parentLevel: parent.level,
            allowed: allowed.join(', '),
          });
        } else if (codeWellFormed) {
          const base = codeBaseForChild(row.level, parent.code, parent.level);
          if (!row.code.startsWith(`${base}-`)) {
            at('code', 'PLACE_CODE_NOT_UNDER_PARENT', { value: row.code, base });
          }
        }
        if (row.map && parent.map && parent.map !== row.map) {
          at('parent_code', 'PLACE_PARENT_MAP', {
            value: row.parentCode,
            parentMap: parent.map,
            map: row.map,
          });
        }
      }
    }

    // Dates
    const fromOk = row.validFrom !== '' && isIsoDate(row.validFrom);
    if (row.validFrom === '') at('valid_from', 'PLACE_REQUIRED');
    else if (!fromOk) at('valid_from', 'PLACE_BAD_DATE', { value: row.validFrom });
    if (row.validTo !== null) {
      if (!isIsoDate(row.validTo)) at('valid_to', 'PLACE_BAD_DATE', { value: row.validTo });
      else if (fromOk && row.validTo < row.validFrom) {
        at('valid_to', 'PLACE_DATE_ORDER', { validFrom: row.validFrom, validTo: row.validTo });
      }
    }
  }
  return issues;
}

/** Checks crosswalk entries against the places they link; `line` is the 1-based position of the entry. */
export function validateCrosswalk(entries: readonly CrosswalkEntry[], lookup: PlaceLookup): PlaceIssue[] {
  const issues: PlaceIssue[] = [];
  const seenFrom = new Map<string, number>();
  const seenSameTo = new Map<string, number>();
  entries.forEach((e, i) => {
    const line = i + 1;
    const at = (field: string, code: PlaceIssue['code'], params: Record<string, string | number> = {}) =>
      issues.push(placeIssue(line, field, code, params, e.fromCode));
    const relation = e.relation ?? 'within';
    if (relation !== 'within' && relation !== 'same') {
      at('relation', 'CROSSWALK_BAD_RELATION', { value: String(relation) });
    }
    if (!isIsoDate(e.validFrom)) at('validFrom', 'CROSSWALK_BAD_DATE', { value: e.validFrom });

    const from = lookup(e.fromCode);
    const to = lookup(e.toCode);
    if (!from) at('fromCode', 'CROSSWALK_FROM_MISSING', { value: e.fromCode });
    else if (from.map !== 'pre2024') at('fromCode', 'CROSSWALK_FROM_MAP', { value: e.fromCode });
    if (!to) at('toCode', 'CROSSWALK_TO_MISSING', { value: e.toCode });
    else if (to.map !== 'post2024') at('toCode', 'CROSSWALK_TO_MAP', { value: e.toCode });
    if (from && to) {
      // An old unit lies within a new unit of its own level or a coarser one; `same` needs the same level.
      const fits =
        relation === 'same' ? from.level === to.level : levelRank(to.level) <= levelRank(from.level);
      if (!fits) {
        at('toCode', 'CROSSWALK_LEVEL', {
          from: from.code,
          fromLevel: from.level,
          to: to.code,
          toLevel: to.level,
          relation: relation === 'same' ? 'same' : 'within',
        });
      }
    }

    const fromKey = `${e.fromCode}@${e.validFrom}`;
    const earlier = seenFrom.get(fromKey);
    if (earlier !== undefined) {
      at('fromCode', 'CROSSWALK_DUPLICATE', {
        value: e.fromCode,
        detail: `#${earlier} validFrom ${e.validFrom}`,
      });
    } else {
      seenFrom.set(fromKey, line);
    }
    if (relation === 'same') {
      const sameKey = `${e.toCode}@${e.validFrom}`;
      const earlierSame = seenSameTo.get(sameKey);
      if (earlierSame !== undefined) {
        at('toCode', 'CROSSWALK_DUPLICATE', { value: e.toCode, detail: `same #${earlierSame}` });
      } else {
        seenSameTo.set(sameKey, line);
      }
    }
  });
  return issues;
}
