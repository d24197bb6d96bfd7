import {
  compactKey,
  deriveSegment,
  isIsoDate,
  isPlaceCode,
  looseKey,
  mapOfCode,
  normalizeName,
  placeCodePattern,
} from '@prosmed/places';

describe('place codes', () => {
  it('recognises each level’s shape on both maps', () => {
    expect(isPlaceCode('ML-SEG', 'region')).toBe(true);
    expect(isPlaceCode('ML2-KO2', 'region')).toBe(true);
    expect(isPlaceCode('ML-SEG-SAN', 'cercle')).toBe(true);
    expect(isPlaceCode('ML-SEG-SEG-SE2', 'commune')).toBe(true);
    expect(isPlaceCode('ML2-SEG-NIO-ASOK', 'arrondissement')).toBe(true);
    expect(isPlaceCode('ML-SEG-SAN-SAN-K07', 'village')).toBe(true);
    expect(isPlaceCode('ML-SEG-SAN', 'commune')).toBe(false);
    expect(isPlaceCode('ML2-SEG-NIO-SOK', 'arrondissement')).toBe(false);
    expect(isPlaceCode('ML-seg')).toBe(false);
    expect(isPlaceCode('ML3-SEG')).toBe(false);
    expect(isPlaceCode('ML-SEGO')).toBe(false);
    expect(isPlaceCode('ML-2SE')).toBe(false);
    expect(placeCodePattern('cercle').test('ML2-SAN-SAN')).toBe(true);
  });

  it('reads the map from the prefix', () => {
    expect(mapOfCode('ML-SEG-SAN')).toBe('pre2024');
    expect(mapOfCode('ML2-SAN')).toBe('post2024');
    expect(mapOfCode('XX-SAN')).toBeUndefined();
  });

  it('derives a segment from a name, with a digit when taken', () => {
    expect(deriveSegment('Ségou')).toBe('SEG');
    expect(deriveSegment('Ségou', ['SEG'])).toBe('SE2');
    expect(deriveSegment('Ségou', ['SEG', 'SE2'])).toBe('SE3');
    expect(deriveSegment("N'Goa")).toBe('NGO');
    expect(deriveSegment('Sy')).toBe('SYX');
    expect(deriveSegment('Kayes', ['KAY', 'KA2', 'KA3', 'KA4', 'KA5', 'KA6', 'KA7', 'KA8', 'KA9'])).toBe(
      'K10',
    );
  });
});

describe('name keys', () => {
  it('folds accents, case, hyphens and apostrophes', () => {
    expect(normalizeName("  Dioïla – N'Torosso  ")).toBe('dioila n torosso');
    expect(compactKey('Kala-Siguida')).toBe(compactKey('Kala Siguida'));
    expect(compactKey('Ségou')).toBe('segou');
  });

  it('folds dj/di and doubled letters in the loose key', () => {
    expect(looseKey('Djenné')).toBe(looseKey('Dienne'));
    expect(looseKey('Djenné')).toBe(looseKey('Djéné'));
  });
});

describe('dates', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    expect(isIsoDate('2024-09-24')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-9-24')).toBe(false);
    expect(isIsoDate('24/09/2024')).toBe(false);
  });
});
