import { isLate, today } from './lateness';

describe('lateness (computed at read time)', () => {
  it('is an end date passed without the action done or abandoned', () => {
    expect(isLate('2024-12-31', 'en cours', '2025-01-01')).toBe(true);
    expect(isLate('2024-12-31', 'non démarrée', '2025-01-01')).toBe(true);
    expect(isLate('2024-12-31', 'réalisée', '2025-01-01')).toBe(false);
    expect(isLate('2024-12-31', 'abandonnée', '2025-01-01')).toBe(false);
    expect(isLate('2024-12-31', 'en cours', '2024-12-31')).toBe(false);
  });

  it('takes today in UTC, Mali’s time', () => {
    expect(today(new Date('2026-11-30T23:59:00Z'))).toBe('2026-11-30');
  });
});
