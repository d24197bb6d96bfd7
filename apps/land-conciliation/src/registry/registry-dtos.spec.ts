import {
  CofoListQueryDto,
  CreateCofoDto,
  DomainError,
  RegistryCodeDto,
  UpdateCofoDto,
  type ErrorDetail,
} from '@prosmed/contracts';
import { validatePayload } from '@prosmed/messaging';

const valid = {
  code: 'SEG02',
  name: 'Commission foncière villageoise de Dougabougou',
  level: 'village',
  placeCode: 'ML-SEG-SEG-SEB-DOU',
  tribunalCode: 'TI-SEGOU',
  members: [
    { name: 'Aminata Traoré', sex: 'F', role: 'présidente' },
    { name: 'Moussa Coulibaly', sex: 'M', role: 'membre' },
  ],
};

function details(dto: new () => object, value: unknown): ErrorDetail[] {
  try {
    validatePayload(dto, value);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('VALIDATION_FAILED');
    return (err as DomainError).details ?? [];
  }
  throw new Error('expected VALIDATION_FAILED');
}

const fields = (d: ErrorDetail[]) => d.map((x) => `${x.field}:${x.code}`);

describe('CoFo payloads', () => {
  it('accepts a well-formed creation and trims names', () => {
    const dto = validatePayload(CreateCofoDto, {
      ...valid,
      name: ' CoFo  ',
      members: [{ name: ' Awa ', sex: 'F', role: 'membre ' }],
    });
    expect(dto).toBeInstanceOf(CreateCofoDto);
    expect(dto.name).toBe('CoFo');
    expect(dto.members[0]).toEqual({ name: 'Awa', sex: 'F', role: 'membre' });
  });

  it('accepts a CoFo without tribunal (absent or null)', () => {
    const { tribunalCode: _t, ...rest } = valid;
    expect(validatePayload(CreateCofoDto, rest).tribunalCode).toBeUndefined();
    expect(validatePayload(CreateCofoDto, { ...rest, tribunalCode: null }).tribunalCode).toBeNull();
  });

  it('names each bad member field by its path and constraint', () => {
    const d = details(CreateCofoDto, {
      ...valid,
      members: [
        { name: 'Awa', sex: 'X', role: 'membre' },
        { name: '   ', sex: 'F', role: 'membre' },
        { name: 'Ali', sex: 'M', role: 'membre', phone: '+22370000000' },
      ],
    });
    expect(fields(d)).toEqual([
      'members[0].sex:isIn',
      'members[1].name:minLength',
      'members[2].phone:whitelistValidation',
    ]);
  });

  it('refuses unknown top-level fields instead of dropping them', () => {
    expect(fields(details(CreateCofoDto, { ...valid, cofoId: 'SAN01' }))).toEqual([
      'cofoId:whitelistValidation',
    ]);
  });

  it('refuses bad codes, levels, place codes and missing fields', () => {
    const d = details(CreateCofoDto, {
      code: 'seg 01',
      level: 'région',
      placeCode: 'Ségou',
      tribunalCode: 5,
    });
    expect(fields(d)).toEqual(
      expect.arrayContaining([
        'code:matches',
        'name:isString',
        'level:isIn',
        'placeCode:isPlaceCode',
        'tribunalCode:isString',
        'members:isArray',
      ]),
    );
  });

  it('refuses a payload that is not an object', () => {
    for (const v of [null, 'x', [valid], 3])
      expect(fields(details(CreateCofoDto, v))).toEqual(['$:isObject']);
  });

  it('accepts a partial update; refuses null for a required field, a bad version, a code change', () => {
    const ok = validatePayload(UpdateCofoDto, { code: 'SEG01', version: 3, tribunalCode: null });
    expect(ok.tribunalCode).toBeNull();
    expect(ok).not.toHaveProperty('name');
    expect(fields(details(UpdateCofoDto, { code: 'SEG01', version: 3, name: null }))).toContain(
      'name:isString',
    );
    expect(fields(details(UpdateCofoDto, { code: 'SEG01', version: 0, name: 'x' }))).toEqual(['version:min']);
    expect(fields(details(UpdateCofoDto, { code: 'SEG01', version: 1.5e308, name: 'x' }))).toEqual([
      'version:max',
    ]);
    expect(fields(details(UpdateCofoDto, { code: 'SEG01', version: 1, cofoId: 'SAN01' }))).toEqual([
      'cofoId:whitelistValidation',
    ]);
    expect(
      fields(
        details(UpdateCofoDto, { code: 'SEG01', version: 1, members: [{ name: 'A', sex: 'f', role: 'm' }] }),
      ),
    ).toEqual(['members[0].sex:isIn']);
  });

  it('bounds list queries', () => {
    expect(validatePayload(CofoListQueryDto, {})).toEqual({});
    expect(validatePayload(CofoListQueryDto, { level: 'commune', q: 'ségou', limit: 100 }).limit).toBe(100);
    expect(fields(details(CofoListQueryDto, { limit: 0 }))).toEqual(['limit:min']);
    expect(fields(details(CofoListQueryDto, { limit: 101 }))).toEqual(['limit:max']);
    // A query string's "10" is the number 10; anything else that is not an integer is refused.
    expect(validatePayload(CofoListQueryDto, { limit: '10' }).limit).toBe(10);
    expect(fields(details(CofoListQueryDto, { limit: '1e3' }))).toContain('limit:isInt');
    expect(fields(details(CofoListQueryDto, { cofoId: 'SAN01' }))).toEqual(['cofoId:whitelistValidation']);
    expect(fields(details(RegistryCodeDto, { code: 'SEG01', cofoId: 'SAN01' }))).toEqual([
      'cofoId:whitelistValidation',
    ]);
  });
});
