/**
 * `npx tsx bench/before.ts`: the CPU per request of each process on commit 85ba6c2 (before issue 8's
 * changes), measured the way `npm run bench` measures it now, so that its "before / after" table compares
 * two measurements of this machine instead of a figure and a measurement. Writes bench/results/before.json,
 * which `npm run bench` reads.
 *
 * The old apps run from a git worktree (default /tmp/bench-before: `git worktree add`, `npm ci`, build) on
 * the Node of their day (the machine's own `node`, 20 here), against the shared stack, isolated from it:
 *   - their own database (`prosmed_bench_before`, created and dropped here) on the shared PostgreSQL;
 *   - their own Kafka topics: the worktree's topic names get the prefix `bench-before.` and its land
 *     service the consumer group `bench-before-land-conciliation`, so they never take a request meant for
 *     the current apps nor answer one (the topics are deleted at the end);
 *   - their own ports (gateway 3290, land 3291), the same Keycloak realm and bench users.
 * That patch touches names only, never what a request costs. Loopback only; about 2 minutes.
 *
 * Options: --dir=/tmp/bench-before --commit=85ba6c2 --seconds=15 --node=<path> --keep (leave the database
 * and topics for another run), --rates=file-spread:21,case-get:48,file-one-cofo:15 (else latest.json's).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { delimiter, join } from 'node:path';
import { Client } from 'pg';
import { loadPlatformConfig } from '@prosmed/config';
import { loadStackSettings } from '../deploy/local/settings';
import { benchCofoCode, benchTokens, ensureBenchCofos, ensureBenchUsers } from './lib/bench-data';
import { CpuMeter, postgresBackendsOf, postgresPids, setPostgres, type PidMap } from './lib/cpu';
import { LoopbackClient } from './lib/http';
import { closedLoop, type Send } from './lib/load';
import { closedLoopWithCpu, fixedRateWithCpu } from './lib/phases';
import { table } from './lib/report';
import { CPU_PHASE_TITLES, loadOf, type BeforeJson, type BenchJson, type CpuPhase } from './lib/results';
import { pidListeningOn, RESULTS_DIR, ROOT, startNode, type StartedProcess } from './lib/stack';
import { demoTokenSource, devTokenClient, type TokenSource } from './lib/token';
import { filingBody } from './run';

const say = (s = '') => process.stdout.write(`${s}\n`);
export const TOPIC_PREFIX = 'bench-before.';
export const LAND_GROUP = 'bench-before-land-conciliation';
const DATABASE = 'prosmed_bench_before';
const GATEWAY_PORT = 3290;
const LAND_PORT = 3291;
/** Rates of the fixed-rate phases when no `npm run bench` result says which rates to match. */
const DEFAULT_RATES = { 'file-spread': 20, 'file-one-cofo': 20, 'case-get': 50 } as const;
const WRITERS = 32;

function arg(name: string): string | undefined {
  const a = process.argv.find((x) => x === `--${name}` || x.startsWith(`--${name}=`));
  return a === undefined ? undefined : (a.split('=')[1] ?? '');
}

/**
 * Pure: the worktree's topics.ts with every topic name prefixed (request, reply and event topics all
 * derive from these literals), or `null` when it does not have the expected shape.
 */
export function prefixTopics(source: string, prefix = TOPIC_PREFIX): string | null {
  if (source.includes(`'${prefix}`)) return source;
  let n = 0;
  const out = source.replace(
    /(:\s*')((?:land|security|anticorruption|reporting|platform)\.[a-z.-]+\.v\d+')/g,
    (_, a: string, b: string) => {
      n++;
      return `${a}${prefix}${b}`;
    },
  );
  return n >= 10 ? out : null;
}

/** Pure: the worktree's land service definition with its own consumer group, or `null`. */
export function renameLandGroup(source: string, group = LAND_GROUP): string | null {
  if (source.includes(`'${group}'`)) return source;
  const out = source.replace(/groupId:\s*'land-conciliation'/, `groupId: '${group}'`);
  return out === source ? null : out;
}

/** The machine's own `node` (not the pinned one npm puts first on PATH): the apps' Node at that commit. */
function systemNode(): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => !d.includes('node_modules'));
  for (const d of dirs) if (existsSync(join(d, 'node'))) return join(d, 'node');
  return 'node';
}

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  say(`  $ ${cmd} ${args.join(' ')}   (in ${cwd})`);
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

