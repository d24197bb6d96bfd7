import { type DomainError } from '@prosmed/contracts';
import { assertActivityDates, countOfPercent, resolveParticipants } from './activity-rules';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('no error');
}

describe('participants of an activity: sub-counts and percentages', () => {
  it('stores a percentage as the count it stands for, nearest person, halves up', () => {
    expect(countOfPercent(207, 33)).toBe(68);
    expect(countOfPercent(207, 66)).toBe(137);
    expect(countOfPercent(272, 40)).toBe(109);
    expect(countOfPercent(3, 50)).toBe(2);
    expect(countOfPercent(225, 37)).toBe(83);
    expect(resolveParticipants({ total: 207, womenPercent: 33, youthPercent: 66 })).toEqual({
      total: 207,
      women: 68,
      men: 139,
      youth: 137,
      womenPercent: 33,
      youthPercent: 66,
    });
  });

  it('keeps the report’s counts as given, men being the rest when only women are given', () => {
    expect(resolveParticipants({ total: 589, women: 402 })).toMatchObject({
      women: 402,
      men: 187,
      youth: null,
    });
    expect(resolveParticipants({ total: 31 })).toMatchObject({ women: null, men: null });
    expect(resolveParticipants({ total: 10, women: 4, men: 5 })).toMatchObject({ women: 4, men: 5 });
  });

  it('refuses a sub-count above the total with a French message naming the field', () => {
    const e = errorOf(() => resolveParticipants({ total: 252, women: 300 }));
    expect(e.code).toBe('SUBCOUNT_EXCEEDS_TOTAL');
    expect(e.kind).toBe('validation');
    expect(e.params).toMatchObject({ label: 'femmes', path: 'participants.women', count: 300, total: 252 });
    expect(errorOf(() => resolveParticipants({ total: 10, youth: 11 })).params).toMatchObject({
      path: 'participants.youth',
    });
    expect(errorOf(() => resolveParticipants({ total: 10, men: 11 })).params).toMatchObject({
      path: 'participants.men',
    });
    expect(errorOf(() => resolveParticipants({ total: 10, women: 6, men: 5 })).params).toMatchObject({
      path: 'participants.men',
      count: 11,
    });
  });

  it('refuses a share given twice, as a count and as a percentage', () => {
    const e = errorOf(() => resolveParticipants({ total: 10, women: 4, womenPercent: 40 }));
    expect(e.code).toBe('SUBCOUNT_TWICE');
    expect(e.params).toMatchObject({ path: 'participants.women', pathPercent: 'participants.womenPercent' });
  });

  it('refuses an end before the start and a date in the future', () => {
    expect(errorOf(() => assertActivityDates('2023-10-12', '2023-10-11')).code).toBe(
      'ACTIVITY_END_BEFORE_START',
    );
    expect(errorOf(() => assertActivityDates('2023-10-12', '2023-10-14', '2023-10-13')).code).toBe(
      'ACTIVITY_IN_FUTURE',
    );
    expect(() => assertActivityDates('2023-10-12', '2023-10-12', '2023-10-12')).not.toThrow();
    const e = errorOf(() => assertActivityDates('2023-02-30', '2023-03-01'));
    expect([e.code, e.details?.[0].field]).toEqual(['VALIDATION_FAILED', 'startDate']);
  });
});
