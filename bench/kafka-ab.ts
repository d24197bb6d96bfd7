/**
 * `npx tsx bench/kafka-ab.ts --label=<name>`: what the Kafka options of libs/messaging cost, on instances
 * of the current dist/ (run `npm run build` after changing kafka-options.ts). Starts a land instance and a
 * gateway of its own on spare loopback ports, then measures:
 *   - idle CPU: ms of CPU per second of each process with no request at all (the consumers' fetch loops);
 *   - request-reply through Kafka: GET /api/v1/cofos/SEG01, p50/p99 at c=1 and req/s at c=8, and CPU per
 *     request by process (gateway, land instance, Kafka broker).
 * Appends one row to bench/results/kafka-ab.json and prints the table of every row so far.
 * The land instance shares the land consumer group with a land service already running, if any: requests
 * on partitions that one owns are answered by it (the row says how many this instance handled).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlatformConfig } from '@prosmed/config';
import { LoopbackClient } from './lib/http';
import { closedLoop, type Send } from './lib/load';
import { table } from './lib/report';
import {
  cpuSeconds,
  pidListeningOn,
  RESULTS_DIR,
  startNode,
  waitFor,
  type StartedProcess,
} from './lib/stack';
import { round } from './lib/stats';
import { demoTokenSource } from './lib/token';

const say = (s = '') => process.stdout.write(`${s}\n`);
const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

interface AbRow {
  label: string;
  at: string;
  idleCpuMsPerSec: Record<string, number>;
  c1p50: number;
  c1p99: number;
  c8throughput: number;
  c8p99: number;
  cpuMsPerRequest: Record<string, number>;
  landHandledShare: number;
}

function arg(name: string, def: string): string {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : def;
}

async function handled(port: number): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
  let n = 0;
  for (const m of text.matchAll(/^prosmed_messages_handled_total\{[^}]*\} (\d+)/gm)) n += Number(m[1]);
  return n;
}

async function main(): Promise<number> {
  const label = arg('label', 'run');
  const seconds = Number(arg('seconds', '8'));
  const landPort = Number(arg('land-port', '3192'));
  const gwPort = Number(arg('gateway-port', '3193'));
  const cfg = loadPlatformConfig('prosmed-bench-ab');
  const started: StartedProcess[] = [];
  const tokens = demoTokenSource(cfg.keycloak.issuer, 'secretaire.segou');
  mkdirSync(RESULTS_DIR, { recursive: true });
  let row: AbRow;
  try {
    await tokens.start();
    const land = await startNode({
      entry: 'dist/apps/land-conciliation/src/main.js',
      env: { LAND_PORT: String(landPort), LOG_LEVEL: 'warn' },
      readyUrl: `http://127.0.0.1:${landPort}/ready`,
      logFile: join(RESULTS_DIR, 'ab-land.log'),
    });
    started.push(land);
    const gateway = await startNode({
      entry: 'dist/apps/gateway/src/main.js',
      env: { GATEWAY_PORT: String(gwPort), RATE_LIMIT_MAX: '1000000000' },
      readyUrl: `http://127.0.0.1:${gwPort}/api/ready`,
      logFile: join(RESULTS_DIR, 'ab-gateway.log'),
    });
    started.push(gateway);
    const kafka = pidListeningOn(Number(cfg.kafka.brokers[0]?.split(':')[1] ?? 9092));
    const procs: [string, number | undefined][] = [
      ['gateway', gateway.pid],
      ['land', land.pid],
      ['kafka', kafka],
    ];
    const cpu = () => Object.fromEntries(procs.map(([n, p]) => [n, p ? cpuSeconds(p) : NaN]));
    const delta = (a: Record<string, number>, b: Record<string, number>, per: number) =>
      Object.fromEntries(Object.keys(a).map((k) => [k, round(((b[k] - a[k]) * 1000) / per)]));

    const gc = new LoopbackClient(`http://127.0.0.1:${gwPort}`);
    const send: Send = async () =>
      (
        await gc.send(
          'GET',
          '/api/v1/cofos/SEG01',
          { authorization: `Bearer ${tokens.current}` },
          undefined,
          false,
        )
      ).status;
    if (!(await waitFor(async () => (await send(0)) === 200, 30_000, 500)))
      throw new Error('no answer through Kafka');
    await closedLoop({ concurrency: 4, warmupMs: 0, durationMs: 3000, send });

    await sleep(2000);
    const i0 = cpu();
    await sleep(10_000);
    const idle = delta(i0, cpu(), 10);

    const c1 = await closedLoop({ concurrency: 1, warmupMs: 500, durationMs: seconds * 1000, send });
    const h0 = await handled(landPort);
    const l0 = cpu();
    const c8 = await closedLoop({ concurrency: 8, warmupMs: 0, durationMs: seconds * 1000, send });
    const perReq = delta(l0, cpu(), Math.max(1, c8.ok));
    const share = round(((await handled(landPort)) - h0) / Math.max(1, c8.ok));
    gc.close();
    row = {
      label,
      at: new Date().toISOString(),
      idleCpuMsPerSec: idle,
      c1p50: c1.latency.p50,
      c1p99: c1.latency.p99,
      c8throughput: c8.throughput,
      c8p99: c8.latency.p99,
      cpuMsPerRequest: perReq,
      landHandledShare: share,
    };
  } finally {
    tokens.stop();
    for (const p of started.reverse()) await p.stop().catch(() => undefined);
  }
  const file = join(RESULTS_DIR, 'kafka-ab.json');
  const rows: AbRow[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AbRow[]) : [];
  rows.push(row);
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
  const fmt = (o: Record<string, number>) =>
    Object.entries(o)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  say(
    table(
      [
        'label',
        'idle CPU ms/s',
        'c=1 p50',
        'c=1 p99',
        'c=8 req/s',
        'c=8 p99',
        'CPU ms/request at c=8',
        'land share',
      ],
      rows.map((r) => [
        r.label,
        fmt(r.idleCpuMsPerSec),
        r.c1p50,
        r.c1p99,
        r.c8throughput,
        r.c8p99,
        fmt(r.cpuMsPerRequest),
        r.landHandledShare,
      ]),
    ),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`kafka-ab: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
