import type { FigureDto, RollUpLevel } from '@prosmed/contracts';
import { liesWithin, placeWithin, type PlaceDirectory, type PlaceMap } from '@prosmed/places';
import { knownAncestor, rollUpCode } from '../shared/places';

/** Sums of one place over a period, as `indicator_daily` gives them. */
export interface PlaceSum {
  placeCode: string;
  value: number;
  female: number;
  male: number;
  youth: number;
}

/** One distinct key counted at a place (measure `distinct`). */
export interface PlaceKey {
  placeCode: string;
  key: string;
}

export interface Breakdowns {
  female: boolean;
  male: boolean;
  youth: boolean;
}

export interface RolledUp {
  total: FigureDto;
  rows: { placeCode: string; figure: FigureDto }[];
}

/** True when a record's place lies in the territory under either map (unshipped villages by their code). */
export function inTerritory(dir: PlaceDirectory, code: string, territory: string | undefined): boolean {
  if (!territory || placeWithin(code, territory)) return true;
  const known = knownAncestor(dir, code);
  return known !== undefined && liesWithin(dir, known, territory);
}

const figure = (b: Breakdowns, s: Omit<PlaceSum, 'placeCode'>): FigureDto => ({
  value: s.value,
  female: b.female ? s.female : null,
  male: b.male ? s.male : null,
  youth: b.youth ? s.youth : null,
});

const byCode = (a: { placeCode: string }, b: { placeCode: string }) => a.placeCode.localeCompare(b.placeCode);

/** Sums rolled up to `level` on `map` (through the crosswalk for records of the other map). */
export function rollUpSums(
  dir: PlaceDirectory,
  sums: readonly PlaceSum[],
  level: RollUpLevel,
  map: PlaceMap,
  breakdowns: Breakdowns,
  territory?: string,
): RolledUp {
  const acc = new Map<string, Omit<PlaceSum, 'placeCode'>>();
  const total = { value: 0, female: 0, male: 0, youth: 0 };
  for (const s of sums) {
    if (!inTerritory(dir, s.placeCode, territory)) continue;
    const code = rollUpCode(dir, s.placeCode, level, map);
    const a = acc.get(code) ?? { value: 0, female: 0, male: 0, youth: 0 };
    for (const k of ['value', 'female', 'male', 'youth'] as const) {
      a[k] += s[k];
      total[k] += s[k];
    }
    acc.set(code, a);
  }
  const rows = [...acc.entries()].map(([placeCode, s]) => ({ placeCode, figure: figure(breakdowns, s) }));
  return { total: figure(breakdowns, total), rows: rows.sort(byCode) };
}

/** Distinct keys rolled up: a key seen in two places of one unit counts once there, and once in the total. */
export function rollUpDistinct(
  dir: PlaceDirectory,
  keys: readonly PlaceKey[],
  level: RollUpLevel,
  map: PlaceMap,
  territory?: string,
): RolledUp {
  const acc = new Map<string, Set<string>>();
  const all = new Set<string>();
  for (const k of keys) {
    if (!inTerritory(dir, k.placeCode, territory)) continue;
    const code = rollUpCode(dir, k.placeCode, level, map);
    const set = acc.get(code) ?? new Set<string>();
    set.add(k.key);
    all.add(k.key);
    acc.set(code, set);
  }
  const none = { female: null, male: null, youth: null };
  const rows = [...acc.entries()].map(([placeCode, set]) => ({
    placeCode,
    figure: { value: set.size, ...none },
  }));
  return { total: { value: all.size, ...none }, rows: rows.sort(byCode) };
}

/** Progress against a target, in percent with one decimal; none without a positive target. */
export function progressOf(value: number, target: number | null): number | null {
  if (target === null || !(target > 0)) return null;
  return Math.round((value / target) * 1000) / 10;
}
