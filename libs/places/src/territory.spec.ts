import { shippedPlaceDirectory } from './shipped';
import { liesWithin, placeWithin, territoryRoots } from './territory';

const dir = shippedPlaceDirectory();

describe('territories under both maps', () => {
  it('places a code within its ancestors by prefix, segment by segment', () => {
    expect(placeWithin('ML-SEG-SEG-SEG', 'ML-SEG')).toBe(true);
    expect(placeWithin('ML-SEGX', 'ML-SEG')).toBe(false);
  });

  it('carries a place of the other map into the territory through the crosswalk', () => {
    expect(liesWithin(dir, 'ML2-SAN-SAN-SAN', 'ML-SEG-SAN')).toBe(true);
    expect(liesWithin(dir, 'ML-SEG-SAN-SAN', 'ML2-SAN-SAN')).toBe(true);
    expect(liesWithin(dir, 'ML2-SAN-SAN-SAN', 'ML-SEG-SEG')).toBe(false);
  });

  it('gives the subtrees that make up a territory on both maps, each once', () => {
    expect(territoryRoots(dir, 'ML-KOU-NAR')).toEqual(['ML-KOU-NAR', 'ML2-NAR-NAR-NAR']);
    expect(territoryRoots(dir, 'ML2-SAN-SAN')).toEqual(['ML2-SAN-SAN', 'ML-SEG-SAN-SAN']);
    // A code the directory does not know is its own subtree only.
    expect(territoryRoots(dir, 'ML-SEG-SEG-SEG-ZZZ')).toEqual(['ML-SEG-SEG-SEG-ZZZ']);
  });
});
