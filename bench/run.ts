/**
 * `npm run bench`: the platform's figures against PostgreSQL's own on this machine, in one run. See
 * bench/README.md for what each figure means. Loopback only; bounded in time (`--budget`, 9 min).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPlatformConfig } from '@prosmed/config';
import { loadStackSettings } from '../deploy/local/settings';
import { benchCofoCode, benchTokens, ensureBenchCofos, ensureBenchUsers } from './lib/bench-data';
import { CpuMeter, postgresBackendsOf, postgresPids, setPostgres, type PidMap } from './lib/cpu';
import { LoopbackClient } from './lib/http';
import { closedLoop, type ClosedLoopResult, type Send } from './lib/load';
import { parseOptions } from './lib/options';
import { beforePhases, closedLoopWithCpu, fixedRateWithCpu, MIN_LAND_SHARE } from './lib/phases';
import { dropBenchSchema, runPgbench, setupBenchSchema, type PgbenchResult } from './lib/pgbench';
import { chart, renderMarkdown, renderText } from './lib/render';
import {
  computeTargets,
  type BenchJson,
  type CpuPhaseKey,
  type PathResult,
  type PgbenchMode,
} from './lib/results';
import {
  appProcesses,
  distStale,
  environOf,
  httpStatus,
  portOf,
  pidListeningOn,
  RESULTS_DIR,
  ROOT,
  runCommand,
  startNode,
  vmRssKb,
  waitFor,
  type StartedProcess,
} from './lib/stack';
import { round } from './lib/stats';
import { demoTokenSource, devTokenClient, type TokenSource } from './lib/token';
import { runServiceBenches, selectedServices } from './services';

const say = (s = '') => process.stdout.write(`${s}\n`);
const BENCH_USER = 'secretaire.segou';
const ADMIN_USER = 'admin.prosmed';
const MB = (kb: number) => Math.round(kb / 102.4) / 10;
export const TRANSPORT_SCRIPT = join(__dirname, 'transport.ts');
const BEFORE_SCRIPT = join(__dirname, 'before.ts');
/** bench/before.ts: worktree, build and two app start-ups, three 15 s phases; `npm ci` on its first run. */
const BEFORE_TIMEOUT_MS = 360_000;

/**
 * The sweep stops at a plateau (two levels without 5 % more throughput) only from this concurrency on:
 * on a shared machine one noisy level at c=2 would otherwise end a write sweep at c=4 and put the
 * ratio to pgbench at c=1, where neither side has any concurrency to use.
 */
const PLATEAU_FROM = 8;

const emptyPath = (path: string, note?: string): PathResult => ({
  path,
  available: false,
  note,
  sweep: [],
  saturation: null,
  half: null,
});

const emptyMode = (): PgbenchMode => ({ sweep: [], atRatio: null });

// ------------------------------------------------------------------------------------------ helpers

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

/** A valid `FileCaseDto` for a CoFo (SEG01, the demo secretary's own, by default), three parties. */
export function filingBody(filedOn: string, cofoCode = 'SEG01'): string {
  return JSON.stringify({
    cofoCode,
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
 * Runs a script of this folder as a step of the run (bench/transport.ts, the transport engineer's echo
 * benchmark of two Kafka clients; bench/before.ts) and keeps its output, printed with the tables. Killed
 * (its process group, which this run started) if it outlasts `timeoutMs`.
 */
function runStep(
  script: string,
  args: string[],
  timeoutMs: number,
): Promise<{ exitCode: number | null; seconds: number; output: string }> {
  const t = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    // Its stdout is its table; its stderr (progress, Node's warnings) is shown live but kept only if it fails.
    let output = '';
    let errors = '';
    const echo = (text: string) => {
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`  | ${line}\n`);
    };
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      echo(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      errors += d.toString();
      echo(d.toString());
    });
    const killer = setTimeout(() => {
      errors += `\n(stopped by the bench after ${Math.round(timeoutMs / 1000)} s)\n`;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(killer);
      resolve({ exitCode: null, seconds: round((performance.now() - t) / 1000), output: String(err) });
    });
    child.once('close', (code) => {
      clearTimeout(killer);
      const kept = code === 0 ? output : `${output}\n${errors.split('\n').slice(-30).join('\n')}`;
      resolve({ exitCode: code, seconds: round((performance.now() - t) / 1000), output: kept });
    });
  });
}

