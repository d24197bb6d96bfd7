import { readFileSync } from 'node:fs';
import { cpuSeconds, cpuTimes } from './stack';
import { round } from './stats';

/** CPU milliseconds per successful request, by process name. */
export interface CpuShare {
  [process: string]: number;
}

/** The processes a measurement charges, by display name (one name may have several pids). */
export type PidMap = Map<string, number[]>;

/**
 * CPU of the processes that serve a request, from /proc/<pid>/stat deltas, to split a phase's cost
 * between them. Per pid, and only pids alive at both readings count (a PostgreSQL backend that came or
 * went in between is left out). The load generator (this process) is charged as `bench (load generator)`.
 */
export class CpuMeter {
  private before = new Map<string, Map<number, number>>();
  private selfBefore = 0;
  private machineBefore = cpuTimes();
  constructor(private readonly pids: () => PidMap) {}

  private read(): Map<string, Map<number, number>> {
    const out = new Map<string, Map<number, number>>();
    for (const [name, list] of this.pids()) {
      out.set(
        name,
        new Map(list.map((pid) => [pid, cpuSeconds(pid)] as const).filter(([, v]) => Number.isFinite(v))),
      );
    }
    return out;
  }

  private self(): number {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }

  start(): void {
    this.before = this.read();
    this.selfBefore = this.self();
    this.machineBefore = cpuTimes();
  }

  /** Busy share of the whole machine since `start()`, %. */
  busyPct(): number {
    const now = cpuTimes();
    const total = now.total - this.machineBefore.total;
    return total > 0 ? round(((now.busy - this.machineBefore.busy) * 100) / total) : NaN;
  }

  /** CPU ms per request since `start()`, by process name. */
  perRequest(requests: number): CpuShare {
    const share: CpuShare = {};
    if (requests === 0) return share;
    for (const [name, now] of this.read()) {
      const then = this.before.get(name);
      if (!then) continue;
      let sec = 0;
      for (const [pid, v] of now) if (then.has(pid)) sec += v - then.get(pid)!;
      share[name] = round((sec * 1000) / requests);
    }
    share[LOAD_GENERATOR] = round(((this.self() - this.selfBefore) * 1000) / requests);
    return share;
  }
}

export const LOAD_GENERATOR = 'bench (load generator)';

/** The order processes are printed in (others after, by name). */
export const PROCESS_ORDER = [
  'gateway',
  'land',
  'land (direct)',
  'kafka',
  'postgres',
  'keycloak',
  LOAD_GENERATOR,
] as const;

/** Pure: the process names of several shares, in `PROCESS_ORDER` then by name. */
export function processColumns(shares: readonly (CpuShare | undefined)[]): string[] {
  const names = new Set(shares.flatMap((s) => Object.keys(s ?? {})));
  const known = PROCESS_ORDER.filter((n) => names.has(n));
  const rest = [...names].filter((n) => !(PROCESS_ORDER as readonly string[]).includes(n)).sort();
  return [...known, ...rest];
}

/** Children of the PostgreSQL postmaster (the backends and background workers), and itself. */
export function postgresPids(postmaster: number | undefined): number[] {
  if (!postmaster) return [];
  try {
    return readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .concat(postmaster);
  } catch {
    return [postmaster];
  }
}
