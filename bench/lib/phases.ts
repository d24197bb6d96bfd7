import { existsSync, readFileSync } from 'node:fs';
import type { CpuMeter, CpuShare } from './cpu';
import { closedLoop, openLoop, type ClosedLoopResult, type OpenLoopResult, type Send } from './load';
import { ISSUE_BEFORE, type BeforeJson, type CpuPhase } from './results';
import { round } from './stats';

/**
 * Kafka messages a service instance has handled so far (`prosmed_messages_handled_total` of its
 * /metrics), or `undefined` when it does not say. Other instances in the same consumer group (other
 * users' tests on a shared machine) take a share of the requests: this tells how much the measured
 * instance really served, so that its CPU column is read for what it is.
 */
export async function messagesHandled(port: number | undefined): Promise<number | undefined> {
  if (!port) return undefined;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3000) });
    const text = await res.text();
    let n: number | undefined;
    for (const m of text.matchAll(/^prosmed_messages_handled_total\{[^}]*\} (\d+)/gm))
      n = (n ?? 0) + Number(m[1]);
    return n;
  } catch {
    return undefined;
  }
}

export interface CpuRun {
  cpu: CpuShare;
  busyPct: number;
  /** Messages the measured land instance handled ÷ requests answered, % (100 when it served them all). */
  landSharePct?: number;
}

async function measured<R extends { ok: number }>(
  meter: CpuMeter,
  landPort: number | undefined,
  load: () => Promise<R>,
): Promise<CpuRun & { run: R }> {
  const h0 = await messagesHandled(landPort);
  await meter.start();
  const run = await load();
  const out: CpuRun & { run: R } = { run, cpu: meter.perRequest(run.ok), busyPct: meter.busyPct() };
  const h1 = await messagesHandled(landPort);
  if (h0 !== undefined && h1 !== undefined && run.ok > 0) {
    out.landSharePct = round(((h1 - h0) * 100) / run.ok);
    out.cpu = landPerMessage(out.cpu, h1 - h0, run.ok);
  }
  return out;
}

/** Below this share of the requests, the land instance's CPU is mostly its idle cost: not a figure. */
export const MIN_LAND_SHARE = 0.2;

/**
 * Pure: the land instance's CPU per Kafka message it handled rather than per request answered. Other
 * land instances in its consumer group (other users' tests on a shared broker) take some of the
 * requests, and other callers send it messages of their own: per message handled, its figure is the
 * cost of one request whoever sent it. `null` (not measured) when it handled too few to tell.
 */
export function landPerMessage(cpu: CpuShare, handled: number, answered: number): CpuShare {
  const land = cpu.land;
  if (land === undefined || handled === answered) return cpu;
  if (handled < answered * MIN_LAND_SHARE) {
    const out = { ...cpu };
    delete out.land;
    return out;
  }
  return { ...cpu, land: round((land * answered) / handled) };
}

/**
 * A fixed-rate (open-loop) run with the CPU of each process charged to its successful requests.
 * `landPort`: the land instance whose share of the Kafka requests to count (none for direct paths).
 */
export function fixedRateWithCpu(
  meter: CpuMeter,
  ratePerSec: number,
  seconds: number,
  send: Send,
  landPort?: number,
): Promise<CpuRun & { run: OpenLoopResult }> {
  return measured(meter, landPort, () => openLoop({ ratePerSec, durationMs: seconds * 1000, send }));
}

/** A closed-loop run with the same CPU split (for the hops, which have no fixed-rate run). */
export async function closedLoopWithCpu(
  meter: CpuMeter,
  concurrency: number,
  seconds: number,
  send: Send,
  landPort?: number,
): Promise<CpuRun & { run: ClosedLoopResult }> {
  // Warm-up outside the measured window, so the CPU and the requests cover the same seconds.
  await closedLoop({ concurrency, warmupMs: 0, durationMs: 500, send });
  return measured(meter, landPort, () =>
    closedLoop({ concurrency, warmupMs: 0, durationMs: seconds * 1000, send }),
  );
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
