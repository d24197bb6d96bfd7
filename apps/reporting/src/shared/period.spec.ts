import { DomainError } from '@prosmed/contracts';
import { parsePeriod } from './period';

describe('parsePeriod', () => {
  it('reads a quarter, a year and a custom range with their French labels', () => {
    expect(parsePeriod('2023Q4')).toEqual({
      code: '2023Q4',
      from: '2023-10-01',
      to: '2023-12-31',
      label: 'Octobre - Décembre 2023',
    });
    expect(parsePeriod('2024Q1')).toMatchObject({
      from: '2024-01-01',
      to: '2024-03-31',
      label: 'Janvier - Mars 2024',
    });
    expect(parsePeriod('2024')).toMatchObject({ from: '2024-01-01', to: '2024-12-31', label: 'Année 2024' });
    expect(parsePeriod('2023-10-01..2023-11-15')).toMatchObject({
      from: '2023-10-01',
      to: '2023-11-15',
      label: 'Du 01/10/2023 au 15/11/2023',
    });
  });

  it.each(['2023-02-30..2023-03-01', '2023-12-31..2023-01-01', '2000-01-01..2020-01-01', '2023Q5', 'hier'])(
    'refuses %s with PERIOD_INVALID',
    (code) => {
      expect(() => parsePeriod(code)).toThrow(DomainError);
      try {
        parsePeriod(code);
      } catch (e) {
        expect((e as DomainError).code).toBe('PERIOD_INVALID');
        expect((e as DomainError).params).toEqual({ period: code });
      }
    },
  );
});
