import type { CpuShare } from './cpu';
import type { ClosedLoopResult, OpenLoopResult } from './load';
import type { BenchOptions } from './options';
import type { PgbenchResult } from './pgbench';
import { round } from './stats';
import { verdict, type Target } from './report';

/** One measured path: the saturation sweep, then a fixed-rate run at half of it. */
export interface PathResult {
  path: string;
  available: boolean;
  note?: string;
  sweep: ClosedLoopResult[];
  saturation: { throughput: number; concurrency: number } | null;
  half: OpenLoopResult | null;
  cpuMsPerRequest?: CpuShare;
  /** Share of all CPUs of the machine that were busy during the fixed-rate run, %. */
  machineBusyPct?: number;
  /** Kafka messages the measured land instance handled ÷ requests answered, % (gateway paths). */
  landSharePct?: number;
}

export interface HopResult {
  path: string;
  c1p50: number | null;
  c1p99: number | null;
  c8throughput: number | null;
  /** CPU per request during the c=8 run. */
  cpuMsPerRequest?: CpuShare;
  machineBusyPct?: number;
  landSharePct?: number;
}

export interface AppFootprint {
  name: string;
  pid: number;
  source: string;
  rssRestMb: number;
  rssLoadMaxMb: number;
  rssEndMb: number;
}

export interface PgbenchMode {
  sweep: PgbenchResult[];
  /** The longer run at the concurrency of the gateway's saturation in the same CoFo mode. */
  atRatio: PgbenchResult | null;
}

/** CPU per request of one comparable phase (same path, fixed load), for the before/after table. */
export interface CpuPhase {
  /** Stable key shared by this run and `bench:before`: file-spread, file-one-cofo, case-get, cofo-get. */
  key: CpuPhaseKey;
  path: string;
  /** Offered rate of a fixed-rate run (requests a second)... */
  ratePerSec?: number;
  /** ... or the concurrency of a closed loop. */
  concurrency?: number;
  cpuMsPerRequest: CpuShare;
  machineBusyPct?: number;
  /** Kafka messages the measured land instance handled ÷ requests answered, %. */
  landSharePct?: number;
  p50?: number;
  p99?: number;
}

export const CPU_PHASES = ['file-spread', 'file-one-cofo', 'case-get', 'cofo-get'] as const;
export type CpuPhaseKey = (typeof CPU_PHASES)[number];

export const CPU_PHASE_TITLES: Record<CpuPhaseKey, string> = {
  'file-spread': 'filing, a CoFo per writer',
  'file-one-cofo': 'filing, one CoFo',
  'case-get': 'GET /api/v1/cases/{id}',
  'cofo-get': 'GET /api/v1/cofos/{code}',
};

/** What `npm run bench:before` writes (bench/results/before.json): the same phases on commit 85ba6c2. */
export interface BeforeJson {
  version: 1;
  commit: string;
  measuredAt: string;
  node: string;
  loadavgAtStart: number[];
  phases: CpuPhase[];
  notes: string[];
}

export interface BenchJson {
  version: 2;
  startedAt: string;
  finishedAt?: string;
  machine: Record<string, unknown>;
  options: BenchOptions;
  /** Gateway filing, a CoFo per writer ÷ pgbench with a CoFo per client, same concurrency. */
  ratioToPgbench: number | null;
  ratioConcurrency: number | null;
  ratioBasis: string;
  /** The same with every filing in SEG01, for pgbench too, at the one-CoFo path's own saturation c. */
  ratioToPgbenchOneCofo: number | null;
  ratioConcurrencyOneCofo: number | null;
  /** Direct filing (a CoFo per writer) ÷ pgbench spread, at `ratioConcurrency`. */
  ratioToPgbenchDirect: number | null;
  gatewayRoutes: { post: boolean; get: boolean; list: boolean };
  /** How many CoFos (and secretaries) of its own the run files in. */
  benchCofos: number;
  pgbench: { oneCofo: PgbenchMode; spread: PgbenchMode };
  write: { gatewaySpread: PathResult; gatewayOneCofo: PathResult; directSpread: PathResult };
  read: { gatewayGet: PathResult; gatewayList: PathResult; directGet: PathResult };
  hops: HopResult[];
  /** This run's CPU per request, and the same phases before this issue's changes. */
  cpu: { after: CpuPhase[]; before: CpuPhase[]; beforeSource: string };
  footprint: {
    apps: AppFootprint[];
    landStartupMs: number | null;
    stackStartup: { downMs: number; upMs: number } | null;
  };
  /** `bench/transport.ts` (echo request-reply of two Kafka clients), run as a step when present. */
  transport: { ran: boolean; exitCode: number | null; seconds: number | null; output: string } | null;
  /** `bench/<service>.ts` of the other services: main write and read through the gateway. */
  services: { service: string; figures: Record<string, number> | null; problem?: string }[];
  targets: (Target & { verdict: string; from: string })[];
  notes: string[];
}