// ------------------------------------------------------------------------------------------ main

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  const t0 = performance.now();
  const deadline = t0 + opts.budgetSeconds * 1000;
  const left = () => (deadline - performance.now()) / 1000;
  const cfg = loadPlatformConfig('prosmed-bench');
  const stackSettings = loadStackSettings();
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
    'apps/land-conciliation/src/direct/direct.controller.ts',
    'apps/land-conciliation/src/direct/direct.settings.ts',
    'apps/land-conciliation/src/app.module.ts',
  ];
  if (opts.direct && distStale(directSources)) {
    say('dist/ is older than the sources of the direct route: npm run build...');
    const r = await runCommand('npm', ['run', 'build']);
    if (r.code !== 0) throw new Error('npm run build failed');
  }
  // Every running app: the footprint covers all; the land phases use the gateway and land only.
  const apps = appProcesses();
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

  if (selectedServices()) {
    // BENCH_ONLY=<service>[,...]: those services' benches alone, then every app's resident memory.
    const sources = new Map<string, TokenSource>();
    const token = async (user: string): Promise<string> => {
      let src = sources.get(user);
      if (!src) {
        src = demoTokenSource(cfg.keycloak.issuer, user);
        await src.start();
        sources.set(user, src);
      }
      return src.current;
    };
    try {
      await runServiceBenches(gw, token, say);
    } finally {
      for (const src of sources.values()) src.stop();
      clearInterval(rssTimer);
    }
    say('\n== footprint (VmRSS, MB): at rest (start of the run), max under load, end');
    for (const a of apps) {
      say(`  ${a.name}: ${MB(rest[a.name] ?? 0)} / ${MB(loadMax[a.name] ?? 0)} / ${MB(vmRssKb(a.pid))}`);
    }
    return 0;
  }

  const postmaster = pidListeningOn(cfg.postgres.port);
  const kafkaPid = pidListeningOn(Number(cfg.kafka.brokers[0]?.split(':')[1] ?? 9092));
  const keycloakPid = pidListeningOn(Number(new URL(cfg.keycloak.url).port || 80));
  let directPid: number | undefined;
  // PostgreSQL's backends of the measured apps, looked up at the start of each phase (see CpuMeter).
  let pgOurs: number[] | undefined;
  const meter = new CpuMeter(
    () => {
      const pids: PidMap = new Map();
      if (gatewayPid) pids.set('gateway', [gatewayPid]);
      const land = pidOf('land-conciliation');
      if (land) pids.set('land', [land]);
      if (directPid) pids.set('land (direct)', [directPid]);
      if (kafkaPid) pids.set('kafka', [kafkaPid]);
      setPostgres(pids, postgresPids(postmaster), pgOurs);
      // Keycloak should be idle during a phase (tokens are fetched ahead): this column shows that it is.
      if (keycloakPid) pids.set('keycloak', [keycloakPid]);
      return pids;
    },
    async () => {
      const appPids = [gatewayPid, pidOf('land-conciliation'), directPid].filter((p): p is number => !!p);
      pgOurs = await postgresBackendsOf(cfg.postgres, appPids).catch(() => undefined);
    },
  );

  const members = await landGroupMembers(cfg.kafka.brokers);
  if (members !== undefined && members > 1) {
    note(
      `the land consumer group has ${members} members (other users' land instances on this broker): they take a share of the gateway's requests, see "land served %"`,
    );
  }

  // ---------------------------------------------------------------- tokens, routes, bench data
  const kcBase = devTokenClient(cfg.keycloak.issuer);
  const tokens = demoTokenSource(cfg.keycloak.issuer, BENCH_USER);
  await tokens.start();
  const routes = await gatewayRoutes(gw);
  say(
    `gateway routes: POST /api/v1/cases ${routes.post ? 'present' : 'ABSENT'}, GET /api/v1/cases/{id} ${routes.get ? 'present' : 'ABSENT'}, GET /api/v1/cases ${routes.list ? 'present' : 'ABSENT'}`,
  );
  if (!routes.post) {
    note(
      'the gateway has no POST /api/v1/cases: the end-to-end write path is NOT MEASURED and ratioToPgbench is null',
    );
  }

  // Each writer of a run at concurrency c files in CoFo BENCH-00i with the token of its own secretary.
  const benchCount = Math.max(...opts.levels);
  const cofoCodes = Array.from({ length: benchCount }, (_, i) => benchCofoCode(i));
  let writerTokens: TokenSource[] = [];
  let spreadReady = false;
  say(`\nBench data: ${benchCount} CoFos BENCH-001..${cofoCodes.at(-1)} and their secretaries bench.cofo-*`);
  try {
    await ensureBenchUsers(
      {
        url: cfg.keycloak.url,
        realm: cfg.keycloak.realm,
        adminUser: stackSettings.keycloak.adminUser,
        adminPassword: stackSettings.keycloak.adminPassword,
      },
      benchCount,
    );
    const admin = demoTokenSource(cfg.keycloak.issuer, ADMIN_USER);
    await admin.start();
    admin.stop();
    const created = await ensureBenchCofos(gw, admin.current, benchCount);
    writerTokens = await benchTokens(kcBase, benchCount);
    spreadReady = true;
    say(`  ready (${created} CoFos created now, ${benchCount - created} from an earlier run)`);
  } catch (err) {
    note(
      `the bench's CoFos or users could not be set up (${err instanceof Error ? err.message : String(err)}): the paths with a CoFo per writer are NOT MEASURED`,
    );
  }

  const filedOn = daysAgo(10);
  const year = Number(filedOn.slice(0, 4));
  const body = filingBody(filedOn);
  const bodies = cofoCodes.map((c) => filingBody(filedOn, c));
  const client = new LoopbackClient(gw);
  const auth = () => ({ authorization: `Bearer ${tokens.current}` });
  const jsonHeaders = { 'content-type': 'application/json', accept: 'application/json' };
  let lastCaseId: string | undefined;
  const gatewayPostOneCofo: Send = async () =>
    (
      await client.send(
        'POST',
        '/api/v1/cases',
        { ...jsonHeaders, ...auth(), 'idempotency-key': `bench-${randomUUID()}` },
        body,
        false,
      )
    ).status;
  const gatewayPostSpread: Send = async (n) => {
    const w = n % benchCount;
    return (
      await client.send(
        'POST',
        '/api/v1/cases',
        {
          ...jsonHeaders,
          authorization: `Bearer ${writerTokens[w].current}`,
          'idempotency-key': `bench-${randomUUID()}`,
        },
        bodies[w],
        false,
      )
    ).status;
  };
  const gatewayGet =
    (path: string): Send =>
    async () =>
      (await client.send('GET', path, { accept: 'application/json', ...auth() }, undefined, false)).status;

  const notMeasured = (cond: boolean, why: string) => (cond ? undefined : why);
  const result: BenchJson = {
    version: 2,
    startedAt: new Date().toISOString(),
    machine: m,
    options: opts,
    ratioToPgbench: null,
    ratioConcurrency: null,
    ratioBasis:
      'gateway POST /api/v1/cases, a CoFo per writer ÷ pgbench file-case.sql, a CoFo per client, same -c',
    ratioToPgbenchOneCofo: null,
    ratioConcurrencyOneCofo: null,
    ratioToPgbenchDirect: null,
    gatewayRoutes: routes,
    benchCofos: spreadReady ? benchCount : 0,
    pgbench: { oneCofo: emptyMode(), spread: emptyMode() },
    write: {
      gatewaySpread: emptyPath(
        'gateway POST /api/v1/cases, a CoFo per writer',
        notMeasured(routes.post, 'route absent from the gateway') ??
          notMeasured(spreadReady, 'bench CoFos not set up'),
      ),
      gatewayOneCofo: emptyPath(
        'gateway POST /api/v1/cases, one CoFo (SEG01)',
        notMeasured(routes.post, 'route absent from the gateway'),
      ),
      directSpread: emptyPath(
        'direct POST /direct/cases, a CoFo per writer',
        notMeasured(opts.direct, '--no-direct') ?? notMeasured(spreadReady, 'bench CoFos not set up'),
      ),
    },
    read: {
      gatewayGet: emptyPath(
        'gateway GET /api/v1/cases/{id}',
        notMeasured(routes.get, 'route absent from the gateway'),
      ),
      gatewayList: emptyPath(
        'gateway GET /api/v1/cases?limit=50&cofoCode=SEG01',
        notMeasured(routes.list, 'route absent from the gateway'),
      ),
      directGet: emptyPath(
        'direct GET /direct/cases/{id} (in-process read)',
        notMeasured(opts.direct, '--no-direct'),
      ),
    },
    hops: [],
    cpu: { after: [], before: [], beforeSource: '' },
    footprint: { apps: [], landStartupMs: null, stackStartup: null },
    transport: null,
    services: [],
    targets: [],
    notes,
  };

  // Time kept for what must run after the HTTP paths: pgbench in both CoFo modes, and the transport step.
  const pgbenchSeconds =
    2 * (opts.levels.length * (opts.pgbenchSweepSeconds + 1) + opts.pgbenchSeconds + 3) + 5;
  const transportPresent = existsSync(TRANSPORT_SCRIPT);
  const reserve = pgbenchSeconds + (transportPresent ? opts.transportSeconds : 0);

  const checkLandShare = (path: string, pct: number | undefined) => {
    if (pct !== undefined && (pct < 90 || pct > 110)) {
      note(
        `${path}: the running land instance handled ${pct} % of the requests answered (other land instances in its consumer group, other users' tests, took the rest, or sent it theirs): its column is per message it handled${pct < MIN_LAND_SHARE * 100 ? ', here too few to tell: left out' : ''}`,
      );
    }
  };

  const cpuAfter = (key: CpuPhaseKey, r: PathResult) => {
    if (!r.half || !r.cpuMsPerRequest) return;
    result.cpu.after.push({
      key,
      path: r.path,
      ratePerSec: r.half.targetRate,
      cpuMsPerRequest: r.cpuMsPerRequest,
      machineBusyPct: r.machineBusyPct,
      landSharePct: r.landSharePct,
      p50: r.half.latency.p50,
      p99: r.half.latency.p99,
    });
  };

  /**
   * Saturation sweep, then a fixed-rate run at half of it with the CPU of each process. `cpuKey` names a
   * phase of the before/after table; paths through Kafka count the share the running land served.
   */
  const measurePath = async (r: PathResult, send: Send, cpuKey?: CpuPhaseKey, viaKafka = false) => {
    if (left() < reserve + 30) {
      r.note = 'skipped (time budget)';
      note(`${r.path}: skipped (time budget)`);
      return;
    }
    r.available = true;
    say(`\n== ${r.path}`);
    let best = 0;
    let flat = 0;
    for (const c of opts.levels) {
      if (left() < reserve + opts.openSeconds + opts.levelSeconds + 20) {
        note(`${r.path}: sweep stopped before c=${c} (time budget)`);
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
      } else if (++flat >= 2 && c >= PLATEAU_FROM) break;
    }
    const top = r.sweep.reduce<ClosedLoopResult | undefined>(
      (a, b) => (!a || b.throughput > a.throughput ? b : a),
      undefined,
    );
    if (!top || top.ok === 0) {
      const errs = Object.entries(r.sweep.at(-1)?.errors ?? {})
        .map(([k, v]) => `${k}:${v}`)
        .join(' ');
      r.note = `no successful request${errs ? ` (${errs})` : ''}`;
      note(`${r.path}: ${r.note}`);
      return;
    }
    r.saturation = { throughput: top.throughput, concurrency: top.concurrency };
    const rate = Math.max(1, round(top.throughput / 2));
    if (left() < reserve + opts.openSeconds + 10) {
      note(`${r.path}: fixed-rate run skipped (time budget)`);
      return;
    }
    const f = await fixedRateWithCpu(meter, rate, opts.openSeconds, send, viaKafka ? landPort : undefined);
    r.half = f.run;
    r.cpuMsPerRequest = f.cpu;
    r.machineBusyPct = f.busyPct;
    r.landSharePct = f.landSharePct;
    checkLandShare(r.path, f.landSharePct);
    if (cpuKey) cpuAfter(cpuKey, r);
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
        env: {
          LAND_DIRECT_HTTP: 'true',
          LAND_PORT: String(opts.directPort),
          // SEG01 first (the default identity, for the reads), then the writers' own CoFos.
          LAND_DIRECT_COFO: ['SEG01', ...(spreadReady ? cofoCodes : [])].join(','),
          LOG_LEVEL: 'warn',
        },
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
        if (spreadReady) {
          await measurePath(result.write.directSpread, async (n) => {
            const w = n % benchCount;
            return (
              await dc.send(
                'POST',
                '/direct/cases',
                { ...jsonHeaders, 'x-direct-cofo': cofoCodes[w] },
                bodies[w],
                false,
              )
            ).status;
          });
        }
        const id = lastCaseId;
        await measurePath(
          result.read.directGet,
          async () => (await dc.send('GET', `/direct/cases/${id}`, {}, undefined, false)).status,
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
      await waitFor(async () => (await gatewayGet('/api/v1/cofos/SEG01')(0)) === 200, 30_000, 500);
    }

    // ---------------------------------------------------------------- gateway
    let postWorks = false;
    if (routes.post) {
      const first = await client.send(
        'POST',
        '/api/v1/cases',
        { ...jsonHeaders, ...auth(), 'idempotency-key': `bench-${randomUUID()}` },
        body,
      );
      if (first.status !== 201) {
        note(`gateway POST /api/v1/cases answered ${first.status}: ${first.body.slice(0, 300)}`);
        for (const p of [result.write.gatewaySpread, result.write.gatewayOneCofo])
          p.note = `the first filing answered ${first.status}`;
      } else {
        postWorks = true;
        lastCaseId ??= (JSON.parse(first.body) as { id: string }).id;
      }
    }
    if (postWorks && spreadReady)
      await measurePath(result.write.gatewaySpread, gatewayPostSpread, 'file-spread', true);
    if (routes.get && lastCaseId)
      await measurePath(result.read.gatewayGet, gatewayGet(`/api/v1/cases/${lastCaseId}`), 'case-get', true);
    else if (routes.get) result.read.gatewayGet.note = 'no case id to read (no filing succeeded)';

    // ---------------------------------------------------------------- hops that need no new route
    say('\n== hops');
    const hopRun = async (path: string, send: Send, cpuKey?: CpuPhaseKey, viaKafka = false) => {
      if (left() < reserve + 10) return note(`${path}: skipped (time budget)`);
      const c1 = await closedLoop({ concurrency: 1, warmupMs: 500, durationMs: 3000, send });
      const c8 = await closedLoopWithCpu(meter, 8, 3, send, viaKafka ? landPort : undefined);
      checkLandShare(path, c8.landSharePct);
      const answered = c8.run.ok > 0;
      result.hops.push({
        path,
        c1p50: c1.latency.p50,
        c1p99: c1.latency.p99,
        c8throughput: c8.run.throughput,
        ...(answered
          ? { cpuMsPerRequest: c8.cpu, machineBusyPct: c8.busyPct, landSharePct: c8.landSharePct }
          : {}),
      });
      if (!answered) note(`${path}: no successful request at c=8 (${JSON.stringify(c8.run.errors)})`);
      if (cpuKey && answered) {
        result.cpu.after.push({
          key: cpuKey,
          path,
          concurrency: 8,
          cpuMsPerRequest: c8.cpu,
          machineBusyPct: c8.busyPct,
          landSharePct: c8.landSharePct,
          p50: c8.run.latency.p50,
          p99: c8.run.latency.p99,
        });
      }
      say(`  ${path}: c=1 p50 ${c1.latency.p50} ms p99 ${c1.latency.p99} ms; c=8 ${c8.run.throughput} req/s`);
    };
    await hopRun('gateway GET /api/v1/me (HTTP + token check, no Kafka)', gatewayGet('/api/v1/me'));
    await hopRun(
      'gateway GET /api/v1/cofos/SEG01 (HTTP + token + Kafka round trip + 1-row read)',
      gatewayGet('/api/v1/cofos/SEG01'),
      'cofo-get',
      true,
    );

    if (postWorks) await measurePath(result.write.gatewayOneCofo, gatewayPostOneCofo, 'file-one-cofo', true);
    if (routes.list)
      await measurePath(
        result.read.gatewayList,
        gatewayGet('/api/v1/cases?limit=50&cofoCode=SEG01'),
        undefined,
        true,
      );

    // ---------------------------------------------------------------- pgbench
    say('\n== pgbench (schema bench, bench/pgbench/file-case.sql)');
    const drift = await setupBenchSchema(cfg.postgres, benchCount);
    schemaCreated = true;
    for (const d of drift) note(`bench DDL differs from the platform's: ${d}`);
    const pgMode = async (mode: PgbenchMode, spread: boolean, ratioC: number) => {
      const label = spread ? 'a CoFo per client' : 'one CoFo';
      const run = async (c: number, seconds: number) => {
        const r: PgbenchResult = await runPgbench(cfg.postgres, {
          clients: c,
          seconds,
          year,
          filedOn,
          spread,
        });
        say(
          `  ${label}, -c ${String(c).padStart(2)} -T ${r.seconds}: ${round(r.tps)} tps, latency avg ${r.latencyAvgMs} ms${c === ratioC ? '  (ratio basis)' : ''}`,
        );
        return r;
      };
      for (const c of opts.levels) {
        if (c === ratioC || left() < opts.pgbenchSweepSeconds + opts.pgbenchSeconds + 10) continue;
        mode.sweep.push(await run(c, opts.pgbenchSweepSeconds));
      }
      mode.atRatio = await run(ratioC, opts.pgbenchSeconds);
      mode.sweep.push(mode.atRatio);
      mode.sweep.sort((a, b) => a.clients - b.clients);
    };
    const tpsAt = (p: PathResult, c: number) => p.sweep.find((s) => s.concurrency === c)?.throughput;
    // Without a measured saturation, the ratio falls back to c=8 (or the highest level below it): never
    // to more clients than the schema has CoFos for (one per level's writer).
    const fallbackC = Math.min(8, benchCount);
    const spreadBasis = result.write.gatewaySpread.saturation ?? result.write.directSpread.saturation;
    const ratioC = spreadBasis?.concurrency ?? fallbackC;
    await pgMode(result.pgbench.spread, true, ratioC);
    result.ratioConcurrency = ratioC;
    const pgSpread = result.pgbench.spread.atRatio!.tps;
    const gwSpread = tpsAt(result.write.gatewaySpread, ratioC);
    const dSpread = tpsAt(result.write.directSpread, ratioC);
    result.ratioToPgbench = gwSpread !== undefined ? round(gwSpread / pgSpread) : null;
    result.ratioToPgbenchDirect = dSpread !== undefined ? round(dSpread / pgSpread) : null;
    if (result.write.directSpread.available && dSpread === undefined) {
      note(`direct filing was not measured at c=${ratioC}: ratioToPgbenchDirect is null`);
    }

    const oneC = result.write.gatewayOneCofo.saturation?.concurrency ?? fallbackC;
    await pgMode(result.pgbench.oneCofo, false, oneC);
    result.ratioConcurrencyOneCofo = oneC;
    const gwOne = tpsAt(result.write.gatewayOneCofo, oneC);
    result.ratioToPgbenchOneCofo =
      gwOne !== undefined ? round(gwOne / result.pgbench.oneCofo.atRatio!.tps) : null;
    await dropBenchSchema(cfg.postgres);
    schemaCreated = false;

    // ---------------------------------------------------------------- the transport engineer's step
    if (transportPresent) {
      say('\n== Kafka clients: bench/transport.ts');
      const t = Math.max(30, Math.min(opts.transportSeconds, left()));
      const r = await runStep(TRANSPORT_SCRIPT, [], t * 1000);
      result.transport = { ran: true, ...r };
      if (r.exitCode !== 0)
        note(`bench/transport.ts exited ${r.exitCode ?? '(killed)'}: see its output above`);
    }

    // ---------------------------------------------------------------- the other services
    {
      const sources = new Map<string, TokenSource>();
      const token = async (user: string): Promise<string> => {
        let src = sources.get(user);
        if (!src) {
          src = demoTokenSource(cfg.keycloak.issuer, user);
          await src.start();
          sources.set(user, src);
        }
        return src.current;
      };
      try {
        result.services = await runServiceBenches(gw, token, say);
      } finally {
        for (const src of sources.values()) src.stop();
      }
    }

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

    // ---------------------------------------------------------------- commit 85ba6c2 at this run's rates
    if (opts.before) {
      say("\n== before issue 8: bench/before.ts (commit 85ba6c2 on other ports, at this run's rates)");
      const rates = result.cpu.after
        .filter((p) => p.ratePerSec !== undefined)
        .map((p) => `${p.key}:${p.ratePerSec}`)
        .join(',');
      const r = await runStep(BEFORE_SCRIPT, rates ? [`--rates=${rates}`] : [], BEFORE_TIMEOUT_MS);
      if (r.exitCode !== 0) {
        note(
          `bench/before.ts exited ${r.exitCode ?? '(killed)'}: the before column is an earlier one, see its source`,
        );
      }
    }
  } finally {
    clearInterval(rssTimer);
    tokens.stop();
    for (const t of writerTokens) t.stop();
    client.close();
    await cleanup();
  }

  // ---------------------------------------------------------------- before/after, targets, output
  const before = beforePhases(join(RESULTS_DIR, 'before.json'));
  if (before.problem) note(before.problem);
  result.cpu.before = before.phases;
  result.cpu.beforeSource = before.source;
  for (const b of before.phases) {
    const a = result.cpu.after.find((x) => x.key === b.key);
    if (a && b.ratePerSec !== undefined && a.ratePerSec !== undefined) {
      const ratio = a.ratePerSec / b.ratePerSec;
      if (ratio > 1.25 || ratio < 0.8) {
        note(
          `CPU before/after of "${a.path}" at different rates (${b.ratePerSec} vs ${a.ratePerSec} req/s): idle costs weigh more per request at the lower one`,
        );
      }
    }
  }
  result.targets = computeTargets(result);
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

/**
 * Members of the land service's consumer group on the broker, or `undefined` when that cannot be read
 * (this tree's kafkajs is gone, or the broker does not answer): a diagnosis, never a reason to stop.
 */
async function landGroupMembers(brokers: string[]): Promise<number | undefined> {
  try {
    type Admin = {
      connect(): Promise<void>;
      disconnect(): Promise<void>;
      describeGroups(ids: string[]): Promise<{ groups: { members: unknown[] }[] }>;
    };
    const { Kafka } = createRequire(join(ROOT, 'package.json'))('kafkajs') as {
      Kafka: new (o: { clientId: string; brokers: string[]; logLevel: number }) => { admin(): Admin };
    };
    const admin = new Kafka({ clientId: 'prosmed-bench', brokers, logLevel: 0 }).admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups(['land-conciliation']);
      return groups[0]?.members.length;
    } finally {
      await admin.disconnect();
    }
  } catch {
    return undefined;
  }
}

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

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
