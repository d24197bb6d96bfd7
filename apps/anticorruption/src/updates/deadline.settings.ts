import { env } from '@prosmed/config';

export interface DeadlineSettings {
  /** Reports of a quarter are due this many days after it ends. */
  reportingDeadlineDays: number;
  /** Focal points are reminded this many days before the deadline (what a scheduler uses). */
  reminderLeadDays: number;
}

export const DEADLINE_SETTINGS = Symbol('DEADLINE_SETTINGS');

export function loadDeadlineSettings(
  src: Record<string, string | undefined> = process.env,
): DeadlineSettings {
  return {
    reportingDeadlineDays: env.int(src, 'SNLCC_REPORTING_DEADLINE_DAYS', 15, 0, 365),
    reminderLeadDays: env.int(src, 'SNLCC_REMINDER_LEAD_DAYS', 7, 0, 365),
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The reporting deadline of a quarter (its last day plus the delay) and the day reminders become due. */
export function reportingDeadline(
  periodEnd: string,
  s: DeadlineSettings,
): { deadline: string; remindFrom: string } {
  const deadline = addDays(periodEnd, s.reportingDeadlineDays);
  return { deadline, remindFrom: addDays(deadline, -s.reminderLeadDays) };
}
