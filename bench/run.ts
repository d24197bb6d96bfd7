/**
 * `npm run bench`: the platform's figures against PostgreSQL's own on this machine, in one run. See
 * bench/README.md for what each figure means. Loopback only; bounded in time (`--budget`, 9 min).
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPlatformConfig } from '@prosmed/config';
import { LoopbackClient } from './lib/http';
import { closedLoop, openLoop, type ClosedLoopResult, type OpenLoopResult, type Send } from './lib/load';
import { parseOptions, type BenchOptions } from './lib/options';
import { dropBenchSchema, runPgbench, setupBenchSchema, type PgbenchResult } from './lib/pgbench';
import { markdownTable, table, verdict, type Target } from './lib/report';
import {
  appProcesses,
  cpuSeconds,
  cpuTimes,
  distStale,
  environOf,
  httpStatus,
  portOf,
  pidListeningOn,
  RESULTS_DIR,
  runCommand,
  startNode,
  vmRssKb,
  waitFor,
  type StartedProcess,
} from './lib/stack';
import { round } from './lib/stats';
import { latencyChartSvg, type ChartPanel } from './lib/svg';
import { TokenSource } from './lib/token';

const say = (s = '') => process.stdout.write(`${s}\n`);
const BENCH_USER = 'secretaire.segou';
const BENCH_PASSWORD = 'prosmed';
const MB = (kb: number) => Math.round(kb / 102.4) / 10;

// ------------------------------------------------------------------------------------------ results

interface CpuShare {
  /** CPU milliseconds per successful request, by process. */
  [process: string]: number;
}

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
}

interface AppFootprint {
  name: string;
  pid: number;
  source: string;
  rssRestMb: number;
  rssLoadMaxMb: number;
  rssEndMb: number;
}

interface BenchJson {
  version: 1;
  startedAt: string;
  finishedAt?: string;
  machine: Record<string, unknown>;
  options: BenchOptions;
  ratioToPgbench: number | null;
  ratioConcurrency: number | null;
  ratioBasis: string;
  ratioToPgbenchDirect: number | null;
  gatewayRoutes: { post: boolean; get: boolean; list: boolean };
  pgbench: { sweep: PgbenchResult[]; atRatio: PgbenchResult | null };
  write: { gateway: PathResult; direct: PathResult };
  read: { gatewayGet: PathResult; gatewayList: PathResult; directGet: PathResult; directList: PathResult };
  hops: { path: string; c1p50: number | null; c1p99: number | null; c8throughput: number | null }[];
  footprint: {
    apps: AppFootprint[];
    landStartupMs: number | null;
    stackStartup: { downMs: number; upMs: number } | null;
  };
  targets: (Target & { verdict: string })[];
  notes: string[];
}

const emptyPath = (path: string, note?: string): PathResult => ({
  path,
  available: false,
  note,
  sweep: [],
  saturation: null,
  half: null,
});

// ------------------------------------------------------------------------------------------ helpers

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** A valid `FileCaseDto` for CoFo SEG01 (the secretary's own), three parties, filed ten days ago. */
export function filingBody(filedOn: string): string {
  return JSON.stringify({
    cofoCode: 'SEG01',
    filedOn,
    disputeType: 'limites-de-champs',
    summary: 'Désaccord sur la limite entre deux champs de mil',
    parties: [
      {
        kind: 'person',
        name: 'Aminata Traoré',
        sex: 'F',
        ageGroup: 'youth-15-35',
        role: 'demandeur',
        villageCode: 'ML-SEG-SEG-SEG',
      },
      { kind: 'person', name: 'Bakary Diarra', sex: 'M', ageGroup: 'adult-36-59', role: 'defendeur' },
      { kind: 'group', name: 'Famille Coulibaly', role: 'temoin', memberCount: 12 },
    ],
    land: {
      villageCode: 'ML-SEG-SEG-SEG',
      description: 'Champ de mil au nord du village',
      surfaceHa: 2.5,
      gps: { lat: 13.43, lon: -6.26 },
    },
  });
}

function machine(): Record<string, unknown> {
  const pgVersion = (() => {
    try {
      return readFileSync('/usr/share/postgresql-common/supported_versions', 'utf8').trim();
    } catch {
      return undefined;
    }
  })();
  return {
    nproc: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memTotalGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    memFreeGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadavgAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    postgresMajor: pgVersion,
  };
}

/**
 * CPU of the processes that serve a request, to split a run's cost between them. Per pid, and only pids
 * alive at both readings count (a PostgreSQL backend that came or went in between is left out).
 */
class CpuMeter {
  private before = new Map<string, Map<number, number>>();
  private selfBefore = 0;
  private machineBefore = cpuTimes();
  constructor(private readonly pids: () => Map<string, number[]>) {}

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
    share['bench (load generator)'] = round(((this.self() - this.selfBefore) * 1000) / requests);
    return share;
  }
}

