import type { PlaceDirectory } from './place-directory';

/** Places at or below `ancestor` in the tree: codes extend their parent's, so this is a prefix test. */
export function placeWithin(candidate: string, ancestor: string): boolean {
  return candidate === ancestor || candidate.startsWith(`${ancestor}-`);
}

/**
 * True when `code` is `territory` or lies under it. Both maps are in use (records entered before 24 Sept
 * 2024 and after): a place of the other map counts when the crosswalk carries it into the territory, or
 * carries the territory onto its map. A coarser unit (a région for a commune) never lies within.
 */
export function liesWithin(dir: PlaceDirectory, code: string, territory: string): boolean {
  if (placeWithin(code, territory)) return true;
  const place = dir.get(code);
  const unit = dir.get(territory);
  if (!place || !unit || place.map === unit.map) return false;
  if (dir.rollUp(code, unit.level, { map: unit.map })?.code === territory) return true;
  const there = dir.rollUp(territory, unit.level, { map: place.map });
  return there !== undefined && placeWithin(code, there.code);
}

/**
 * The codes whose subtrees make up `territory` under both maps: the territory itself and the topmost
 * places of the directory that lie within it through the crosswalk. A filter "at or under this place" is
 * then a prefix match on any of them, so records entered under either map (and villages the directory
 * does not ship, under a known commune) are found with plain SQL.
 */
export function territoryRoots(dir: PlaceDirectory, territory: string): string[] {
  const inside = dir
    .all()
    .map((p) => p.code)
    .filter((c) => c !== territory && !placeWithin(c, territory) && liesWithin(dir, c, territory));
  const roots = [territory, ...inside];
  return roots.filter((c, i) => !roots.some((r, j) => j !== i && r !== c && placeWithin(c, r)));
}
