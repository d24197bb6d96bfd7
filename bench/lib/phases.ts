import { existsSync, readFileSync } from 'node:fs';
import type { CpuMeter, CpuShare } from './cpu';
import { closedLoop, openLoop, type ClosedLoopResult, type OpenLoopResult, type Send } from './load';
import { ISSUE_BEFORE, type BeforeJson, type CpuPhase } from './results';

/** A fixed-rate (open-loop) run with the CPU of each process charged to its successful requests. */
export async function fixedRateWithCpu(
  meter: CpuMeter,
  ratePerSec: number,
  seconds: number,
  send: Send,
): Promise<{ run: OpenLoopResult; cpu: CpuShare; busyPct: number }> {
  meter.start();
  const run = await openLoop({ ratePerSec, durationMs: seconds * 1000, send });
  return { run, cpu: meter.perRequest(run.ok), busyPct: meter.busyPct() };
}

/** A closed-loop run with the same CPU split (for the hops, which have no fixed-rate run). */
export async function closedLoopWithCpu(
  meter: CpuMeter,
  concurrency: number,
  seconds: number,
  send: Send,
): Promise<{ run: ClosedLoopResult; cpu: CpuShare; busyPct: number }> {
  // Warm-up outside the measured window, so the CPU and the requests cover the same seconds.
  await closedLoop({ concurrency, warmupMs: 0, durationMs: 500, send });
  meter.start();
  const run = await closedLoop({ concurrency, warmupMs: 0, durationMs: seconds * 1000, send });
  return { run, cpu: meter.perRequest(run.ok), busyPct: meter.busyPct() };
}

/** Pure: a before.json as written by `npm run bench:before`, or why it cannot be used. */
export function parseBefore(text: string): BeforeJson | string {
  try {
    const j = JSON.parse(text) as Partial<BeforeJson>;
    if (j.version !== 1 || !Array.isArray(j.phases) || typeof j.commit !== 'string') {
      return 'not a bench:before result (version 1)';
    }
    return j as BeforeJson;
  } catch (err) {
    return `unreadable: ${String(err)}`;
  }
}

/** The before column: `bench:before`'s measurement when there is one, else the issue's own figures. */
export function beforePhases(file: string): { phases: CpuPhase[]; source: string; problem?: string } {
  if (!existsSync(file)) return { phases: ISSUE_BEFORE.phases, source: ISSUE_BEFORE.source };
  const b = parseBefore(readFileSync(file, 'utf8'));
  if (typeof b === 'string') {
    return { phases: ISSUE_BEFORE.phases, source: ISSUE_BEFORE.source, problem: `${file}: ${b}` };
  }
  return {
    phases: b.phases,
    source: `npm run bench:before, commit ${b.commit.slice(0, 7)} on Node ${b.node}, ${b.measuredAt.slice(0, 16)}Z, load ${b.loadavgAtStart.join(' ')}`,
  };
}
