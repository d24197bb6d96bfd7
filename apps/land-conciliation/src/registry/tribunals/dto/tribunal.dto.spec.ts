import type { DomainError, ErrorDetail } from '@prosmed/contracts';
import { validatePayload } from '@prosmed/messaging';
import { CreateTribunalDto, TribunalListQueryDto } from './tribunal.dto';

function fields(dto: new () => object, value: unknown): string[] {
  try {
    validatePayload(dto, value);
  } catch (err) {
    return ((err as DomainError).details ?? []).map((d: ErrorDetail) => `${d.field}:${d.code}`);
  }
  return [];
}

describe('tribunal payloads', () => {
  const valid = {
    code: 'TI-BLA',
    name: "Tribunal d'instance de Bla",
    kind: 'tribunal-instance',
    placeCode: 'ML-SEG-BLA',
    cercleCodes: ['ML-SEG-BLA'],
  };

  it('accepts a well-formed tribunal', () => {
    expect(fields(CreateTribunalDto, valid)).toEqual([]);
  });

  it('refuses a bad kind, no cercle, a repeated or malformed cercle code', () => {
    expect(fields(CreateTribunalDto, { ...valid, kind: 'cour' })).toEqual(['kind:isIn']);
    expect(fields(CreateTribunalDto, { ...valid, cercleCodes: [] })).toEqual(['cercleCodes:arrayMinSize']);
    expect(fields(CreateTribunalDto, { ...valid, cercleCodes: ['ML-SEG-BLA', 'ML-SEG-BLA'] })).toEqual([
      'cercleCodes:arrayUnique',
    ]);
    expect(fields(CreateTribunalDto, { ...valid, cercleCodes: ['Bla'] })).toEqual([
      'cercleCodes:isPlaceCode',
    ]);
  });

  it('has no CoFo level filter', () => {
    expect(fields(TribunalListQueryDto, { kind: 'jpce', placeCode: 'ML-SEG' })).toEqual([]);
    expect(fields(TribunalListQueryDto, { level: 'commune' })).toEqual(['level:whitelistValidation']);
  });
});
