import { isOverdue, OVERDUE_AFTER_DAYS, sortCases } from './cases';

describe('the secretary cases list', () => {
  const today = '2026-11-30';
  it('calls an open case overdue past the limit, never a concluded one', () => {
    expect(OVERDUE_AFTER_DAYS).toBe(30);
    expect(isOverdue({ state: 'filed', filedOn: '2026-10-31' }, today)).toBe(false);
    expect(isOverdue({ state: 'in-instruction', filedOn: '2026-10-30' }, today)).toBe(true);
    expect(isOverdue({ state: 'conciliated', filedOn: '2025-01-01' }, today)).toBe(false);
  });

  it('puts overdue cases first, then by state in procedure order, oldest first', () => {
    const cases = [
      { number: 'A', state: 'conciliated', filedOn: '2026-01-01' },
      { number: 'B', state: 'filed', filedOn: '2026-11-20' },
      { number: 'C', state: 'in-instruction', filedOn: '2026-09-01' },
      { number: 'D', state: 'filed', filedOn: '2026-08-01' },
      { number: 'E', state: 'filed', filedOn: '2026-11-10' },
    ] as const;
    expect(sortCases(cases, today).map((c) => c.number)).toEqual(['D', 'C', 'E', 'B', 'A']);
  });
});
