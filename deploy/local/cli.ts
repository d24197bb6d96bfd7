/**
 * The local stack runner (no Docker): PostgreSQL, Kafka 4.1 (KRaft) and Keycloak 26 on this machine, and the
 * platform's apps on top. `npm run stack:up|stack:down|stack:status`, `npm start|stop|status`.
 * State (PIDs, Kafka data, server logs) lives outside the clone in ${PROSMED_CACHE:-~/.cache/prosmed}.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { APPS, appPort, loadPlatformConfig, type AppSpec } from '@prosmed/config';
import { allTopics } from '@prosmed/contracts';
import { appBaseUrl, appEntry, appHealthUrl, appHealthy, planAppStarts, presentApps, startApp } from './apps';
import { StackError, errorText, say, seconds } from './errors';
import { createKafkaDriver, ensureTopics } from '@prosmed/messaging';
import { withLock } from './lock';
import { listenerOf, portConflicts, probePorts } from './ports';
import {
  groupRssKb,
  liveRecord,
  removeRecord,
  stopGroup,
  tailFile,
  writeRecord,
  type PidRecord,
} from './proc';
import { loadDemoUsers } from './realm';
import { loadStackSettings, tilde, type StackSettings } from './settings';
import {
  down,
  formatStatusRows,
  infraStatus,
  newContext,
  printStackSummary,
  rollback,
  stackHealthy,
  up,
  type PartStatus,
  type RunContext,
} from './stack';
import { waitHealthy } from './wait';

const USAGE = 'usage: tsx deploy/local/cli.ts <up|down|status|start|stop|topics [--drop-legacy]>';

async function cmdUp(s: StackSettings, ctx: RunContext): Promise<void> {
  const r = await up(s, ctx);
  printStackSummary(s, r);
}

async function cmdStatus(s: StackSettings): Promise<number> {
  const rows = await infraStatus(s);
  const appRows = await appStatus(s);
  say('Infrastructure:');
  for (const l of formatStatusRows(rows)) say(l);
  say('Apps:');
  for (const l of formatStatusRows(appRows)) say(l);
  const appsOk = appRows.every((r) => r.state !== 'unhealthy');
  const ok = stackHealthy(rows) && appsOk;
  say(ok ? 'Stack healthy.' : 'Stack NOT healthy (see above; `npm run stack:up` starts what is missing).');
  return ok ? 0 : 1;
}

async function appStatus(s: StackSettings): Promise<PartStatus[]> {
  const present = new Set(presentApps(s).map((a) => a.name));
  const probes = await probePorts(APPS.map((a) => appPort(a)));
  return Promise.all(
    APPS.map(async (app): Promise<PartStatus> => {
      const url = appHealthUrl(app);
      if (!present.has(app.name))
        return {
          name: app.name,
          url,
          answers: false,
          state: 'absent',
          note: 'no apps/' + app.name + '/src/main.ts',
        };
      const rec = liveRecord(s.apps.pidsDir, app.name);
      const healthy = await appHealthy(app);
      if (rec)
        return {
          name: app.name,
          url,
          answers: healthy,
          pid: rec.pid,
          rssKb: groupRssKb(rec.pid),
          state: healthy ? 'healthy' : 'unhealthy',
        };
      if (healthy || probes.get(appPort(app))?.inUse) {
        const l = listenerOf(appPort(app));
        return {
          name: app.name,
          url,
          answers: healthy,
          pid: l?.pid,
          state: 'not ours',
          note: [healthy ? 'answers' : 'does not answer', l?.command].filter(Boolean).join(', '),
        };
      }
      return { name: app.name, url, answers: false, state: 'not started' };
    }),
  );
}

function runBuild(s: StackSettings): Promise<void> {
  mkdirSync(s.apps.logsDir, { recursive: true });
  const log = join(s.apps.logsDir, 'build.log');
  const fd = openSync(log, 'w');
  return new Promise<void>((resolve, reject) => {
    // The apps, then the web app the gateway serves at / (apps/web/dist).
    const child = spawn('sh', ['-c', 'npm run build && npm run web:build'], {
      cwd: s.cloneDir,
      stdio: ['ignore', fd, fd],
      env: process.env,
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) return resolve();
      const lines = tailFile(log, 30);
      say(`--- last ${lines.length} lines of ${tilde(log)} ---`);
      for (const l of lines) say(l);
      say('---');
      reject(new StackError(`npm run build or web:build failed (exit ${code}); see ${tilde(log)}`));
    });
  }).finally(() => closeSync(fd));
}

async function startApps(s: StackSettings, ctx: RunContext, apps: AppSpec[]): Promise<void> {
  const launch = async (app: AppSpec) => {
    const t = Date.now();
    if (!existsSync(appEntry(s, app))) {
      throw new StackError(`${app.name}: the build produced no ${tilde(appEntry(s, app))}`);
    }
    const rec = startApp(s, app);
    writeRecord(s.apps.pidsDir, rec);
    ctx.started.push({ rec, dir: s.apps.pidsDir, label: app.name });
    say(`${app.name}: starting (pid ${rec.pid}, log ${tilde(rec.logFile ?? '')})...`);
    await waitHealthy(() => appHealthy(app), {
      what: app.name,
      timeoutMs: 90_000,
      signal: ctx.signal,
      process: rec,
      logLines: 30,
    });
    say(`${app.name}: healthy on ${appBaseUrl(app)} in ${seconds(t)}`);
  };
  // Services together, then the gateway (last in APPS: it is ready only when the services are).
  const gateway = apps.filter((a) => a.name === 'gateway');
  const services = apps.filter((a) => a.name !== 'gateway');
  await Promise.all(services.map(launch));
  for (const g of gateway) await launch(g);
}

function printAppsSummary(s: StackSettings, apps: AppSpec[]): void {
  say('');
  for (const app of apps)
    say(
      `  ${app.name.padEnd(20)} ${appBaseUrl(app)}  (health ${app.healthPath}, log .run/logs/${app.name}.log)`,
    );
  if (apps.some((a) => a.name === 'gateway')) {
    const gw = apps.find((a) => a.name === 'gateway') as AppSpec;
    say('');
    say(`  Web app  ${appBaseUrl(gw)}/`);
    say(`  API      ${appBaseUrl(gw)}/api/v1`);
    say(`  Swagger  ${appBaseUrl(gw)}/api/docs`);
  }
  printDemoUsers(s);
}

function printDemoUsers(s: StackSettings): void {
  say('');
  say(
    `Demo users of realm ${s.keycloak.realm} (development passwords; \`npm run -s token -- <user>\` prints an access token):`,
  );
  for (const u of loadDemoUsers(s.realmFile)) {
    const scope = Object.entries(u.attributes)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    say(
      `  ${u.username.padEnd(18)} password ${u.password.padEnd(9)} roles ${u.roles.join(',').padEnd(18)} ${scope || '(no scope attribute)'}`,
    );
  }
  say('');
}

async function cmdStart(s: StackSettings, ctx: RunContext): Promise<void> {
  const apps = presentApps(s);
  // Pre-flight of the apps' ports (the stack's own are checked by `up`), before starting anything.
  const needs = apps.map((a) => ({
    port: appPort(a),
    owner: a.name,
    purpose: 'HTTP',
    running: liveRecord(s.apps.pidsDir, a.name) !== undefined,
  }));
  const conflicts = portConflicts(needs, await probePorts(needs.map((n) => n.port)));
  if (conflicts.length > 0) throw new StackError(conflicts.map((c) => c.message).join('; '));

  const r = await up(s, ctx);
  printStackSummary(s, r);
  if (apps.length === 0) {
    say('No app exists yet (no apps/<name>/src/main.ts): the stack runs, nothing else to start.');
    printDemoUsers(s);
    return;
  }
  const states = new Map<string, { running: boolean; healthy: boolean }>();
  for (const a of apps) {
    states.set(a.name, {
      running: liveRecord(s.apps.pidsDir, a.name) !== undefined,
      healthy: await appHealthy(a),
    });
  }
  const plan = planAppStarts(apps, (a) => states.get(a.name) ?? { running: false, healthy: false });
  for (const { app, healthy } of plan.keep) {
    const pid = liveRecord(s.apps.pidsDir, app.name)?.pid;
    const health = healthy ? 'healthy' : `not healthy yet: see .run/logs/${app.name}.log`;
    say(
      `${app.name}: already running (pid ${pid}, ${health}): left alone (npm stop, then npm start: a fresh build)`,
    );
  }
  if (plan.start.length > 0) {
    const t = Date.now();
    say(`Building the apps (npm run build, web:build; log .run/logs/build.log)...`);
    await runBuild(s);
    say(`Built in ${seconds(t)}.`);
    await startApps(s, ctx, plan.start);
  }
  printAppsSummary(s, apps);
}

async function stopApps(s: StackSettings): Promise<void> {
  // Reverse order: the gateway first, then the services.
  for (const app of [...APPS].reverse()) {
    const rec: PidRecord | undefined = liveRecord(s.apps.pidsDir, app.name);
    if (!rec) continue;
    const r = await stopGroup(rec, { timeoutMs: 15_000 });
    removeRecord(s.apps.pidsDir, app.name);
    say(
      `${app.name}: stopped pid ${rec.pid} in ${(r.ms / 1000).toFixed(1)} s${r.forced ? ' (killed after the bound)' : ''}`,
    );
  }
}

/**
 * The message ids of the first transport, which had a topic per route (and its `.reply`): history, kept
 * only so `topics --drop-legacy` can delete those topics from a broker that still has them.
 */