function prepareWorktree(dir: string, commit: string, node: string): void {
  if (!existsSync(join(dir, '.git'))) sh('git', ['worktree', 'add', '--detach', dir, commit], ROOT);
  const head = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const want = execFileSync('git', ['-C', ROOT, 'rev-parse', commit], { encoding: 'utf8' }).trim();
  if (head !== want)
    throw new Error(`${dir} is at ${head.slice(0, 7)}, not ${commit}: remove it or pass --dir`);
  const oldPath = [
    join(dir, 'node_modules', '.bin'),
    node.replace(/\/node$/, ''),
    ...(process.env.PATH ?? '').split(delimiter).filter((d) => !d.includes('node_modules')),
  ].join(delimiter);
  const env = { ...process.env, PATH: oldPath };
  if (!existsSync(join(dir, 'node_modules'))) sh('npm', ['ci', '--no-audit', '--no-fund'], dir, env);
  for (const [file, patch] of [
    ['libs/contracts/src/topics.ts', prefixTopics],
    ['apps/land-conciliation/src/service.ts', renameLandGroup],
  ] as const) {
    const path = join(dir, file);
    const patched = patch(readFileSync(path, 'utf8'));
    if (patched === null) throw new Error(`${path} does not have the shape this script patches`);
    writeFileSync(path, patched);
  }
  sh(
    join(dir, 'node_modules', '.bin', 'swc'),
    ['apps', 'libs', '-d', 'dist', '--copy-files', '--config-file', '.swcrc', '-q'],
    dir,
    env,
  );
}

async function withPg<T>(database: string, f: (c: Client) => Promise<T>): Promise<T> {
  const cfg = loadPlatformConfig('prosmed-bench-before');
  const c = new Client({
    host: cfg.postgres.host,
    port: cfg.postgres.port,
    user: cfg.postgres.user,
    password: cfg.postgres.password || undefined,
    database,
    application_name: 'prosmed-bench-before',
  });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** The little of kafkajs's admin client used here. */
type KafkaCtor = new (o: { clientId: string; brokers: string[]; logLevel: number }) => {
  admin(): {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    listTopics(): Promise<string[]>;
    deleteTopics(o: { topics: string[]; timeout: number }): Promise<void>;
  };
};

/** Deletes the prefixed topics the old apps created (with the worktree's own kafkajs). */
async function deleteTopics(dir: string, brokers: string[]): Promise<number> {
  // The worktree's own client: this tree may not depend on kafkajs any more.
  const { Kafka } = createRequire(join(dir, 'package.json'))('kafkajs') as { Kafka: KafkaCtor };
  const admin = new Kafka({ clientId: 'prosmed-bench-before', brokers, logLevel: 0 }).admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(TOPIC_PREFIX));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 30_000 });
    return mine.length;
  } finally {
    await admin.disconnect();
  }
}

type RateKey = keyof typeof DEFAULT_RATES;

/** Pure: `file-spread:21,case-get:47.7` (what `npm run bench -- --before` passes) as rates. */
export function parseRates(text: string): Partial<Record<RateKey, number>> {
  const out: Partial<Record<RateKey, number>> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [key, value] = part.split(':');
    const n = Number(value);
    if (!(key in DEFAULT_RATES) || !Number.isFinite(n) || n <= 0) throw new Error(`bad rate "${part}"`);
    out[key as RateKey] = n;
  }
  return out;
}

/**
 * The rates to load the old apps at: `--rates` (the calling bench run's own), else those of the last
 * `npm run bench` (bench/results/latest.json), else defaults. Same rates, so that the idle cost of each
 * process weighs the same per request in both columns.
 */
function ratesToMatch(given: string | undefined): { rates: Record<RateKey, number>; from: string } {
  const rates: Record<RateKey, number> = { ...DEFAULT_RATES };
  if (given) return { rates: { ...rates, ...parseRates(given) }, from: 'the calling npm run bench' };
  const file = join(RESULTS_DIR, 'latest.json');
  if (!existsSync(file)) return { rates, from: 'defaults (no bench/results/latest.json)' };
  try {
    const latest = JSON.parse(readFileSync(file, 'utf8')) as Partial<BenchJson>;
    let n = 0;
    for (const p of latest.cpu?.after ?? []) {
      if (p.key in rates && p.ratePerSec) {
        rates[p.key as RateKey] = p.ratePerSec;
        n++;
      }
    }
    return { rates, from: n > 0 ? `bench/results/latest.json of ${String(latest.startedAt)}` : 'defaults' };
  } catch {
    return { rates, from: 'defaults (latest.json unreadable)' };
  }
}

