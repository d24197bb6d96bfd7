/**
 * `npm run bench:profile`: where the CPU of a request goes. Starts a land instance (direct routes on) and a
 * gateway of its own, both with a preloaded V8 profiler (bench/lib/cpu-profile-hook.cjs), loads them
 * for `--seconds` at `--concurrency`, and prints the functions and packages with the most self time.
 * Profiles land in bench/results/profiles/ (open them in Chrome DevTools, Performance tab, to dig in).
 *
 *   direct-write   land instance, POST /direct/cases (HTTP -> CasesService.file -> PostgreSQL)
 *   gateway-*      gateway and land instance, through Kafka: POST /api/v1/cases when the gateway has the
 *                  route, else GET /api/v1/cofos/SEG01 (the same request-reply machinery, smaller work)
 * The profiled land instance shares the land consumer group with the running one: it handles the share
 * of the Kafka requests whose partitions it is assigned. Loopback only.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig } from '@prosmed/config';
import { byOwner, busyMs, topFunctions, type CpuProfile } from './lib/cpuprofile';
import { LoopbackClient } from './lib/http';
import { closedLoop, type Send } from './lib/load';
import { table } from './lib/report';
import { distStale, RESULTS_DIR, runCommand, startNode, waitFor, type StartedProcess } from './lib/stack';
import { demoTokenSource } from './lib/token';
import { filingBody } from './run';

const say = (s = '') => process.stdout.write(`${s}\n`);
const PROFILES = join(RESULTS_DIR, 'profiles');
const HOOK = join(__dirname, 'lib', 'cpu-profile-hook.cjs');

function arg(name: string, def: number): number {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split('=')[1]) : def;
}

async function profiled(
  proc: StartedProcess,
  file: string,
  load: () => Promise<{ ok: number; throughput: number }>,
): Promise<{ ok: number; throughput: number; profile: CpuProfile }> {
  rmSync(file, { force: true });
  rmSync(`${file}.started`, { force: true });
  process.kill(proc.pid, 'SIGUSR2');
  await waitFor(async () => existsSync(`${file}.started`), 5000, 50);
  const r = await load();
  process.kill(proc.pid, 'SIGUSR2');
  if (!(await waitFor(async () => existsSync(file), 15_000, 100)))
    throw new Error(`no profile written to ${file}`);
  await new Promise((res) => setTimeout(res, 300));
  return { ...r, profile: JSON.parse(readFileSync(file, 'utf8')) as CpuProfile };
}

function summary(title: string, p: CpuProfile, requests: number): string {
  const busy = busyMs(p);
  const owners = byOwner(p).slice(0, 15);
  const fns = topFunctions(p, 25);
  return [
    `== ${title}: ${Math.round(busy)} ms busy for ${requests} requests = ${(busy / Math.max(1, requests)).toFixed(2)} ms CPU per request`,
    table(
      ['owner', 'self ms', '%', 'ms/request'],
      owners.map((o) => [
        o.owner,
        o.selfMs,
        o.pct,
        Math.round((o.selfMs / Math.max(1, requests)) * 1000) / 1000,
      ]),
    ),
    '',
    table(
      ['function', 'where', 'self ms', '%'],
      fns.map((f) => [f.name.slice(0, 48), f.where.slice(0, 80), f.selfMs, f.pct]),
    ),
  ].join('\n');
}

/** Kafka messages a service handled so far, from its Prometheus counter. */
async function handledCount(port: number): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
  let n = 0;
  for (const m of text.matchAll(/^prosmed_messages_handled_total\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}

async function main(): Promise<number> {
  const seconds = arg('seconds', 15);
  const concurrency = arg('concurrency', 4);
  const cfg = loadPlatformConfig('prosmed-bench-profile');
  mkdirSync(PROFILES, { recursive: true });
  if (distStale(['apps/land-conciliation/src/direct/direct.module.ts'])) {
    const r = await runCommand('npm', ['run', 'build']);
    if (r.code !== 0) throw new Error('npm run build failed');
  }
  const started: StartedProcess[] = [];
  const out: string[] = [];
  const tokens = demoTokenSource(cfg.keycloak.issuer, 'secretaire.segou');
  try {
    await tokens.start();
    const landPort = arg('land-port', 3192);
    const gwPort = arg('gateway-port', 3193);
    const land = await startNode({
      entry: 'dist/apps/land-conciliation/src/main.js',
      nodeArgs: ['-r', HOOK],
      env: {
        LAND_DIRECT_HTTP: 'true',
        LAND_PORT: String(landPort),
        BENCH_PROFILE_FILE: join(PROFILES, 'land.cpuprofile'),
      },
      readyUrl: `http://127.0.0.1:${landPort}/ready`,
      logFile: join(RESULTS_DIR, 'profile-land.log'),
    });
    started.push(land);
    const body = filingBody(new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10));
    const json = { 'content-type': 'application/json' };

    const dc = new LoopbackClient(`http://127.0.0.1:${landPort}`);
    const directSend: Send = async () => (await dc.send('POST', '/direct/cases', json, body, false)).status;
    await closedLoop({ concurrency, warmupMs: 0, durationMs: 3000, send: directSend }); // JIT warm-up
    const d = await profiled(land, join(PROFILES, 'land.cpuprofile'), () =>
      closedLoop({ concurrency, warmupMs: 0, durationMs: seconds * 1000, send: directSend }),
    );
    writeFileSync(join(PROFILES, 'direct-write.land.cpuprofile'), JSON.stringify(d.profile));
    out.push(
      summary(`land, direct POST /direct/cases at c=${concurrency} (${d.throughput} req/s)`, d.profile, d.ok),
    );
    dc.close();

    const gateway = await startNode({
      entry: 'dist/apps/gateway/src/main.js',
      nodeArgs: ['-r', HOOK],
      env: {
        GATEWAY_PORT: String(gwPort),
        RATE_LIMIT_MAX: '1000000000',
        BENCH_PROFILE_FILE: join(PROFILES, 'gateway.cpuprofile'),
      },
      readyUrl: `http://127.0.0.1:${gwPort}/api/ready`,
      logFile: join(RESULTS_DIR, 'profile-gateway.log'),
    });
    started.push(gateway);
    const gc = new LoopbackClient(`http://127.0.0.1:${gwPort}`);
    const docs = await fetch(`http://127.0.0.1:${gwPort}/api/docs-json`).then(
      (r) => r.json() as Promise<{ paths: Record<string, { post?: unknown }> }>,
    );
    const hasPost = !!docs.paths['/api/v1/cases']?.post;
    const auth = () => ({ authorization: `Bearer ${tokens.current}` });
    const send: Send = hasPost
      ? async () =>
          (
            await gc.send(
              'POST',
              '/api/v1/cases',
              { ...json, ...auth(), 'idempotency-key': `prof-${randomUUID()}` },
              body,
              false,
            )
          ).status
      : async () => (await gc.send('GET', '/api/v1/cofos/SEG01', auth(), undefined, false)).status;
    const what = hasPost
      ? 'POST /api/v1/cases'
      : 'GET /api/v1/cofos/SEG01 (no POST /api/v1/cases in the gateway yet)';
    await waitFor(async () => (await send(0)) < 300, 30_000, 500);
    await closedLoop({ concurrency, warmupMs: 0, durationMs: 3000, send });
    // Both processes sample the same window; land counts the Kafka requests it handled itself.
    const handledBefore = await handledCount(landPort);
    process.kill(land.pid, 'SIGUSR2');
    const g = await profiled(gateway, join(PROFILES, 'gateway.cpuprofile'), () =>
      closedLoop({ concurrency, warmupMs: 0, durationMs: seconds * 1000, send }),
    );
    process.kill(land.pid, 'SIGUSR2');
    const handled = (await handledCount(landPort)) - handledBefore;
    await waitFor(async () => existsSync(join(PROFILES, 'land.cpuprofile')), 15_000, 100);
    await new Promise((res) => setTimeout(res, 300));
    const lp = JSON.parse(readFileSync(join(PROFILES, 'land.cpuprofile'), 'utf8')) as CpuProfile;
    writeFileSync(join(PROFILES, 'gateway-path.gateway.cpuprofile'), JSON.stringify(g.profile));
    writeFileSync(join(PROFILES, 'gateway-path.land.cpuprofile'), JSON.stringify(lp));
    out.push(summary(`gateway, ${what} at c=${concurrency} (${g.throughput} req/s)`, g.profile, g.ok));
    out.push(
      summary(
        `land, ${what} over Kafka (${handled} of the ${g.ok} requests were its partitions')`,
        lp,
        handled,
      ),
    );
    gc.close();
  } finally {
    tokens.stop();
    for (const p of started.reverse()) await p.stop().catch(() => undefined);
  }
  const text = out.join('\n\n');
  say(text);
  writeFileSync(join(PROFILES, 'summary.txt'), `${text}\n`);
  say(`\nprofiles and summary.txt in bench/results/profiles/`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `bench:profile: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
