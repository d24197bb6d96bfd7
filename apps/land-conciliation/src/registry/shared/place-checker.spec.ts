import { DomainError } from '@prosmed/contracts';
import { isPlaceCode } from '@prosmed/places';
import { FormatOnlyPlaceChecker, placeWithin } from './place-checker';

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

  it('accepts well-formed codes without looking them up, refuses the others as PLACE_UNKNOWN', async () => {
    const checker = new FormatOnlyPlaceChecker();
    await expect(checker.assertKnown([{ field: 'placeCode', code: 'ML-ZZZ-ZZZ' }])).resolves.toBeUndefined();
    await expect(
      checker.assertKnown([
        { field: 'placeCode', code: 'ML-SEG' },
        { field: 'cercleCodes[1]', code: 'nowhere' },
      ]),
    ).rejects.toMatchObject({
      code: 'PLACE_UNKNOWN',
      kind: 'business_rule',
      params: { code: 'nowhere' },
      details: [{ field: 'cercleCodes[1]', code: 'placeCodeFormat' }],
    });
    await expect(checker.assertKnown([{ field: 'x', code: 'x' }])).rejects.toBeInstanceOf(DomainError);
  });

  it('places a code within its ancestors by prefix, segment by segment', () => {
    expect(placeWithin('ML-SEG-SEG-SEG', 'ML-SEG')).toBe(true);
    expect(placeWithin('ML-SEG', 'ML-SEG')).toBe(true);
    expect(placeWithin('ML-SEGX', 'ML-SEG')).toBe(false);
    expect(placeWithin('ML-SEG', 'ML-SEG-SEG')).toBe(false);
  });
});
