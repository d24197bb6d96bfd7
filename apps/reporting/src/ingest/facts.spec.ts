import { breakdownsOf, factOf, type IndicatorDef } from './facts';

const activity = (kind: string, total: number, women: number | null, units = 1) => ({
  kind,
  resultArea: 'R1',
  units,
  participants: { total, women, men: women === null ? null : total - women, youth: 3 },
});
const people: IndicatorDef = {
  id: 'i',
  code: 'r1-awareness-people',
  measure: 'sum',
  sources: [
    {
      eventTypes: ['reporting.activity.v1'],
      where: { kind: 'awareness-session', resultArea: 'R1' },
      valueField: 'participants.total',
      femaleField: 'participants.women',
      maleField: 'participants.men',
      youthField: 'participants.youth',
    },
  ],
};

describe('indicator arithmetic: what one record adds', () => {
  it('sums the value field with its sex and youth breakdown, for the records its filter selects', () => {
    expect(factOf(people, 'reporting.activity.v1', activity('awareness-session', 589, 402))).toEqual({
      value: 589,
      female: 402,
      male: 187,
      youth: 3,
      distinctKey: null,
    });
    expect(factOf(people, 'reporting.activity.v1', activity('workshop', 26, 5))).toBeNull();
    expect(factOf(people, 'land.case.filed.v1', activity('awareness-session', 1, 1))).toBeNull();
    // No women given: the sub-count adds nothing rather than failing.
    expect(factOf(people, 'reporting.activity.v1', activity('awareness-session', 31, null))).toMatchObject({
      value: 31,
      female: 0,
    });
  });

  it('counts records, filters on a list of values, and counts a source without a value field once per record', () => {
    const count: IndicatorDef = {
      id: 'c',
      code: 'c',
      measure: 'count',
      sources: [{ eventTypes: ['land.pv.recorded.v1'], where: { state: ['conciliated'] } }],
    };
    expect(factOf(count, 'land.pv.recorded.v1', { state: 'conciliated' })).toMatchObject({ value: 1 });
    expect(factOf(count, 'land.pv.recorded.v1', { state: 'not-conciliated' })).toBeNull();
    const mixed: IndicatorDef = {
      id: 'm',
      code: 'm',
      measure: 'sum',
      sources: [
        { eventTypes: ['reporting.activity.v1'], valueField: 'units' },
        { eventTypes: ['security.infrastructure.recorded.v1'] },
      ],
    };
    expect(factOf(mixed, 'reporting.activity.v1', activity('x', 0, null, 8))).toMatchObject({ value: 8 });
    expect(factOf(mixed, 'security.infrastructure.recorded.v1', { type: 'commissariat' })).toMatchObject({
      value: 1,
    });
  });

  it('keys distinct counts by their field, and skips records without it', () => {
    const distinct: IndicatorDef = {
      id: 'd',
      code: 'd',
      measure: 'distinct',
      sources: [{ eventTypes: ['land.case.filed.v1'], distinctField: 'cofoCode' }],
    };
    expect(factOf(distinct, 'land.case.filed.v1', { cofoCode: 'SEG01' })).toEqual({
      value: 1,
      female: 0,
      male: 0,
      youth: 0,
      distinctKey: 'SEG01',
    });
    expect(factOf(distinct, 'land.case.filed.v1', {})).toBeNull();
  });

  it('gives a breakdown only when every source has its field', () => {
    expect(breakdownsOf(people)).toEqual({ female: true, male: true, youth: true });
    expect(
      breakdownsOf({
        sources: [
          ...people.sources,
          { eventTypes: ['security.training.recorded.v1'], femaleField: 'totals.women' },
        ],
      }),
    ).toEqual({
      female: true,
      male: false,
      youth: false,
    });
  });
});
