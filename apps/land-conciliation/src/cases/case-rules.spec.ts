import { type DomainError } from '@prosmed/contracts';
import {
  assertNotBeforeFiling,
  assertNotBeforePv,
  assertNotFuture,
  caseNumber,
  daysBetween,
  partyCounts,
} from './case-rules';

const code = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('case rules', () => {
  const now = new Date('2026-11-28T10:00:00Z');

  it('refuses future and impossible dates, and dates before the filing', () => {
    expect(code(() => assertNotFuture('d', '2026-11-28', now))).toBeNull();
    expect(code(() => assertNotFuture('d', '2026-11-29', now))).toBe('DATE_IN_FUTURE');
    expect(code(() => assertNotFuture('d', '2026-02-30', now))).toBe('VALIDATION_FAILED');
    expect(code(() => assertNotBeforeFiling('d', '2026-01-01', '2026-01-02'))).toBe('DATE_BEFORE_FILING');
    expect(code(() => assertNotBeforeFiling('d', '2026-01-02', '2026-01-02'))).toBeNull();
  });

  it('refuses what follows a PV dated before it, naming the PV (not the filing)', () => {
    expect(code(() => assertNotBeforePv('requestedOn', '2026-10-15', '2026-10-20'))).toBe('DATE_BEFORE_PV');
    expect(code(() => assertNotBeforePv('referredOn', '2026-10-20', '2026-10-20'))).toBeNull();
  });

  it('counts parties by sex (groups apart) and age group', () => {
    expect(
      partyCounts([
        { kind: 'person', sex: 'F', ageGroup: 'youth-15-35' },
        { kind: 'person', sex: 'F' },
        { kind: 'group', sex: null, ageGroup: 'unknown' },
      ]),
    ).toEqual({
      total: 3,
      bySex: { F: 2, M: 0, group: 1 },
      byAgeGroup: { 'under-15': 0, 'youth-15-35': 1, 'adult-36-59': 0, 'elder-60-plus': 0, unknown: 2 },
    });
  });

  it('formats case numbers and counts whole days', () => {
    expect(caseNumber('SEG01', 2024, 7)).toBe('COFO-SEG01-2024-0007');
    expect(daysBetween('2026-11-01', '2026-11-28')).toBe(27);
  });
});
