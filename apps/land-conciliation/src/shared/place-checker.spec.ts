import { isPlaceCode, placeWithin } from '@prosmed/places';

describe('place codes (format only)', () => {
  it.each([
    'ML-SEG',
    'ML-SEG-SEG',
    'ML-SEG-SEG-SEG',
    'ML-SEG-SAN-SAN',
    'ML-SEG-SEG-ABLA',
    'ML-SEG-SEG-SEG-DIO',
    'ML2-SAN-SAN',
    'ML-BKO-BKO-C01',
  ])('accepts %s', (code) => expect(isPlaceCode(code)).toBe(true));

  it.each([
    '',
    'ML',
    'SEG',
    'ml-seg',
    'ML-SE',
    'ML-SEGOU',
    'ML-SEG-SEG-SEG-SEG-SEG',
    'ML-SEG-',
    'FR-SEG',
    'ML-1EG',
  ])('refuses %j', (code) => expect(isPlaceCode(code)).toBe(false));

  it('places a code within its ancestors by prefix, segment by segment', () => {
    expect(placeWithin('ML-SEG-SEG-SEG', 'ML-SEG')).toBe(true);
    expect(placeWithin('ML-SEG', 'ML-SEG')).toBe(true);
    expect(placeWithin('ML-SEGX', 'ML-SEG')).toBe(false);
    expect(placeWithin('ML-SEG', 'ML-SEG-SEG')).toBe(false);
  });
});
