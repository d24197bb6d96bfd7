import { performance } from 'node:perf_hooks';
import { dueCount, msUntil, plannedStartMs, totalRequests } from './schedule';
import { round, summarize, type LatencySummary } from './stats';

/**
 * One request of a run; resolves with the HTTP status (network errors reject). `n` is the worker's index
 * in a closed loop (0 .. concurrency - 1) and the request's index in an open loop, so that a path can give
 * each writer its own CoFo; most paths ignore it.
 */
export type Send = (n: number) => Promise<number>;

export interface RunResult {
  /** Completed requests with the expected status, per second of the measured window. */
  throughput: number;
  ok: number;
  /** Other statuses and network errors, by status (`net` for the latter). */
  errors: Record<string, number>;
  /** Latency of the requests that succeeded, ms. */
  latency: LatencySummary;
  durationMs: number;
}

export interface ClosedLoopResult extends RunResult {
  concurrency: number;
}

export interface OpenLoopResult extends RunResult {
  targetRate: number;
  /** Requests actually sent per second (below target when the generator itself could not keep up). */
  sentRate: number;
  /** Requests still unanswered when the run ended (counted as errors `late`). */
  unfinished: number;
}

const okStatus = (s: number) => s >= 200 && s < 300;

function finish(
  lat: number[],
  errors: Record<string, number>,
  windowMs: number,
): Omit<RunResult, 'durationMs'> {
  return {
    throughput: round((lat.length * 1000) / windowMs),
    ok: lat.length,
    errors,
    latency: roundSummary(summarize(lat)),
  };
}

function roundSummary(s: LatencySummary): LatencySummary {
  return {
    count: s.count,
    mean: round(s.mean),
    p50: round(s.p50),
    p95: round(s.p95),
    p99: round(s.p99),
    max: round(s.max),
  };
}

function countError(errors: Record<string, number>, key: string): void {
  errors[key] = (errors[key] ?? 0) + 1;
}

/**
 * `concurrency` workers, each sending its next request as soon as the previous one is answered, for
 * `warmupMs` (not counted) then `durationMs` (counted). Saturation throughput is the plateau of these.
 */
export async function closedLoop(opts: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  send: Send;
}): Promise<ClosedLoopResult> {
  const start = performance.now();
  const measureFrom = start + opts.warmupMs;
  const end = measureFrom + opts.durationMs;
  const lat: number[] = [];
  const errors: Record<string, number> = {};
  const worker = async (w: number) => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= end) return;
      let status: number | 'net';
      try {
        status = await opts.send(w);
      } catch {
        status = 'net';
      }
      const t1 = performance.now();
      if (t0 < measureFrom || t1 > end) continue;
      if (status !== 'net' && okStatus(status)) lat.push(t1 - t0);
      else countError(errors, String(status));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, (_, w) => worker(w)));
  return {
    concurrency: opts.concurrency,
    durationMs: opts.durationMs,
    ...finish(lat, errors, opts.durationMs),
  };
}

/**
 * Requests sent on a fixed timetable (`ratePerSec`) for `durationMs`, never waiting for answers; at most
 * `maxInFlight` outstanding (past that a due request counts as error `shed`, so an overloaded target
 * cannot make the generator exhaust memory). Latency is from each request's planned start.
 */
export async function openLoop(opts: {
  ratePerSec: number;
  durationMs: number;
  send: Send;
  maxInFlight?: number;
  /** Extra time allowed after the last send for answers to arrive. */
  drainMs?: number;
}): Promise<OpenLoopResult> {
  const total = totalRequests(opts.ratePerSec, opts.durationMs);
  const maxInFlight = opts.maxInFlight ?? 2000;
  const lat: number[] = [];
  const errors: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let next = 0;
  let closed = false;
  const start = performance.now();
  while (next < total) {
    const elapsed = performance.now() - start;
    const due = dueCount(elapsed, opts.ratePerSec, total);
    for (; next < due; next++) {
      const planned = start + plannedStartMs(next, opts.ratePerSec);
      if (pending.size >= maxInFlight) {
        countError(errors, 'shed');
        continue;
      }
      sent++;
      const p = opts.send(next).then(
        (status) => {
          if (closed) return;
          if (okStatus(status)) lat.push(performance.now() - planned);
          else countError(errors, String(status));
        },
        () => {
          if (!closed) countError(errors, 'net');
        },
      );
      const tracked = p.finally(() => pending.delete(tracked));
      pending.add(tracked);
    }
    if (next >= total) break;
    const wait = msUntil(next, performance.now() - start, opts.ratePerSec);
    // setTimeout has ~1 ms granularity: sleep only when the next send is far enough away, else yield.
    await new Promise<void>((res) => (wait >= 2 ? setTimeout(res, wait - 1) : setImmediate(res)));
  }
  const sendWindow = performance.now() - start;
  const drainUntil = performance.now() + (opts.drainMs ?? 10_000);
  while (pending.size > 0 && performance.now() < drainUntil) {
    await Promise.race([...pending, new Promise((res) => setTimeout(res, 50))]);
  }
  closed = true;
  const unfinished = pending.size;
  if (unfinished > 0) errors.late = (errors.late ?? 0) + unfinished;
  return {
    targetRate: opts.ratePerSec,
    sentRate: round((sent * 1000) / sendWindow),
    unfinished,
    durationMs: opts.durationMs,
    ...finish(lat, errors, opts.durationMs),
  };
}
