import { domainError } from '@prosmed/contracts';

/** Today in Mali, which is UTC all year (no daylight saving). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (dates YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `DATE_IN_FUTURE` naming the field: what is recorded has happened. */
export function assertNotFuture(field: string, date: string, now: Date = new Date()): void {
  if (date > today(now))
    throw domainError('DATE_IN_FUTURE', { field, date }, [{ field, code: 'dateInFuture' }]);
}

/** `DATE_RANGE_INVERTED` when the end comes before the start. */
export function assertRange(startOn: string, endOn: string, endField = 'endOn'): void {
  if (endOn < startOn) {
    throw domainError('DATE_RANGE_INVERTED', { startOn, endOn }, [{ field: endField, code: 'beforeStart' }]);
  }
}
