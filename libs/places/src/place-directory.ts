import { isWithin, toIsoDate } from './dates';
import { compactKey, looseKey, normalizeName } from './normalize';
import { levelRank } from './place-code';
import { PlacesValidationError } from './place-issues';
import {
  POST2024_START,
  type CrosswalkEntry,
  type IsoDate,
  type Place,
  type PlaceIssue,
  type PlaceLevel,
  type PlaceMap,
} from './place.types';
import { parsePlacesCsv } from './places-csv';
import { samePlace, validateCrosswalk, validatePlaceRows, type PlaceRowInput } from './validate';

export interface SearchOptions {
  level?: PlaceLevel;
  map?: PlaceMap;
  /** At most this many results (default 20). */
  limit?: number;
}

export interface RollUpOptions {
  /** The map to report under; defaults to the map in force at `at` (today when `at` is omitted). */
  map?: PlaceMap;
  /** Only crosswalk links in force on this day are followed (all of them when omitted). */
  at?: IsoDate | Date;
}

/** The map in force on a day: post2024 from 24 Sept 2024 on. */
export function mapInForce(at: IsoDate | Date = new Date()): PlaceMap {
  return toIsoDate(at) >= POST2024_START ? 'post2024' : 'pre2024';
}

interface SearchEntry {
  readonly place: Place;
  readonly compact: string;
  readonly words: readonly string[];
  readonly loose: string;
}

const EMPTY: readonly Place[] = Object.freeze([]);

/**
 * Mali's administrative units on both maps, with the crosswalk between them. Immutable: every lookup is
 * answered from indexes built once in the constructor (O(1) by code; search scans one array of keys), and
 * imports return a new directory.
 */
export class PlaceDirectory {
  private readonly places: readonly Place[];
  private readonly crosswalk: readonly CrosswalkEntry[];
  private readonly byCode = new Map<string, Place>();
  private readonly childrenOf = new Map<string, readonly Place[]>();
  private readonly ancestorsOf = new Map<string, readonly Place[]>();
  /** Links from each pre-2024 code, latest `validFrom` first. */
  private readonly linksFrom = new Map<string, CrosswalkEntry[]>();
  /** `same` links into each post-2024 code, latest `validFrom` first: the only ones followed backwards. */
  private readonly sameLinksTo = new Map<string, CrosswalkEntry[]>();
  private readonly searchEntries: readonly SearchEntry[];

  /** Throws `PlacesValidationError` (with every issue) when places or crosswalk are inconsistent. */
  constructor(places: readonly Place[], crosswalk: readonly CrosswalkEntry[] = []) {
    const rows: PlaceRowInput[] = places.map((p, i) => ({ ...p, line: i + 1 }));
    const placeIssues = validatePlaceRows(rows);
    if (placeIssues.length > 0) throw new PlacesValidationError(placeIssues);

    this.places = Object.freeze(places.map((p) => Object.freeze({ ...p })));
    for (const p of this.places) this.byCode.set(p.code, p);

    const linkIssues = validateCrosswalk(crosswalk, (code) => this.byCode.get(code));
    if (linkIssues.length > 0) throw new PlacesValidationError(linkIssues);
    this.crosswalk = Object.freeze(crosswalk.map((e) => Object.freeze({ ...e })));

    const children = new Map<string, Place[]>();
    for (const p of this.places) {
      if (p.parentCode === null) continue;
      const list = children.get(p.parentCode) ?? [];
      list.push(p);
      children.set(p.parentCode, list);
    }
    for (const [code, list] of children) {
      list.sort(byName);
      this.childrenOf.set(code, Object.freeze(list));
    }
    for (const p of this.places) this.ancestorsOf.set(p.code, Object.freeze(this.walkUp(p)));

    for (const e of this.crosswalk) {
      push(this.linksFrom, e.fromCode, e);
      if ((e.relation ?? 'within') === 'same') push(this.sameLinksTo, e.toCode, e);
    }
    for (const list of [...this.linksFrom.values(), ...this.sameLinksTo.values()]) {
      list.sort((a, b) => (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0));
    }

    this.searchEntries = Object.freeze(
      this.places.map((place) => ({
        place,
        compact: compactKey(place.name),
        words: normalizeName(place.name).split(' '),
        loose: looseKey(place.name),
      })),
    );
  }

  /** Every place, in the order given. */
  all(): readonly Place[] {
    return this.places;
  }

  /** Every crosswalk link. */
  links(): readonly CrosswalkEntry[] {
    return this.crosswalk;
  }

  /** Places of one level and/or map, in the order given. */
  list(filter: { level?: PlaceLevel; map?: PlaceMap } = {}): Place[] {
    return this.places.filter(
      (p) => (!filter.level || p.level === filter.level) && (!filter.map || p.map === filter.map),
    );
  }

  get(code: string): Place | undefined {
    return this.byCode.get(code);
  }

