import { randomUUID } from 'node:crypto';
import { LoopbackClient } from './lib/http';
import { closedLoop, type Send } from './lib/load';

/**
 * The CCS service through the gateway: its main write (a CCS secretary records an activity, with an
 * Idempotency-Key, as the web app does) and its main read (list her CCS's activities, first page), each
 * at concurrency 1 (latency) and 8 (throughput). Figures in ms and requests per second, plus error
 * counts so a run that failed is not read as fast. Wired into `npm run bench` by `bench/services.ts`.
 */
const WARMUP_MS = 500;
const DURATION_MS = 3000;

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

function activityBody(n: number): string {
  return JSON.stringify({
    ccsCode: 'CCS-SEGOU',
    type: 'awareness-session',
    startOn: daysAgo(1 + (n % 300)),
    placeCode: 'ML-SEG-SEG-SEG',
    theme: 'Séance de sensibilisation (bench)',
    forces: ['police'],
    participants: { total: 80, women: 35, youth: 40, fds: 6 },
  });
}

const errorCount = (errors: Record<string, number>) => Object.values(errors).reduce((a, b) => a + b, 0);

export async function benchSecurity(
  gatewayUrl: string,
  token: (user: string) => Promise<string>,
): Promise<Record<string, number>> {
  const client = new LoopbackClient(gatewayUrl, 32);
  const auth = { authorization: `Bearer ${await token('ccs.segou')}` };
  let sent = 0;
  const write: Send = async () => {
    const r = await client.send(
      'POST',
      '/api/v1/ccs-activities',
      { ...auth, 'content-type': 'application/json', 'idempotency-key': `bench-${randomUUID()}` },
      activityBody(sent++),
      false,
    );
    return r.status;
  };
  const read: Send = async () =>
    (await client.send('GET', '/api/v1/ccs-activities?ccsCode=CCS-SEGOU&limit=20', auth, undefined, false))
      .status;

  try {
    return await measure(write, read);
  } finally {
    client.close();
  }
}

async function measure(write: Send, read: Send): Promise<Record<string, number>> {
  const first = await write(0);
  if (first !== 201) throw new Error(`POST /api/v1/ccs-activities answered ${first}`);
  const w1 = await closedLoop({ concurrency: 1, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: write });
  const w8 = await closedLoop({ concurrency: 8, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: write });
  const r1 = await closedLoop({ concurrency: 1, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: read });
  const r8 = await closedLoop({ concurrency: 8, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: read });
  return {
    recordActivityP50Ms: w1.latency.p50,
    recordActivityP99Ms: w1.latency.p99,
    recordActivityC8PerSec: w8.throughput,
    recordActivityC8P99Ms: w8.latency.p99,
    recordActivityErrors: errorCount(w1.errors) + errorCount(w8.errors),
    listActivitiesP50Ms: r1.latency.p50,
    listActivitiesP99Ms: r1.latency.p99,
    listActivitiesC8PerSec: r8.throughput,
    listActivitiesC8P99Ms: r8.latency.p99,
    listActivitiesErrors: errorCount(r1.errors) + errorCount(r8.errors),
  };
}