/** Children of the PostgreSQL postmaster (the backends and background workers). */
function postgresPids(postmaster: number | undefined): number[] {
  if (!postmaster) return [];
  try {
    return (readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/) ?? [])
      .filter(Boolean)
      .map(Number)
      .concat(postmaster);
  } catch {
    return [postmaster];
  }
}

// ------------------------------------------------------------------------------------------ main

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const t0 = performance.now();
  const deadline = t0 + opts.budgetSeconds * 1000;
  const left = () => (deadline - performance.now()) / 1000;
  const cfg = loadPlatformConfig('prosmed-bench');
  const notes: string[] = [];
  const note = (s: string) => {
    notes.push(s);
    say(`  note: ${s}`);
  };
  const started: StartedProcess[] = [];
  let schemaCreated = false;
  const cleanup = async () => {
    for (const p of started.splice(0)) await p.stop().catch(() => undefined);
    if (schemaCreated) await dropBenchSchema(cfg.postgres).catch(() => undefined);
  };
  process.once('SIGINT', () => {
    say('\ninterrupted: stopping what the bench started...');
    void cleanup().finally(() => process.exit(130));
  });

  const m = machine();
  say(
    `prosmed bench: ${m.nproc} CPU (${String(m.cpuModel)}), ${String(m.memTotalGiB)} GiB, node ${process.version}`,
  );
  say(`load average at start: ${(m.loadavgAtStart as number[]).join(' ')}`);
  if ((m.loadavgAtStart as number[])[0] > 0.5 * cpus().length) {
    note(
      `the machine was already busy at start (load ${(m.loadavgAtStart as number[])[0]}): figures are lower than on an idle machine`,
    );
  }

  // ---------------------------------------------------------------- stack and apps
  const gatewayPort = portOf('gateway');
  const gw = `http://127.0.0.1:${gatewayPort}`;
  const rateLimitEnv = { RATE_LIMIT_MAX: '1000000000' };
  if ((await httpStatus(`${gw}/api/health`)) !== 200) {
    say(
      'The gateway does not answer: starting the stack and the apps (npx tsx deploy/local/cli.ts start)...',
    );
    const r = await runCommand('npx', ['tsx', 'deploy/local/cli.ts', 'start'], rateLimitEnv);
    if (r.code !== 0) throw new Error('the stack runner failed (see above)');
  } else {
    say('Reusing the running apps (the gateway answers /api/health).');
  }
  const directSources = [
    'apps/land-conciliation/src/direct/direct.module.ts',
    'apps/land-conciliation/src/app.module.ts',
  ];
  if (opts.direct && distStale(directSources)) {
    say('dist/ is older than the sources of the direct route: npm run build...');
    const r = await runCommand('npm', ['run', 'build']);
    if (r.code !== 0) throw new Error('npm run build failed');
  }
  const apps = appProcesses().filter((a) => a.name === 'gateway' || a.name === 'land-conciliation');
  const landApp = apps.find((a) => a.name === 'land-conciliation');
  const landPort = landApp?.port ?? portOf('land-conciliation');
  const landReady = await waitFor(
    async () => (await httpStatus(`http://127.0.0.1:${landPort}/ready`)) === 200,
    60_000,
  );
  if (!landReady)
    note(`land-conciliation is not ready on :${landPort}: requests through the gateway will fail`);
  say(
    `apps: ${apps.map((a) => `${a.name} pid ${a.pid} :${a.port} (${a.source})`).join(', ') || 'none found'}`,
  );
  const pidOf = (name: string) => apps.find((a) => a.name === name)?.pid;
  const gatewayPid = pidOf('gateway');
  if (gatewayPid) {
    const env = environOf(gatewayPid);
    const limit = Number(env?.RATE_LIMIT_MAX ?? 600);
    if (env && limit < 1_000_000) {
      note(
        `the running gateway limits a caller to ${limit} requests a minute (RATE_LIMIT_MAX): its 429s count as errors; restart it with RATE_LIMIT_MAX=1000000000 (npm run stop; RATE_LIMIT_MAX=1000000000 npm start)`,
      );
    }
  }
  const rest: Record<string, number> = {};
  const loadMax: Record<string, number> = {};
  for (const a of apps) rest[a.name] = vmRssKb(a.pid);
  const rssTimer = setInterval(() => {
    for (const a of apps) loadMax[a.name] = Math.max(loadMax[a.name] ?? 0, vmRssKb(a.pid));
  }, 500);
  rssTimer.unref();

  const postmaster = pidListeningOn(cfg.postgres.port);
  const kafkaPid = pidListeningOn(Number(cfg.kafka.brokers[0]?.split(':')[1] ?? 9092));
  let directPid: number | undefined;
  const meter = new CpuMeter(() => {
    const m = new Map<string, number[]>();
    if (gatewayPid) m.set('gateway', [gatewayPid]);
    const land = pidOf('land-conciliation');
    if (land) m.set('land', [land]);
    if (directPid) m.set('land (direct)', [directPid]);
    if (kafkaPid) m.set('kafka', [kafkaPid]);
    m.set('postgres', postgresPids(postmaster));
    return m;
  });

  // ---------------------------------------------------------------- token, routes
  const tokens = new TokenSource({
    issuer: cfg.keycloak.issuer,
    clientId: cfg.keycloak.serviceClientId,
    clientSecret: cfg.keycloak.serviceClientSecret,
    username: BENCH_USER,
    password: BENCH_PASSWORD,
  });
  await tokens.start();
  const routes = await gatewayRoutes(gw);
  say(
    `gateway routes: POST /api/v1/cases ${routes.post ? 'present' : 'ABSENT'}, GET /api/v1/cases/{id} ${routes.get ? 'present' : 'ABSENT'}, GET /api/v1/cases ${routes.list ? 'present' : 'ABSENT'}`,
  );
  if (!routes.post) {
    note(
      'the gateway has no POST /api/v1/cases yet: the end-to-end write path is NOT MEASURED and ratioToPgbench is null',
    );
  }

  const filedOn = daysAgo(10);
  const year = Number(filedOn.slice(0, 4));
  const body = filingBody(filedOn);
  const client = new LoopbackClient(gw);
  const auth = () => ({ authorization: `Bearer ${tokens.current}` });
  const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json' };
  let lastCaseId: string | undefined;
  const rememberId = (status: number, text: string) => {
    if (status === 201 && !lastCaseId) lastCaseId = (JSON.parse(text) as { id?: string }).id;
  };
  const gatewayPost: Send = async () => {
    const r = await client.send(
      'POST',
      '/api/v1/cases',
      { ...jsonHeaders, ...auth(), 'idempotency-key': `bench-${randomUUID()}` },
      body,
      !lastCaseId,
    );
    rememberId(r.status, r.body);
    return r.status;
  };
  const gatewayGet =
    (path: string): Send =>
    async () =>
      (await client.send('GET', path, { accept: 'application/json', ...auth() }, undefined, false)).status;

  const result: BenchJson = {
    version: 1,
    startedAt: new Date().toISOString(),
    machine: m,
    options: opts,
    ratioToPgbench: null,
    ratioConcurrency: null,
    ratioBasis: 'gateway POST /api/v1/cases ÷ pgbench file-case.sql, same -c',
    ratioToPgbenchDirect: null,
    gatewayRoutes: routes,
    pgbench: { sweep: [], atRatio: null },
    write: {
      gateway: emptyPath(
        'gateway POST /api/v1/cases',
        routes.post ? undefined : 'route absent from the gateway',
      ),
      direct: emptyPath('direct POST /direct/cases', opts.direct ? undefined : '--no-direct'),
    },
    read: {
      gatewayGet: emptyPath(
        'gateway GET /api/v1/cases/{id}',
        routes.get ? undefined : 'route absent from the gateway',
      ),
      gatewayList: emptyPath(
        'gateway GET /api/v1/cases?limit=50&cofoCode=SEG01',
        routes.list ? undefined : 'route absent from the gateway',
      ),
      directGet: emptyPath('direct GET /direct/cases/{id}', opts.direct ? undefined : '--no-direct'),
      directList: emptyPath(
        'direct GET /direct/cases?limit=50&cofoCode=SEG01',
        opts.direct ? undefined : '--no-direct',
      ),
    },
    hops: [],
    footprint: { apps: [], landStartupMs: null, stackStartup: null },
    targets: [],
    notes,
  };

  /** Saturation sweep then the fixed-rate run at half of it; stops early on a plateau or the budget. */
  const measurePath = async (r: PathResult, send: Send): Promise<void> => {
    r.available = true;
    say(`\n== ${r.path}`);
    let best = 0;
    let flat = 0;
    for (const c of opts.levels) {
      if (left() < opts.levelSeconds + opts.openSeconds + 20) {
        note(`${r.path}: sweep stopped at c=${c} (time budget)`);
        break;
      }
      const res = await closedLoop({
        concurrency: c,
        warmupMs: opts.warmupSeconds * 1000,
        durationMs: opts.levelSeconds * 1000,
        send,
      });
      r.sweep.push(res);
      const errs = Object.entries(res.errors)
        .map(([k, v]) => `${k}:${v}`)
        .join(' ');
      say(
        `  c=${String(c).padStart(2)}  ${String(res.throughput).padStart(7)} req/s  p50 ${res.latency.p50} ms  p99 ${res.latency.p99} ms${errs ? `  errors ${errs}` : ''}`,
      );
      if (res.ok === 0) break;
      if (res.throughput > best * 1.05) {
        best = res.throughput;
        flat = 0;
      } else if (++flat >= 2) break;
    }
    const top = r.sweep.reduce<ClosedLoopResult | undefined>(
      (a, b) => (!a || b.throughput > a.throughput ? b : a),
      undefined,
    );
    if (!top || top.ok === 0) {
      r.note = 'no successful request';
      return;
    }
    r.saturation = { throughput: top.throughput, concurrency: top.concurrency };
    const rate = Math.max(1, round(top.throughput / 2));
    if (left() < opts.openSeconds + 15) {
      note(`${r.path}: fixed-rate run skipped (time budget)`);
      return;
    }
    meter.start();
    r.half = await openLoop({ ratePerSec: rate, durationMs: opts.openSeconds * 1000, send });
    r.cpuMsPerRequest = meter.perRequest(r.half.ok);
    r.machineBusyPct = meter.busyPct();
    const errs = Object.entries(r.half.errors)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ');
    say(
      `  fixed ${rate} req/s: p50 ${r.half.latency.p50} ms  p95 ${r.half.latency.p95} ms  p99 ${r.half.latency.p99} ms${errs ? `  errors ${errs}` : ''}`,
    );
    say(
      `  machine busy ${r.machineBusyPct} %; CPU ms per request: ${Object.entries(r.cpuMsPerRequest)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  };

  try {
    // ---------------------------------------------------------------- direct (no Kafka)
    if (opts.direct) {
      say(`\nStarting a land instance with LAND_DIRECT_HTTP=true on 127.0.0.1:${opts.directPort}...`);
      const direct = await startNode({
        entry: 'dist/apps/land-conciliation/src/main.js',
        env: { LAND_DIRECT_HTTP: 'true', LAND_PORT: String(opts.directPort), LOG_LEVEL: 'warn' },
        readyUrl: `http://127.0.0.1:${opts.directPort}/ready`,
        logFile: join(RESULTS_DIR, 'land-direct.log'),
      });
      started.push(direct);
      directPid = direct.pid;
      result.footprint.landStartupMs = Math.round(direct.readyMs);
      say(`  ready in ${(direct.readyMs / 1000).toFixed(1)} s (pid ${direct.pid})`);
      const dc = new LoopbackClient(`http://127.0.0.1:${opts.directPort}`);
      const probe = await dc.send('POST', '/direct/cases', jsonHeaders, body);
      if (probe.status !== 201) {
        note(`direct POST answered ${probe.status}: ${probe.body.slice(0, 300)}`);
      } else {
        lastCaseId ??= (JSON.parse(probe.body) as { id: string }).id;
        await measurePath(
          result.write.direct,
          async () => (await dc.send('POST', '/direct/cases', jsonHeaders, body, false)).status,
        );
        const id = lastCaseId;
        await measurePath(
          result.read.directGet,
          async () => (await dc.send('GET', `/direct/cases/${id}`, {}, undefined, false)).status,
        );
        await measurePath(
          result.read.directList,
          async () =>
            (await dc.send('GET', '/direct/cases?limit=50&cofoCode=SEG01', {}, undefined, false)).status,
        );
      }
      dc.close();
      result.footprint.apps.push({
        name: 'land-conciliation (direct instance)',
        pid: direct.pid,
        source: 'bench',
        rssRestMb: 0,
        rssLoadMaxMb: MB(vmRssKb(direct.pid)),
        rssEndMb: MB(vmRssKb(direct.pid)),
      });
      // It shares the land consumer group: stop it, then let the main instance own every partition again.
      await direct.stop();
      started.splice(started.indexOf(direct), 1);
      directPid = undefined;
      await waitFor(async () => (await gatewayGet('/api/v1/cofos/SEG01')()) === 200, 30_000, 500);
    }

    // ---------------------------------------------------------------- gateway
    if (routes.post) {
      const first = await client.send(
        'POST',
        '/api/v1/cases',
        { ...jsonHeaders, ...auth(), 'idempotency-key': `bench-${randomUUID()}` },
        body,
      );
      if (first.status !== 201) {
        note(`gateway POST /api/v1/cases answered ${first.status}: ${first.body.slice(0, 300)}`);
      } else {
        lastCaseId ??= (JSON.parse(first.body) as { id: string }).id;
        await measurePath(result.write.gateway, gatewayPost);
      }
    }
    if (routes.get && lastCaseId)
      await measurePath(result.read.gatewayGet, gatewayGet(`/api/v1/cases/${lastCaseId}`));
    else if (routes.get) result.read.gatewayGet.note = 'no case id to read (no filing succeeded)';
    if (routes.list)
      await measurePath(result.read.gatewayList, gatewayGet('/api/v1/cases?limit=50&cofoCode=SEG01'));

    // ---------------------------------------------------------------- hops that need no new route
    say('\n== hops');
    const hopRun = async (path: string, send: Send) => {
      if (left() < 15) return;
      const c1 = await closedLoop({ concurrency: 1, warmupMs: 500, durationMs: 3000, send });
      const c8 = await closedLoop({ concurrency: 8, warmupMs: 500, durationMs: 3000, send });
      result.hops.push({ path, c1p50: c1.latency.p50, c1p99: c1.latency.p99, c8throughput: c8.throughput });
      say(`  ${path}: c=1 p50 ${c1.latency.p50} ms p99 ${c1.latency.p99} ms; c=8 ${c8.throughput} req/s`);
    };
    await hopRun('gateway GET /api/v1/me (HTTP + token check, no Kafka)', gatewayGet('/api/v1/me'));
    await hopRun(
      'gateway GET /api/v1/cofos/SEG01 (HTTP + token + Kafka round trip + 1-row read)',
      gatewayGet('/api/v1/cofos/SEG01'),
    );

    // ---------------------------------------------------------------- pgbench
    say('\n== pgbench (schema bench, bench/pgbench/file-case.sql)');
    const drift = await setupBenchSchema(cfg.postgres);
    schemaCreated = true;
    for (const d of drift) note(`bench DDL differs from the platform's: ${d}`);
    const basis = result.write.gateway.saturation ?? result.write.direct.saturation;
    const ratioC = basis?.concurrency ?? 8;
    for (const c of opts.levels) {
      if (c === ratioC || left() < opts.pgbenchSweepSeconds + opts.pgbenchSeconds + 10) continue;
      const r = await runPgbench(cfg.postgres, {
        clients: c,
        seconds: opts.pgbenchSweepSeconds,
        year,
        filedOn,
      });
      result.pgbench.sweep.push(r);
      say(
        `  -c ${String(c).padStart(2)} -T ${r.seconds}: ${round(r.tps)} tps, latency avg ${r.latencyAvgMs} ms`,
      );
    }
    const at = await runPgbench(cfg.postgres, {
      clients: ratioC,
      seconds: opts.pgbenchSeconds,
      year,
      filedOn,
    });
    result.pgbench.atRatio = at;
    result.pgbench.sweep.push(at);
    result.pgbench.sweep.sort((a, b) => a.clients - b.clients);
    say(
      `  -c ${String(ratioC).padStart(2)} -T ${at.seconds}: ${round(at.tps)} tps, latency avg ${at.latencyAvgMs} ms  (ratio basis)`,
    );
    result.ratioConcurrency = ratioC;
    const tpsAt = (p: PathResult) => p.sweep.find((s) => s.concurrency === ratioC)?.throughput;
    const gwTps = tpsAt(result.write.gateway);
    const dTps = tpsAt(result.write.direct);
    result.ratioToPgbench = gwTps !== undefined ? round(gwTps / at.tps) : null;
    result.ratioToPgbenchDirect = dTps !== undefined ? round(dTps / at.tps) : null;

    // ---------------------------------------------------------------- footprint
    clearInterval(rssTimer);
    for (const a of apps) {
      result.footprint.apps.push({
        name: a.name,
        pid: a.pid,
        source: a.source,
        rssRestMb: MB(rest[a.name] ?? 0),
        rssLoadMaxMb: MB(loadMax[a.name] ?? 0),
        rssEndMb: MB(vmRssKb(a.pid)),
      });
    }
    if (opts.startup) result.footprint.stackStartup = await stackStartup(notes);
  } finally {
    clearInterval(rssTimer);
    tokens.stop();
    client.close();
    await cleanup();
  }

  // ---------------------------------------------------------------- targets and output
  const writeTput = result.write.gateway.saturation?.throughput ?? null;
  const pgAtSat = result.pgbench.atRatio?.tps ?? null;
  const p99s = [result.write.gateway, result.read.gatewayGet, result.read.gatewayList]
    .filter((p) => p.half)
    .map((p) => ({ path: p.path, p99: p.half!.latency.p99 }));
  result.targets = [
    {
      name: 'write throughput >= 25 % of pgbench (same transaction, same -c)',
      value: result.ratioToPgbench === null ? null : round(result.ratioToPgbench * 100),
      unit: '%',
      limit: 25,
      kind: 'min' as const,
      note:
        writeTput !== null && pgAtSat !== null
          ? `${writeTput} req/s vs ${round(pgAtSat)} tps at c=${ratioLevel(result)}`
          : 'gateway write path not measured',
    },
    ...(p99s.length > 0
      ? p99s.map((p) => ({
          name: `p99 <= 50 ms at half of saturation: ${p.path}`,
          value: p.p99,
          unit: 'ms',
          limit: 50,
          kind: 'max' as const,
        }))
      : [
          {
            name: 'p99 <= 50 ms at half of saturation (gateway)',
            value: null,
            unit: 'ms',
            limit: 50,
            kind: 'max' as const,
          },
        ]),
    ...result.footprint.apps
      .filter((a) => a.rssRestMb > 0)
      .map((a) => ({
        name: `RSS at rest <= 150 MB: ${a.name}`,
        value: a.rssRestMb,
        unit: 'MB',
        limit: 150,
        kind: 'max' as const,
      })),
  ].map((t) => ({ ...t, verdict: verdict(t) }));
  result.finishedAt = new Date().toISOString();

  const text = renderText(result);
  say(`\n${text}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const latest = join(RESULTS_DIR, 'latest.json');
  writeFileSync(latest, `${JSON.stringify(result, null, 2)}\n`);
  copyFileSync(latest, join(RESULTS_DIR, `${result.startedAt.replace(/[:.]/g, '-')}.json`));
  writeFileSync(join(RESULTS_DIR, 'latest.md'), renderMarkdown(result));
  writeFileSync(join(RESULTS_DIR, 'latency.svg'), chart(result));
  say(
    `\nwritten: bench/results/latest.json (and a timestamped copy), latest.md, latency.svg in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  return 0;
}

