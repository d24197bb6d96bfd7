import type { DomainError } from '@prosmed/contracts';
import { PlaceRules } from './place-rules';

const rules = new PlaceRules();
const segou = { code: 'CCS-SEGOU', placeCode: 'ML-SEG-SEG' };
const nara = { code: 'CCS-NARA', placeCode: 'ML-KOU-NAR' };

function refusal(fn: () => void) {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).toPayload();
  }
  return null;
}

describe('place rules of the CCS service', () => {
  it('takes a place of the CCS territory at any level and on either map', () => {
    for (const code of ['ML-SEG-SEG', 'ML-SEG-SEG-SEG', 'ML2-SEG-SEG-SEG', 'ML-SEG-SEG-SEG-K01']) {
      expect(refusal(() => rules.assertInCcs('placeCode', code, segou))).toBeNull();
    }
    expect(refusal(() => rules.assertInCcs('placeCode', 'ML2-NAR-NAR-NAR', nara))).toBeNull();
  });

  it('refuses a coarser unit or a place elsewhere, naming the territory, and an unknown place', () => {
    expect(refusal(() => rules.assertInCcs('placeCode', 'ML-SEG', segou))).toMatchObject({
      code: 'PLACE_OUTSIDE_CCS',
      params: { code: 'ML-SEG', ccsCode: 'CCS-SEGOU', territory: 'cercle de Ségou' },
    });
    expect(refusal(() => rules.assertInCcs('placeCode', 'ML-SEG-SAN-SAN', segou))?.code).toBe(
      'PLACE_OUTSIDE_CCS',
    );
    // A village is accepted under a known commune only.
    expect(refusal(() => rules.assertInCcs('placeCode', 'ML-SEG-SEG-ZZZ-K01', segou))).toMatchObject({
      code: 'PLACE_UNKNOWN',
      details: [{ field: 'placeCode', code: 'unknownPlace' }],
    });
  });

  it('filters at or under a place through the crosswalk, with parameters only', () => {
    const params: unknown[] = [];
    const sql = rules.withinSql('a."place_code"', 'ML2-NAR', (v) => {
      params.push(v);
      return `$${params.length}`;
    });
    expect(params).toEqual(expect.arrayContaining(['ML2-NAR', 'ML-KOU-NAR']));
    expect(sql).toMatch(/^\(a\."place_code" = \$1 OR a\."place_code" LIKE \$1 \|\| '-%'/);
    expect(sql).not.toContain('NAR');
  });
});