  exists(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Direct children, by name; empty for an unknown code or a leaf. */
  children(code: string): readonly Place[] {
    return this.childrenOf.get(code) ?? EMPTY;
  }

  /** Parent, grand-parent… up to the région, nearest first; empty for a région or an unknown code. */
  ancestors(code: string): readonly Place[] {
    return this.ancestorsOf.get(code) ?? EMPTY;
  }

  /** True when the unit exists and `at` falls within its validity (both ends inclusive). */
  isValid(code: string, at: IsoDate | Date): boolean {
    const p = this.byCode.get(code);
    return p !== undefined && isWithin(toIsoDate(at), p.validFrom, p.validTo);
  }

  /**
   * Places whose name contains `text`, ignoring case, accents, spaces, hyphens and apostrophes ("segou" finds
   * Ségou, "kala siguida" finds Kala-Siguida), then common spelling variants ("dienne" finds Djenné). Exact
   * matches come first, then names starting with the text, then words starting with it, then the rest; ties
   * by level (régions first) and name.
   */
  search(text: string, options: SearchOptions = {}): Place[] {
    const limit = options.limit ?? 20;
    const q = compactKey(text);
    if (q === '' || limit <= 0) return [];
    const qWords = normalizeName(text).split(' ');
    const qLoose = looseKey(text);
    const hits: { place: Place; rank: number }[] = [];
    for (const e of this.searchEntries) {
      if (options.level && e.place.level !== options.level) continue;
      if (options.map && e.place.map !== options.map) continue;
      const rank = matchRank(e, q, qWords, qLoose);
      if (rank >= 0) hits.push({ place: e.place, rank });
    }
    hits.sort(
      (a, b) =>
        a.rank - b.rank ||
        levelRank(a.place.level) - levelRank(b.place.level) ||
        byName(a.place, b.place) ||
        (a.place.code < b.place.code ? -1 : 1),
    );
    return hits.slice(0, limit).map((h) => h.place);
  }

  /**
   * The unit at `level` that contains `code`, on the chosen map. On its own map a unit rolls up through its
   * ancestors; a pre-2024 unit rolls up on the post-2024 map through the crosswalk link of itself or of its
   * nearest linked ancestor; a post-2024 unit rolls up on the pre-2024 map only through `same` links.
   * Undefined when the code is unknown, `level` is finer than the unit, or the crosswalk does not say (an old
   * cercle split between new régions has no link: its units cannot be placed on the new map).
   */
  rollUp(code: string, level: PlaceLevel, options: RollUpOptions = {}): Place | undefined {
    const start = this.byCode.get(code);
    if (!start || levelRank(level) > levelRank(start.level)) return undefined;
    const at = options.at === undefined ? undefined : toIsoDate(options.at);
    const map = options.map ?? mapInForce(options.at);
    if (start.map === map) return this.atLevel(start, level);

    const index = start.map === 'pre2024' ? this.linksFrom : this.sameLinksTo;
    for (const unit of [start, ...this.ancestors(start.code)]) {
      const link = index.get(unit.code)?.find((e) => at === undefined || e.validFrom <= at);
      if (!link) continue;
      const other = this.byCode.get(start.map === 'pre2024' ? link.toCode : link.fromCode);
      // The nearest linked unit gives the finest known counterpart; a coarser one cannot answer finer levels.
      return other && levelRank(other.level) >= levelRank(level) ? this.atLevel(other, level) : undefined;
    }
    return undefined;
  }

  /**
   * A new directory with `places` added, or `PlacesValidationError` listing every problem (line = position in
   * `places`, 1-based): nothing is half-imported. Places identical to ones already present are skipped, so
   * importing the same file twice is harmless.
   */
  withImported(places: readonly Place[]): PlaceDirectory {
    const rows: PlaceRowInput[] = places.map((p, i) => ({ ...p, line: i + 1 }));
    const issues = validatePlaceRows(rows, (code) => this.byCode.get(code));
    if (issues.length > 0) throw new PlacesValidationError(issues);
    const fresh = places.filter((p) => {
      const known = this.byCode.get(p.code);
      return !(known && samePlace(known, p));
    });
    return new PlaceDirectory([...this.places, ...fresh], this.crosswalk);
  }

  /**
   * Reads a places CSV (see `parsePlacesCsv`) against this directory: the new directory when the whole file
   * is valid, otherwise no directory and every error by line.
   */
  importCsv(text: string): { directory: PlaceDirectory | undefined; places: Place[]; errors: PlaceIssue[] } {
    const { places, errors } = parsePlacesCsv(text, { directory: this });
    if (errors.length > 0) return { directory: undefined, places, errors };
    return { directory: this.withImported(places), places, errors };
  }

  /** A new directory with crosswalk links added; `PlacesValidationError` when any link is wrong. */
  withCrosswalk(entries: readonly CrosswalkEntry[]): PlaceDirectory {
    const issues = validateCrosswalk(entries, (code) => this.byCode.get(code));
    if (issues.length > 0) throw new PlacesValidationError(issues);
    return new PlaceDirectory(this.places, [...this.crosswalk, ...entries]);
  }

  private atLevel(unit: Place, level: PlaceLevel): Place | undefined {
    if (unit.level === level) return unit;
    return this.ancestors(unit.code).find((a) => a.level === level);
  }

  private walkUp(p: Place): Place[] {
    const chain: Place[] = [];
    let parentCode = p.parentCode;
    while (parentCode !== null) {
      const parent = this.byCode.get(parentCode);
      // Validation guarantees every parent exists and sits a level higher, so this ends.
      if (!parent) break;
      chain.push(parent);
      parentCode = parent.parentCode;
    }
    return chain;
  }
}

/** -1 when the entry does not match; otherwise lower is better. */
function matchRank(e: SearchEntry, q: string, qWords: readonly string[], qLoose: string): number {
  if (e.compact === q) return 0;
  if (e.compact.startsWith(q)) return 1;
  if (qWords.length === 1 && e.words.some((w) => w.startsWith(q))) return 2;
  if (e.compact.includes(q)) return 3;
  // Very short loose keys ("zzz" -> "z") would match nearly everything.
  if (qLoose.length < 3) return -1;
  if (e.loose === qLoose) return 4;
  if (e.loose.startsWith(qLoose)) return 5;
  if (e.loose.includes(qLoose)) return 6;
  return -1;
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });
function byName(a: Place, b: Place): number {
  return collator.compare(a.name, b.name);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