const ratioLevel = (r: BenchJson) => r.ratioConcurrency ?? '-';

async function gatewayRoutes(gw: string): Promise<{ post: boolean; get: boolean; list: boolean }> {
  try {
    const res = await fetch(`${gw}/api/docs-json`, { signal: AbortSignal.timeout(5000) });
    const doc = (await res.json()) as { paths?: Record<string, Record<string, unknown>> };
    const paths = doc.paths ?? {};
    const one = Object.entries(paths).find(([p]) => /^\/api\/v1\/cases\/\{[^}]+\}$/.test(p));
    return { post: !!paths['/api/v1/cases']?.post, get: !!one?.[1].get, list: !!paths['/api/v1/cases']?.get };
  } catch {
    return { post: false, get: false, list: false };
  }
}

/** `stack down` then `stack up`, timed: stops Kafka and Keycloak for every user of this machine. */
async function stackStartup(notes: string[]): Promise<{ downMs: number; upMs: number } | null> {
  say('\n== stack warm start-up (--startup): stack down, then stack up');
  const down = await runCommand('npx', ['tsx', 'deploy/local/cli.ts', 'down']);
  const up = await runCommand('npx', ['tsx', 'deploy/local/cli.ts', 'up']);
  if (down.code !== 0 || up.code !== 0) {
    notes.push('stack down/up failed: start-up time not measured');
    return null;
  }
  return { downMs: Math.round(down.ms), upMs: Math.round(up.ms) };
}

