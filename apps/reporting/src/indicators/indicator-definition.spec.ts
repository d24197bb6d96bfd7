import { type DomainError, type DefineIndicatorDto } from '@prosmed/contracts';
import { assertDefinition } from './indicator-definition';

const base: DefineIndicatorDto = {
  code: 'r1-x',
  resultArea: 'R1',
  label: 'X',
  unit: 'personnes',
  measure: 'sum',
  sources: [
    {
      eventTypes: ['reporting.activity.v1'],
      where: { kind: ['workshop', 'training'] },
      valueField: 'participants.total',
    },
  ],
};
const reason = (dto: DefineIndicatorDto): string | undefined => {
  try {
    assertDefinition(dto);
    return undefined;
  } catch (e) {
    expect((e as DomainError).code).toBe('INDICATOR_DEFINITION_INVALID');
    return String((e as DomainError).params?.reason);
  }
};

describe('an indicator definition sent by an admin', () => {
  it('is accepted when every part can be counted', () => {
    expect(reason(base)).toBeUndefined();
  });

  it('is refused, saying why in French, for an unknown event type, a distinct without key, or a bad filter', () => {
    expect(reason({ ...base, sources: [{ eventTypes: ['land.case.lost.v1'] }] })).toContain(
      'type d’événement inconnu land.case.lost.v1',
    );
    expect(reason({ ...base, measure: 'distinct' })).toContain('distinctField');
    expect(
      reason({
        ...base,
        sources: [{ eventTypes: ['reporting.activity.v1'], where: { kind: { $ne: 1 } as never } }],
      }),
    ).toContain('where.kind');
    expect(
      reason({ ...base, sources: [{ eventTypes: ['reporting.activity.v1'], where: { kind: [] } }] }),
    ).toContain('where.kind');
  });
});
