/**
 * Timing math of the open-loop (fixed-rate) generator. Request `i` is due at `i * 1000 / rate` ms after
 * the start, whatever happened to the ones before: a slow answer never delays the next request, so
 * queueing in the system under test shows up in the latencies instead of lowering the offered load
 * ("coordinated omission"). Each latency is measured from the request's planned start, not its send.
 */
export function plannedStartMs(i: number, ratePerSec: number): number {
  return (i * 1000) / ratePerSec;
}

/** Requests in a run of `durationMs` at `ratePerSec`. */
export function totalRequests(ratePerSec: number, durationMs: number): number {
  return Math.max(0, Math.floor((ratePerSec * durationMs) / 1000));
}

/** How many requests (counting from 0) are due `elapsedMs` after the start: those with a planned start <= now. */
export function dueCount(elapsedMs: number, ratePerSec: number, total: number): number {
  if (elapsedMs < 0) return 0;
  return Math.min(total, Math.floor((elapsedMs * ratePerSec) / 1000) + 1);
}

/** Milliseconds from `elapsedMs` until request `next` is due (0 if already due). */
export function msUntil(next: number, elapsedMs: number, ratePerSec: number): number {
  return Math.max(0, plannedStartMs(next, ratePerSec) - elapsedMs);
}