// ------------------------------------------------------------------------------------------ rendering

function pathRows(paths: PathResult[]): (string | number | null)[][] {
  return paths.map((p) => {
    if (!p.available) return [p.path, null, null, null, null, null, null, `NOT MEASURED: ${p.note ?? ''}`];
    const h = p.half;
    const errs = h ? Object.values(h.errors).reduce((a, b) => a + b, 0) : 0;
    return [
      p.path,
      p.saturation?.throughput ?? null,
      p.saturation?.concurrency ?? null,
      h?.targetRate ?? null,
      h?.latency.p50 ?? null,
      h?.latency.p95 ?? null,
      h?.latency.p99 ?? null,
      errs ? `${errs} errors` : (p.note ?? ''),
    ];
  });
}

const PATH_HEADERS = ['path', 'saturation req/s', 'at c', 'half rate', 'p50 ms', 'p95 ms', 'p99 ms', 'note'];

function sections(r: BenchJson): { title: string; headers: string[]; rows: (string | number | null)[][] }[] {
  const all = [
    r.write.gateway,
    r.write.direct,
    r.read.gatewayGet,
    r.read.gatewayList,
    r.read.directGet,
    r.read.directList,
  ];
  const levels = [
    ...new Set([
      ...all.flatMap((p) => p.sweep.map((s) => s.concurrency)),
      ...r.pgbench.sweep.map((s) => s.clients),
    ]),
  ].sort((a, b) => a - b);
  const cell = (p: PathResult, c: number) => {
    const s = p.sweep.find((x) => x.concurrency === c);
    return s ? `${s.throughput} (${s.latency.p50}/${s.latency.p99})` : null;
  };
  const pgCell = (c: number) => {
    const s = r.pgbench.sweep.find((x) => x.clients === c);
    return s ? `${round(s.tps)} (avg ${s.latencyAvgMs})` : null;
  };
  const cpuRows = all
    .filter((p) => p.cpuMsPerRequest)
    .map((p) => [
      p.path,
      p.machineBusyPct ?? null,
      Object.entries(p.cpuMsPerRequest!)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ]);
  return [
    { title: 'Saturation and latency at half of it', headers: PATH_HEADERS, rows: pathRows(all) },
    {
      title: 'Sweep: req/s (p50/p99 ms) by concurrency',
      headers: ['path', ...levels.map((c) => `c=${c}`)],
      rows: [
        ['pgbench file-case.sql (tps, avg ms)', ...levels.map(pgCell)],
        ...all.filter((p) => p.available).map((p) => [p.path, ...levels.map((c) => cell(p, c))]),
      ],
    },
    {
      title: 'Ratio to PostgreSQL alone',
      headers: ['figure', 'value'],
      rows: [
        ['pgbench tps at the ratio concurrency', r.pgbench.atRatio ? round(r.pgbench.atRatio.tps) : null],
        ['ratio concurrency (-c)', r.ratioConcurrency],
        ['ratioToPgbench (gateway write ÷ pgbench)', r.ratioToPgbench ?? 'NOT MEASURED (no gateway route)'],
        ['ratioToPgbenchDirect (direct write ÷ pgbench)', r.ratioToPgbenchDirect],
      ],
    },
    {
      title: 'Hops (latency at c=1, throughput at c=8)',
      headers: ['path', 'c=1 p50 ms', 'c=1 p99 ms', 'c=8 req/s'],
      rows: [
        [
          'pgbench file-case.sql',
          r.pgbench.sweep.find((s) => s.clients === 1)?.latencyAvgMs ?? null,
          null,
          pgTps(r, 8),
        ],
        ...[r.write.direct, r.write.gateway, r.read.directGet, r.read.gatewayGet]
          .filter((p) => p.available)
          .map((p) => {
            const c1 = p.sweep.find((s) => s.concurrency === 1);
            return [
              p.path,
              c1?.latency.p50 ?? null,
              c1?.latency.p99 ?? null,
              p.sweep.find((s) => s.concurrency === 8)?.throughput ?? null,
            ];
          }),
        ...r.hops.map((h) => [h.path, h.c1p50, h.c1p99, h.c8throughput]),
      ],
    },
    {
      title: 'CPU ms per request during the fixed-rate run',
      headers: ['path', 'machine busy %', 'CPU ms / request by process'],
      rows: cpuRows,
    },
    {
      title: 'Footprint',
      headers: ['app', 'pid', 'RSS at rest MB', 'RSS max under load MB', 'RSS at end MB'],
      rows: [
        ...r.footprint.apps.map((a) => [a.name, a.pid, a.rssRestMb || null, a.rssLoadMaxMb, a.rssEndMb]),
        ['land start-up, spawn to /ready (ms)', null, r.footprint.landStartupMs, null, null],
        ...(r.footprint.stackStartup
          ? [
              [
                'stack down + up (ms)',
                null,
                r.footprint.stackStartup.downMs,
                r.footprint.stackStartup.upMs,
                null,
              ],
            ]
          : []),
      ],
    },
    {
      title: 'Targets',
      headers: ['target', 'figure', 'verdict', 'detail'],
      rows: r.targets.map((t) => [
        t.name,
        t.value === null ? null : `${t.value} ${t.unit}`,
        t.verdict,
        t.note ?? '',
      ]),
    },
  ];
}

