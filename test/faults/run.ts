/**
 * `npm run test:faults`: exactly once under faults, tried from outside as a real client would. Eight
 * writers file land cases through two gateway instances, retrying with the same Idempotency-Key, while a
 * part of the platform is killed (SIGKILL) and started again: the broker, the land service, a gateway,
 * PostgreSQL. Each scenario ends by checking in PostgreSQL and on the broker that every acknowledged
 * filing is there exactly once with exactly one `land.case.filed.v1`, and that the outbox emptied.
 *
 * Everything killed is private to this run (its own broker, PostgreSQL, apps, ports, data under
 * .run/faults); the shared Keycloak only issues the tokens. Exits non-zero when anything is lost or
 * duplicated; the last line is `N passed, N failed`. `npm run test:faults -- land gateway` runs some;
 * `--no-build` reuses .run/faults/dist as it is (to try a change to the built apps, e.g. a control run).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tokenFor } from '@prosmed/testing';
import { Writers } from './load';
import { assess, formatTable, type ScenarioResult } from './report';
import { AppProcess, buildApps, FAULTS_DIR, freePort, PrivateServers } from './servers';
import { caseRowsOf, filedEvents, outboxLeftAfter } from './verify';

const WRITERS = 8;
const PACE_MS = 100;
/** Load before the fault, time the part stays dead, load after the first 2xx that follows the restart. */
const BEFORE_MS = 5000;
const DOWN_MS = 8000;
const AFTER_FIRST_OK_MS = 5000;
const RECOVERY_BOUND_MS = 90_000;
/** The whole run is bounded: past this, everything of ours is stopped and the run fails. */
const RUN_BOUND_MS = 12 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);
const secondsSince = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;

interface Fault {
  name: string;
  /** The recovery is the first 2xx through this gateway (the restarted one), not through any. */
  via?: string;
  kill(): Promise<void>;
  /** Starts the part again; may resolve before it serves (the clients tell when it does). */
  restart(): Promise<void>;
}

interface Platform {
  servers: PrivateServers;
  land: AppProcess;
  gateways: [AppProcess, AppProcess];
}

async function startPlatform(build: boolean): Promise<Platform> {
  let t = Date.now();
  if (build) {
    buildApps();
    say(`built the apps from the working tree in ${secondsSince(t)}`);
  }
  t = Date.now();
  const servers = await PrivateServers.create();
  await servers.startPostgres();
  await servers.freshDatabase();
  say(`private PostgreSQL on ${servers.pg.port} in ${secondsSince(t)}`);
  t = Date.now();
  await servers.startKafka(true);
  say(`private Kafka on ${servers.brokers.join(',')} in ${secondsSince(t)}`);
  const env = servers.appEnv();
  const landPort = await freePort();
  const land = new AppProcess(
    'land-conciliation',
    'land',
    landPort,
    { ...env, LAND_PORT: String(landPort), LOG_LEVEL: 'info' },
    '/ready',
  );
  const gateway = async (label: string) => {
    const port = await freePort();
    return new AppProcess(
      'gateway',
      label,
      port,
      { ...env, GATEWAY_PORT: String(port), RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'info' },
      '/api/ready',
    );
  };
  const gateways: [AppProcess, AppProcess] = [await gateway('gateway-a'), await gateway('gateway-b')];
  t = Date.now();
  await land.start();
  await Promise.all(gateways.map((g) => g.start()));
  say(`land service and two gateways ready in ${secondsSince(t)}`);
  return { servers, land, gateways };
}

/** Before each scenario: every part serves again (the previous scenario's restart is complete). */
async function allReady(p: Platform): Promise<void> {
  const probes: [string, string][] = [
    [p.land.url, '/ready'],
    ...p.gateways.map((g): [string, string] => [g.url, '/api/ready']),
  ];
  const end = Date.now() + RECOVERY_BOUND_MS;
  for (const [base, ready] of probes) {
    for (;;) {
      const ok = await fetch(`${base}${ready}`, { signal: AbortSignal.timeout(2000) })
        .then(async (r) => (await r.arrayBuffer(), r.status === 200))
        .catch(() => false);
      if (ok) break;
      if (Date.now() > end) throw new Error(`${base}${ready} not ready again`);
      await sleep(250);
    }
  }
}

/** The land service logs each command it answered from its log, and each it refused as expired. */
function landLogCounts(p: Platform): { replayed: number; expired: number } {
  let text = '';
  try {
    text = readFileSync(p.land.logFile, 'utf8');
  } catch {
    // no log yet
  }
  const count = (msg: string) => text.split(`"msg":"${msg}"`).length - 1;
  return { replayed: count('command replayed'), expired: count('command refused: past its deadline') };
}