async function main(): Promise<number> {
  const dir = arg('dir') || '/tmp/bench-before';
  const commit = arg('commit') || '85ba6c2';
  const seconds = Number(arg('seconds') || 15);
  const node = arg('node') || systemNode();
  const keep = arg('keep') !== undefined;
  const cfg = loadPlatformConfig('prosmed-bench-before');
  const stack = loadStackSettings();
  const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  say(`bench:before: commit ${commit} in ${dir}, on ${node} ${nodeVersion}`);
  prepareWorktree(dir, commit, node);

  await withPg(cfg.postgres.database, async (c) => {
    const exists = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await c.query(`CREATE DATABASE "${DATABASE}"`);
  });

  const started: StartedProcess[] = [];
  const notes: string[] = [];
  const tokens: TokenSource[] = [];
  const phases: CpuPhase[] = [];
  const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  const env = {
    PROSMED_DB: DATABASE,
    LAND_PORT: String(LAND_PORT),
    GATEWAY_PORT: String(GATEWAY_PORT),
    RATE_LIMIT_MAX: '1000000000',
    LOG_LEVEL: 'warn',
    // The old apps would otherwise read the pinned Node's npm variables of this process: nothing else.
    PATH: (process.env.PATH ?? '')
      .split(delimiter)
      .filter((d) => !d.includes('node_modules'))
      .join(delimiter),
  };
  try {
    say('\nStarting the old land service and gateway...');
    mkdirSync(RESULTS_DIR, { recursive: true });
    const land = await startNode({
      entry: 'dist/apps/land-conciliation/src/main.js',
      cwd: dir,
      execPath: node,
      env,
      readyUrl: `http://127.0.0.1:${LAND_PORT}/ready`,
      logFile: join(RESULTS_DIR, 'before-land.log'),
      timeoutMs: 120_000,
    });
    started.push(land);
    const gateway = await startNode({
      entry: 'dist/apps/gateway/src/main.js',
      cwd: dir,
      execPath: node,
      env,
      readyUrl: `http://127.0.0.1:${GATEWAY_PORT}/api/health`,
      logFile: join(RESULTS_DIR, 'before-gateway.log'),
      timeoutMs: 120_000,
    });
    started.push(gateway);
    say(`  land pid ${land.pid} :${LAND_PORT}, gateway pid ${gateway.pid} :${GATEWAY_PORT}`);

    const gw = `http://127.0.0.1:${GATEWAY_PORT}`;
    const kcBase = devTokenClient(cfg.keycloak.issuer);
    await ensureBenchUsers(
      {
        url: cfg.keycloak.url,
        realm: cfg.keycloak.realm,
        adminUser: stack.keycloak.adminUser,
        adminPassword: stack.keycloak.adminPassword,
      },
      WRITERS,
    );
    const admin = demoTokenSource(cfg.keycloak.issuer, 'admin.prosmed');
    await admin.start();
    admin.stop();
    await ensureBenchCofos(gw, admin.current, WRITERS);
    const writers = await benchTokens(kcBase, WRITERS);
    tokens.push(...writers);
    const secretary = demoTokenSource(cfg.keycloak.issuer, 'secretaire.segou');
    await secretary.start();
    tokens.push(secretary);

    const postmaster = pidListeningOn(cfg.postgres.port);
    const kafkaPid = pidListeningOn(Number(cfg.kafka.brokers[0]?.split(':')[1] ?? 9092));
    const keycloakPid = pidListeningOn(Number(new URL(cfg.keycloak.url).port || 80));
    let pgOurs: number[] | undefined;
    const meter = new CpuMeter(
      () => {
        const pids: PidMap = new Map([
          ['gateway', [gateway.pid]],
          ['land', [land.pid]],
        ]);
        if (kafkaPid) pids.set('kafka', [kafkaPid]);
        setPostgres(pids, postgresPids(postmaster), pgOurs);
        if (keycloakPid) pids.set('keycloak', [keycloakPid]);
        return pids;
      },
      async () => {
        pgOurs = await postgresBackendsOf(cfg.postgres, [gateway.pid, land.pid]).catch(() => undefined);
      },
    );

    const client = new LoopbackClient(gw);
    const filedOn = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const json = { 'content-type': 'application/json', accept: 'application/json' };
    const one = filingBody(filedOn);
    const bodies = Array.from({ length: WRITERS }, (_, i) => filingBody(filedOn, benchCofoCode(i)));
    const post = (token: string, body: string, keep = false) =>
      client.send(
        'POST',
        '/api/v1/cases',
        { ...json, authorization: `Bearer ${token}`, 'idempotency-key': `bench-${randomUUID()}` },
        body,
        keep,
      );
    const first = await post(secretary.current, one, true);
    if (first.status !== 201)
      throw new Error(`the old gateway's first filing answered ${first.status}: ${first.body.slice(0, 300)}`);
    const caseId = (JSON.parse(first.body) as { id: string }).id;
    const get =
      (path: string): Send =>
      async () =>
        (
          await client.send(
            'GET',
            path,
            { accept: 'application/json', authorization: `Bearer ${secretary.current}` },
            undefined,
            false,
          )
        ).status;
    const sends: Record<RateKey, { path: string; send: Send }> = {
      'file-spread': {
        path: 'old gateway POST /api/v1/cases, a CoFo per writer',
        send: async (n) => (await post(writers[n % WRITERS].current, bodies[n % WRITERS])).status,
      },
      'file-one-cofo': {
        path: 'old gateway POST /api/v1/cases, one CoFo (SEG01)',
        send: async () => (await post(secretary.current, one)).status,
      },
      'case-get': { path: 'old gateway GET /api/v1/cases/{id}', send: get(`/api/v1/cases/${caseId}`) },
    };

    const { rates, from } = ratesToMatch(arg('rates'));
    say(
      `\nFixed rates from ${from}: ${Object.entries(rates)
        .map(([k, v]) => `${k} ${v} req/s`)
        .join(', ')}`,
    );
    for (const key of ['file-spread', 'case-get', 'file-one-cofo'] as const) {
      const { path, send } = sends[key];
      // The same JIT warm-up the sweep gives the current apps before their fixed-rate run.
      await closedLoop({ concurrency: 4, warmupMs: 0, durationMs: 4000, send });
      const f = await fixedRateWithCpu(meter, rates[key], seconds, send, LAND_PORT);
      const errors = Object.values(f.run.errors).reduce((a, b) => a + b, 0);
      if (errors > 0) notes.push(`${path}: ${errors} errors (${JSON.stringify(f.run.errors)})`);
      phases.push({
        key,
        path,
        ratePerSec: rates[key],
        cpuMsPerRequest: f.cpu,
        machineBusyPct: f.busyPct,
        landSharePct: f.landSharePct,
        p50: f.run.latency.p50,
        p99: f.run.latency.p99,
      });
      say(
        `  ${path} at ${rates[key]} req/s: p50 ${f.run.latency.p50} ms p99 ${f.run.latency.p99} ms, busy ${f.busyPct} %`,
      );
    }
    const cofo = get('/api/v1/cofos/SEG01');
    const c1 = await closedLoop({ concurrency: 1, warmupMs: 500, durationMs: 3000, send: cofo });
    const c8 = await closedLoopWithCpu(meter, 8, 3, cofo, LAND_PORT);
    phases.push({
      key: 'cofo-get',
      path: 'old gateway GET /api/v1/cofos/SEG01',
      concurrency: 8,
      cpuMsPerRequest: c8.cpu,
      machineBusyPct: c8.busyPct,
      landSharePct: c8.landSharePct,
      p50: c8.run.latency.p50,
      p99: c8.run.latency.p99,
    });
    notes.push(
      `GET /api/v1/cofos/SEG01 at c=1: p50 ${c1.latency.p50} ms, p99 ${c1.latency.p99} ms; c=8 ${c8.run.throughput} req/s`,
    );
    client.close();
  } finally {
    for (const t of tokens) t.stop();
    for (const p of started.reverse()) await p.stop().catch(() => undefined);
    if (!keep) {
      await withPg(cfg.postgres.database, (c) =>
        c.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`),
      ).catch((err: unknown) => say(`  could not drop ${DATABASE}: ${String(err)}`));
      await deleteTopics(dir, cfg.kafka.brokers).then(
        (n) => say(`  deleted ${n} ${TOPIC_PREFIX}* topics`),
        (err: unknown) => say(`  could not delete the ${TOPIC_PREFIX}* topics: ${String(err)}`),
      );
    }
  }

  const out: BeforeJson = {
    version: 1,
    commit: execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim(),
    measuredAt: new Date().toISOString(),
    node: nodeVersion,
    loadavgAtStart: loadAtStart,
    phases,
    notes,
  };
  writeFileSync(join(RESULTS_DIR, 'before.json'), `${JSON.stringify(out, null, 2)}\n`);
  const cols = [
    'gateway',
    'land',
    'kafka',
    'postgres',
    'postgres (rest)',
    'keycloak',
    'bench (load generator)',
  ];
  say(
    `\n${table(
      ['phase', 'load', 'busy %', 'land served %', 'p50 ms', 'p99 ms', ...cols],
      phases.map((p) => [
        CPU_PHASE_TITLES[p.key],
        loadOf(p),
        p.machineBusyPct ?? null,
        p.landSharePct ?? null,
        p.p50 ?? null,
        p.p99 ?? null,
        ...cols.map((c) => p.cpuMsPerRequest[c] ?? null),
      ]),
    )}`,
  );
  for (const n of notes) say(`- ${n}`);
  say('\nwritten: bench/results/before.json (npm run bench prints it as the before column)');
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench:before: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