/**
 * Figures of issue 8 ("What we measured", commit 85ba6c2, one run on this machine, Node 20): CPU per
 * filing through the gateway, in one CoFo (the old bench's write path). Used as the before column when
 * `npm run bench:before` has not been run here.
 */
export const ISSUE_BEFORE: { source: string; phases: CpuPhase[] } = {
  source: 'issue 8 figures (85ba6c2, Node 20; not re-measured here: run npm run bench:before)',
  phases: [
    {
      key: 'file-one-cofo',
      path: 'gateway POST /api/v1/cases (issue 8, at half of its saturation)',
      cpuMsPerRequest: { gateway: 5.6, land: 5.3, kafka: 4.7, postgres: 3.1 },
    },
  ],
};

/** Pure: how a phase was loaded, for tables. */
export function loadOf(p: Pick<CpuPhase, 'ratePerSec' | 'concurrency'>): string {
  if (p.ratePerSec !== undefined) return `${p.ratePerSec} req/s`;
  if (p.concurrency !== undefined) return `c=${p.concurrency}`;
  return '-';
}

/** Pure: the issue's targets, and the earlier ones still printed, from a run's figures. */
export function computeTargets(r: BenchJson): (Target & { verdict: string; from: string })[] {
  const out: (Target & { from: string })[] = [];
  const gwGet = r.read.gatewayGet.saturation?.throughput;
  const dGet = r.read.directGet.saturation?.throughput;
  out.push({
    from: 'issue 8',
    name: 'gateway reads >= 50 % of the in-process read throughput (GET case by id, same run)',
    value: gwGet !== undefined && dGet !== undefined && dGet > 0 ? round((gwGet * 100) / dGet) : null,
    unit: '%',
    limit: 50,
    kind: 'min',
    note:
      gwGet !== undefined && dGet !== undefined
        ? `${gwGet} req/s through the gateway vs ${dGet} req/s in-process (direct)`
        : 'needs both the gateway and the direct read',
  });
  const rt = r.hops.find((h) => h.path.startsWith('gateway GET /api/v1/cofos/'));
  out.push({
    from: 'issue 8',
    name: 'Kafka round trip GET /api/v1/cofos/{code} at c=1: p50 <= 3 ms',
    value: rt?.c1p50 ?? null,
    unit: 'ms',
    limit: 3,
    kind: 'max',
    note: rt ? `p99 ${rt.c1p99 ?? '-'} ms` : 'not measured',
  });
  const paths = [
    r.write.gatewaySpread,
    r.write.gatewayOneCofo,
    r.read.gatewayGet,
    r.read.gatewayList,
    r.write.directSpread,
    r.read.directGet,
  ];
  for (const p of paths) {
    out.push({
      from: 'issue 8',
      name: `p99 <= 50 ms at half of saturation: ${p.path}`,
      value: p.half?.latency.p99 ?? null,
      unit: 'ms',
      limit: 50,
      kind: 'max',
      note: p.half ? `at ${p.half.targetRate} req/s` : (p.note ?? 'not measured'),
    });
  }
  const pg = r.pgbench.spread.atRatio;
  const gw = r.write.gatewaySpread.sweep.find((s) => s.concurrency === r.ratioConcurrency)?.throughput;
  out.push({
    from: 'issue 8',
    name: 'filing through the gateway >= 25 % of pgbench spread over CoFos (same -c)',
    value: r.ratioToPgbench === null ? null : round(r.ratioToPgbench * 100),
    unit: '%',
    limit: 25,
    kind: 'min',
    note:
      gw !== undefined && pg
        ? `${gw} req/s vs ${round(pg.tps)} tps at c=${r.ratioConcurrency}`
        : 'gateway write path or pgbench not measured',
  });
  for (const a of r.footprint.apps.filter((x) => x.rssRestMb > 0)) {
    out.push({
      from: 'earlier',
      name: `RSS at rest <= 150 MB: ${a.name}`,
      value: a.rssRestMb,
      unit: 'MB',
      limit: 150,
      kind: 'max',
    });
  }
  return out.map((t) => ({ ...t, verdict: verdict(t) }));
}