function pgTps(r: BenchJson, c: number): number | null {
  const s = r.pgbench.sweep.find((x) => x.clients === c);
  return s ? round(s.tps) : null;
}

function renderText(r: BenchJson): string {
  const out = sections(r).map((s) => `${s.title}\n${table(s.headers, s.rows)}`);
  if (r.notes.length) out.push(`Notes\n${r.notes.map((n) => `- ${n}`).join('\n')}`);
  return out.join('\n\n');
}

function renderMarkdown(r: BenchJson): string {
  const out = [
    `Run of ${r.startedAt} on ${String(r.machine.nproc)} CPU (${String(r.machine.cpuModel)}), ${String(r.machine.memTotalGiB)} GiB`,
  ];
  for (const s of sections(r)) out.push(`**${s.title}**\n\n${markdownTable(s.headers, s.rows)}`);
  if (r.notes.length) out.push(`**Notes**\n\n${r.notes.map((n) => `- ${n}`).join('\n')}`);
  return `${out.join('\n\n')}\n`;
}

function chart(r: BenchJson): string {
  const all = [
    r.write.gateway,
    r.write.direct,
    r.read.gatewayGet,
    r.read.gatewayList,
    r.read.directGet,
    r.read.directList,
  ];
  const panels: ChartPanel[] = all
    .filter((p) => p.available && p.sweep.length > 0)
    .map((p) => ({
      title: p.path,
      series: [
        {
          name: 'p50 (closed loop)',
          color: '#1f77b4',
          points: p.sweep.map((s) => ({ x: s.throughput, y: s.latency.p50 })),
        },
        {
          name: 'p99 (closed loop)',
          color: '#d62728',
          dashed: true,
          points: p.sweep.map((s) => ({ x: s.throughput, y: s.latency.p99 })),
        },
        ...(p.half
          ? [
              {
                name: 'p50 at half (fixed rate)',
                color: '#2ca02c',
                points: [{ x: p.half.targetRate, y: p.half.latency.p50 }],
              },
              {
                name: 'p99 at half (fixed rate)',
                color: '#ff7f0e',
                points: [{ x: p.half.targetRate, y: p.half.latency.p99 }],
              },
            ]
          : []),
      ],
    }));
  if (r.pgbench.sweep.length > 0) {
    panels.push({
      title: 'pgbench file-case.sql (average latency)',
      series: [
        {
          name: 'latency avg',
          color: '#9467bd',
          points: r.pgbench.sweep.map((s) => ({ x: s.tps, y: s.latencyAvgMs })),
        },
      ],
    });
  }
  return latencyChartSvg(
    `prosmed latency vs offered load, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    panels,
    `${String(r.machine.nproc)} CPU ${String(r.machine.cpuModel)}; closed-loop points at c=${r.options.levels.join(',')}`,
  );
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
