import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { Client } from 'pg';
import type { PostgresConfig } from '@prosmed/config';
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
  /**
   * `pids` is read at both ends of a measurement; `refresh`, when given, runs first at the start (to
   * look up, for instance, which PostgreSQL backends serve the measured apps right now).
   */
  constructor(
    private readonly pids: () => PidMap,
    private readonly refresh?: () => Promise<void>,
  ) {}

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

  async start(): Promise<void> {
    await this.refresh?.();
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
  'postgres (rest)',
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

/**
 * Pure: from /proc/net/tcp{,6} text, the local ports of the sockets (by inode) connected to
 * `remotePort`: the client side of a process's connections to PostgreSQL.
 */
export function clientPortsTo(netTcp: string, inodes: ReadonlySet<string>, remotePort: number): number[] {
  const out: number[] = [];
  for (const line of netTcp.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
    if (f.length < 10 || !inodes.has(f[9])) continue;
    const rem = parseInt(f[2].split(':').pop() ?? '', 16);
    if (rem === remotePort) out.push(parseInt(f[1].split(':').pop() ?? '', 16));
  }
  return out;
}

/** The local ports of the TCP connections that processes `pids` hold to `remotePort` (from /proc). */
export function tcpClientPorts(pids: readonly number[], remotePort: number): number[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]);
      } catch {
        /* closed in between */
      }
    }
  }
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) => {
    try {
      return clientPortsTo(readFileSync(f, 'utf8'), inodes, remotePort);
    } catch {
      return [];
    }
  });
}

/**
 * PostgreSQL's backends that serve the measured apps (their connection pools and the outbox listener):
 * the other backends (other users' tests, Keycloak) and PostgreSQL's background processes are charged
 * to `postgres (rest)`. Matched by the client port of each connection in `pg_stat_activity`.
 */
export async function postgresBackendsOf(pg: PostgresConfig, appPids: readonly number[]): Promise<number[]> {
  const ports = tcpClientPorts(appPids, pg.port);
  if (ports.length === 0) return [];
  const c = new Client({
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password || undefined,
    database: pg.database,
    application_name: 'prosmed-bench-meter',
  });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND pid <> pg_backend_pid()`,
      [ports],
    );
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
}

/**
 * Pure: PostgreSQL's processes in `pids`: the measured apps' backends as `postgres`, every other one
 * (other users' backends, the background writers) as `postgres (rest)`; all as `postgres` when the
 * apps' backends are unknown.
 */
export function setPostgres(pids: PidMap, all: readonly number[], ours: readonly number[] | undefined): void {
  if (!ours || ours.length === 0) {
    pids.set('postgres', [...all]);
    return;
  }
  pids.set('postgres', [...ours]);
  pids.set(
    'postgres (rest)',
    all.filter((p) => !ours.includes(p)),
  );
}
