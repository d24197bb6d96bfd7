// The place picker's rules (pure; places.spec.ts): accent-insensitive matching and the CoFo's territory.
import type { Schemas } from '../../api/client';

export type Place = Schemas['PlaceDto'];
export type PlaceDetail = Schemas['PlaceDetailDto'];
export type Cofo = Pick<Schemas['CofoDto'], 'code' | 'level' | 'placeCode'>;

/** `Ségou` and `SEGOU` as `segou`; `N'Goa` as `n goa`: what a person types on a phone keyboard matches. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** At or below `ancestor` in the tree: place codes extend their parent's (libs/places), a prefix test. */
export function placeWithin(code: string, ancestor: string): boolean {
  return code === ancestor || code.startsWith(`${ancestor}-`);
}

/**
 * The unit a CoFo's cases must lie in, as the land service decides it (place-territory.ts): the place it
 * was created for; for a village CoFo, that village's commune (its fields are recorded under neighbouring
 * villages as often as under its own). `seat` is the detail of the CoFo's place (its ancestors).
 */
export function territoryOf(cofo: Cofo, seat?: Pick<PlaceDetail, 'ancestors'>): string {
  if (cofo.level !== 'village') return cofo.placeCode;
  return seat?.ancestors.find((a) => a.level === 'commune')?.code ?? cofo.placeCode;
}

/**
 * The places the picker offers for a query: those of the territory (its own map's tree: the server also
 * accepts the other map's through the crosswalk, which the API does not expose, so the picker stays on the
 * sure side), whose name matches every word typed, villages first, then by name.
 */
export function offer(places: readonly Place[], territory: string, query: string, max = 30): Place[] {
  const words = foldText(query).split(' ').filter(Boolean);
  const seen = new Set<string>();
  const LEVELS = ['village', 'commune', 'arrondissement', 'cercle', 'region'];
  return places
    .filter((p) => {
      if (seen.has(p.code) || !placeWithin(p.code, territory)) return false;
      seen.add(p.code);
      const name = foldText(p.name);
      return words.every((w) => name.split(' ').some((part) => part.startsWith(w)) || name.includes(w));
    })
    .sort(
      (a, b) =>
        LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
        a.name.localeCompare(b.name, 'fr') ||
        a.code.localeCompare(b.code),
    )
    .slice(0, max);
}
