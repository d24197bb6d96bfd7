import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { OmitType } from '@nestjs/swagger';
import { CreateCofoDto, UpdateTribunalDto } from '@prosmed/contracts';
import { validationDetails } from './validation';

const check = async (cls: new () => object, plain: unknown) =>
  validationDetails(
    await validate(plainToInstance(cls, plain) as object, { whitelist: true, forbidNonWhitelisted: true }),
  );

describe('validation details', () => {
  it('names nested fields with array indexes', async () => {
    const details = await check(CreateCofoDto, {
      code: 'SEG01',
      name: 'COFOCOM de Ségou',
      level: 'commune',
      placeCode: 'ML-SEG-SEG',
      members: [
        { name: 'A', sex: 'F', role: 'membre' },
        { name: 'B', sex: 'X', role: 'membre' },
      ],
    });
    expect(details).toEqual([{ field: 'members[1].sex', code: 'isIn', message: expect.any(String) }]);
  });

  it('refuses unknown fields (a changed code cannot ride along) and bad codes', async () => {
    // The body of `PATCH /tribunals/:code`: the request class without its path field.
    const body = OmitType(UpdateTribunalDto, ['code'] as const);
    const details = await check(body, { version: 1, code: 'TI-SAN', cercleCodes: ['nope'] });
    expect(details.map((d) => `${d.field}:${d.code}`).sort()).toEqual([
      'cercleCodes:isPlaceCode',
      'code:whitelistValidation',
    ]);
  });

  it('refuses a lower-case or too long registry code', async () => {
    const base = { name: 'x', level: 'village', placeCode: 'ML-SEG-SEG', members: [] };
    expect(await check(CreateCofoDto, { ...base, code: 'SEG01' })).toEqual([]);
    expect((await check(CreateCofoDto, { ...base, code: 'seg01' }))[0]).toMatchObject({
      field: 'code',
      code: 'matches',
    });
    expect((await check(CreateCofoDto, { ...base, code: 'A'.repeat(33) }))[0]).toMatchObject({
      field: 'code',
    });
  });
});
