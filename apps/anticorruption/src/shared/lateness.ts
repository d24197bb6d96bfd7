import { FINISHED_STATUSES, type ActionStatus } from '@prosmed/contracts';

/** Today in Mali (UTC, no daylight saving), as `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Late: the end date has passed and the action is neither done nor abandoned. Computed at every read
 * from the last validated status, never stored or typed, so it cannot go stale.
 */
export function isLate(endOn: string, status: ActionStatus, asOf: string): boolean {
  return endOn < asOf && !FINISHED_STATUSES.includes(status);
}
