import { loadDeadlineSettings, reportingDeadline } from './deadline.settings';

describe('reporting deadlines', () => {
  it('fall the configured days after the quarter, reminders the configured days before', () => {
    const s = loadDeadlineSettings({});
    expect(s).toEqual({ reportingDeadlineDays: 15, reminderLeadDays: 7 });
    expect(reportingDeadline('2024-03-31', s)).toEqual({ deadline: '2024-04-15', remindFrom: '2024-04-08' });
    const custom = loadDeadlineSettings({
      SNLCC_REPORTING_DEADLINE_DAYS: '30',
      SNLCC_REMINDER_LEAD_DAYS: '10',
    });
    expect(reportingDeadline('2024-12-31', custom)).toEqual({
      deadline: '2025-01-30',
      remindFrom: '2025-01-20',
    });
  });

  it('refuse a setting out of range at boot', () => {
    expect(() => loadDeadlineSettings({ SNLCC_REPORTING_DEADLINE_DAYS: '-3' })).toThrow();
  });
});