async function runScenario(p: Platform, runTag: string, fault: Fault): Promise<ScenarioResult> {
  await allReady(p);
  const marker = `faults-${runTag} ${fault.name}`;
  const writers = new Writers({
    gateways: p.gateways.map((g) => g.url),
    token: () => tokenFor('secretaire.segou'),
    writers: WRITERS,
    paceMs: PACE_MS,
    marker,
  });
  const logBefore = landLogCounts(p);
  const t0 = Date.now();
  writers.start();
  await sleep(BEFORE_MS);
  const inFlight = writers.filings.filter((f) => !f.settled).length;
  await fault.kill();
  say(`  ${fault.name}: killed at ${secondsSince(t0)} (${inFlight} filings in flight)`);
  await sleep(DOWN_MS);
  const restartedAt = Date.now();
  const restarted = fault.restart();
  say(`  ${fault.name}: restarting at ${secondsSince(t0)}`);
  // Load goes on until a client gets a 2xx after the restart, and a few seconds more.
  const end = restartedAt + RECOVERY_BOUND_MS;
  while (Date.now() < end) {
    const ok = writers.filings.some((f) => {
      const last = f.attempts.at(-1);
      return (
        f.final === 'acked' &&
        last !== undefined &&
        last.endedAt >= restartedAt &&
        (fault.via === undefined || last.gateway === fault.via)
      );
    });
    if (ok) break;
    await sleep(200);
  }
  await sleep(AFTER_FIRST_OK_MS);
  await writers.stop();
  await restarted;
  say(`  ${fault.name}: load stopped at ${secondsSince(t0)}; checking`);
  const outboxLeft = await outboxLeftAfter(p.servers.pg, 30_000);
  const rows = await caseRowsOf(p.servers.pg, marker);
  const events = await filedEvents(p.servers.brokers);
  const logAfter = landLogCounts(p);
  return assess({
    scenario: fault.name,
    filings: writers.filings,
    rows,
    events,
    outboxLeft,
    restartedAt,
    recoveryVia: fault.via,
    serviceReplays: logAfter.replayed - logBefore.replayed,
    expiredRefused: logAfter.expired - logBefore.expired,
  });
}

function faultsOf(p: Platform): Fault[] {
  const [gatewayA] = p.gateways;
  return [
    {
      name: 'broker',
      kill: () => p.servers.killKafka(),
      restart: () => p.servers.startKafka(false),
    },
    {
      name: 'land',
      kill: () => p.land.kill(),
      restart: () => p.land.startInBackground(),
    },
    {
      name: 'gateway',
      via: gatewayA.url,
      kill: () => gatewayA.kill(),
      restart: () => gatewayA.startInBackground(),
    },
    {
      name: 'postgres',
      kill: () => p.servers.killPostgres(),
      restart: () => p.servers.startPostgres(),
    },
  ];
}

async function main(): Promise<number> {
  const started = Date.now();
  const args = process.argv.slice(2);
  const only = new Set(args.filter((a) => !a.startsWith('--')));
  const build = !args.includes('--no-build');
  const runTag = `${new Date().toISOString().slice(0, 19)}-${randomBytes(2).toString('hex')}`;
  let platform: Platform | undefined;
  const stopAll = async () => {
    if (!platform) return;
    const p = platform;
    platform = undefined;
    await Promise.all([p.land, ...p.gateways].map((a) => a.stop().catch(() => undefined)));
    await p.servers.stopAll();
  };
  const watchdog = setTimeout(() => {
    process.stderr.write(`faults: the run passed its bound of ${RUN_BOUND_MS / 60_000} min: stopping\n`);
    void stopAll().finally(() => process.exit(2));
  }, RUN_BOUND_MS);
  watchdog.unref();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void stopAll().finally(() => process.exit(130)));
  }

  const results: ScenarioResult[] = [];
  let setupFailure: unknown;
  try {
    platform = await startPlatform(build);
    for (const fault of faultsOf(platform)) {
      if (only.size > 0 && !only.has(fault.name)) continue;
      const t = Date.now();
      say(`scenario ${fault.name}`);
      const r = await runScenario(platform, runTag, fault);
      results.push(r);
      say(`  ${fault.name}: ${r.passed ? 'pass' : 'FAIL'} in ${secondsSince(t)}`);
    }
  } catch (err) {
    setupFailure = err;
    process.stderr.write(`faults: ${err instanceof Error ? err.message : String(err)}\n`);
  } finally {
    await stopAll();
  }

  const table = formatTable(results);
  const duration = secondsSince(started);
  say('');
  say(table);
  say('');
  say(`run ${runTag}: ${duration} in all; logs in ${path.relative(process.cwd(), FAULTS_DIR)}/logs`);
  mkdirSync(FAULTS_DIR, { recursive: true });
  writeFileSync(path.join(FAULTS_DIR, 'latest.md'), `run ${runTag} (${duration})\n\n${table}\n`);
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed + (setupFailure ? 1 : 0);
  say(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`faults: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