const LEGACY_MESSAGE_IDS = [
  ...['cofo.create', 'cofo.update', 'cofo.list', 'cofo.get', 'tribunal.create', 'tribunal.update'].map(
    (n) => `land.${n}.v1`,
  ),
  ...['tribunal.list', 'tribunal.get', 'case.file', 'case.list', 'case.get', 'case.step', 'case.pv'].map(
    (n) => `land.${n}.v1`,
  ),
  ...['case.homologation-request', 'case.homologation-decide', 'case.refer', 'case.close'].map(
    (n) => `land.${n}.v1`,
  ),
  ...['homologation.queue', 'pv.pdf', 'pv.check', 'place.search', 'place.get', 'place.import'].map(
    (n) => `land.${n}.v1`,
  ),
  'security.activity.record.v1',
  'security.activity.list.v1',
  'anticorruption.action.list.v1',
  'anticorruption.update.propose.v1',
  'reporting.quarterly.get.v1',
];

/** Pure: the names of the per-route topics the transport used before one request topic per service. */
function legacyRequestTopics(): string[] {
  return LEGACY_MESSAGE_IDS.flatMap((id) => [id, `${id}.reply`]);
}

async function main(argv: string[]): Promise<number> {
  // Output piped into `head` and closed early must not kill a start half-way (EPIPE): keep going silently.
  process.stdout.on('error', () => undefined);
  const cmd = argv[0];
  const s = loadStackSettings();
  const controller = new AbortController();
  const ctx = newContext(controller.signal);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const guarded = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      if (ctx.started.length > 0) {
        say(`Failed: stopping what this command started...`);
        await rollback(ctx);
      }
      throw interrupted ? new StackError('interrupted: stopped what this command had started', 130) : err;
    }
  };

  switch (cmd) {
    case 'up':
      await withLock(s.lockFile, () => guarded(() => cmdUp(s, ctx)));
      return 0;
    case 'down':
      await withLock(s.lockFile, () => down(s));
      return 0;
    case 'status':
      return cmdStatus(s);
    case 'start':
      await withLock(s.lockFile, () => guarded(() => cmdStart(s, ctx)));
      return 0;
    case 'stop':
      await withLock(s.lockFile, async () => {
        await stopApps(s);
        await down(s);
      });
      return 0;
    case 'topics': {
      // Topics only, against KAFKA_BROKERS (used by docker-compose's init service).
      const kafka = loadPlatformConfig('prosmed-stack').kafka;
      const brokers = kafka.brokers;
      const r = await ensureTopics({ brokers, clientId: 'prosmed-stack' }, allTopics());
      say(
        `topics: ${r.total} wanted, ${r.create.length} created, ${r.grow.length} grown, ${r.alter.length} reconfigured on ${brokers.join(',')}`,
      );
      if (argv.includes('--drop-legacy')) {
        // The per-route request and reply topics of the transport before one topic per service: they hold
        // up to 7 days of requests with personal data, and nothing reads them any more.
        const legacy = new Set(legacyRequestTopics());
        const admin = await createKafkaDriver(kafka, '-stack').admin();
        try {
          const gone = (await admin.listTopics()).filter((t) => legacy.has(t));
          await admin.deleteTopics(gone);
          say(`topics: ${gone.length} per-route request/reply topic(s) of the old transport deleted`);
        } finally {
          await admin.close();
        }
      }
      return 0;
    }
    default:
      throw new StackError(cmd ? `unknown command "${cmd}"; ${USAGE}` : USAGE, 2);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof StackError) {
      process.stderr.write(`stack: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    const e = err as { name?: string; message?: string };
    if (e?.name === 'ConfigError') {
      process.stderr.write(`stack: ${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`stack: unexpected failure: ${errorText(err)}\n`);
    if (process.env.PROSMED_DEBUG) console.error(err);
    process.exit(1);
  },
);
