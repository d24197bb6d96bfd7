import type { DomainError } from '@prosmed/contracts';
import { liesWithin, shippedPlaceDirectory } from '@prosmed/places';
import { assertInTerritory, territoryOf, type CofoSeat } from './place-territory';

const dir = shippedPlaceDirectory();
const seg01: CofoSeat = { code: 'SEG01', level: 'commune', placeCode: 'ML-SEG-SEG-SEG' };

function refusal(fn: () => void) {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).toPayload();
  }
  return null;
}

describe('the territory of a CoFo', () => {
  it('is its own place, or a village CoFo’s commune', () => {
    expect(territoryOf(dir, seg01)).toBe('ML-SEG-SEG-SEG');
    expect(territoryOf(dir, { code: 'SAN', level: 'cercle', placeCode: 'ML-SEG-SAN' })).toBe('ML-SEG-SAN');
    // An imported village would roll up to its commune; an unknown seat is kept as it is.
    expect(territoryOf(dir, { code: 'V1', level: 'village', placeCode: 'ML-SEG-SEG-SEG-ZZZ' })).toBe(
      'ML-SEG-SEG-SEG-ZZZ',
    );
  });

  it('holds the place itself and what lies under it, on the same map', () => {
    expect(liesWithin(dir, 'ML-SEG-SEG-SEG', 'ML-SEG-SEG-SEG')).toBe(true);
    expect(liesWithin(dir, 'ML-SEG-SAN-SAN', 'ML-SEG-SAN')).toBe(true);
    expect(liesWithin(dir, 'ML-SEG-SAN-SAN', 'ML-SEG-SEG')).toBe(false);
  });

  it('holds a place of the other map that the crosswalk carries into it, both ways', () => {
    // The commune of Ségou carried on under the same name on the September 2024 map.
    expect(liesWithin(dir, 'ML2-SEG-SEG-SEG', 'ML-SEG-SEG-SEG')).toBe(true);
    expect(liesWithin(dir, 'ML-SEG-SEG-SEG', 'ML2-SEG-SEG-SEG')).toBe(true);
    // San went from the région of Ségou to its own région: its commune is still in the old cercle of San.
    expect(liesWithin(dir, 'ML2-SAN-SAN-SAN', 'ML-SEG-SAN')).toBe(true);
    expect(liesWithin(dir, 'ML2-SAN-SAN-SAN', 'ML-SEG-SEG-SEG')).toBe(false);
  });

  it('refuses a coarser unit, or a place elsewhere, with PLACE_OUTSIDE_COFO naming the territory', () => {
    for (const code of ['ML-SEG', 'ML-SEG-SEG', 'ML2-SEG', 'ML-KAY-KAY', 'ML-KAY-DIE-DIE']) {
      expect(liesWithin(dir, code, 'ML-SEG-SEG-SEG')).toBe(false);
    }
    expect(refusal(() => assertInTerritory(dir, 'land.villageCode', 'ML-KAY-DIE-DIE', seg01))).toEqual({
      code: 'PLACE_OUTSIDE_COFO',
      kind: 'business_rule',
      params: { code: 'ML-KAY-DIE-DIE', cofoCode: 'SEG01', territory: 'commune de Ségou' },
      details: [{ field: 'land.villageCode', code: 'outsideCofo' }],
    });
    expect(refusal(() => assertInTerritory(dir, 'land.villageCode', 'ML2-SEG-SEG-SEG', seg01))).toBeNull();
  });
});
