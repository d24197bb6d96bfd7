import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { hasAtMostDecimals, IsDecimal } from './dto-helpers';
import { DraftReportDto } from './reporting/report-dtos';

class Area {
  @IsDecimal(4)
  hectares!: number;
}

const errorsOf = (v: unknown) => validateSync(plainToInstance(Area, { hectares: v }));

describe('IsDecimal', () => {
  it('takes finite numbers with at most the decimals asked', () => {
    for (const v of [0, 2.5, 12.3456, -3, 1e12]) expect(errorsOf(v)).toEqual([]);
    expect(hasAtMostDecimals(0.1 + 0.2, 4)).toBe(false);
  });

  it('refuses, never throws on, numbers that print in exponent notation, and non-numbers', () => {
    // class-validator's IsNumber({ maxDecimalPlaces }) threw a TypeError on these: a 500 (fuzzer, seed 777).
    for (const v of [-9e-323, 1e-7, 12.34567, Number.NaN, Infinity, '2.5', null]) {
      const errors = errorsOf(v);
      expect(errors).toHaveLength(1);
      expect(Object.keys(errors[0].constraints ?? {})).toEqual(['isNumber']);
    }
  });
});

describe('optional fields that are present', () => {
  it('refuses null where the document says a string (POST /reports with map: null was accepted)', () => {
    const errors = validateSync(plainToInstance(DraftReportDto, { period: '2023Q4', map: null }));
    expect(errors.map((e) => e.property)).toEqual(['map']);
  });
});
