import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { loadPlatformConfig, type PlatformConfig } from '@prosmed/config';

export const REPO_ROOT = path.resolve(__dirname, '../../..');

export function testConfig(clientId = 'prosmed-test'): PlatformConfig {
  return loadPlatformConfig(clientId);
}

async function ok(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

/** True when PostgreSQL, Kafka and Keycloak all answer their real health checks. */
export async function stackHealthy(
  cfg = testConfig(),
): Promise<{ postgres: boolean; kafka: boolean; keycloak: boolean }> {
  const [postgres, kafka, keycloak] = await Promise.all([
    ok(async () => {
      const c = new Client({ ...pgConnection(cfg), database: 'postgres', connectionTimeoutMillis: 2000 });
      await c.connect();
      try {
        await c.query('select 1');
      } finally {
        await c.end();
      }
    }),
    ok(async () => {
      const admin = new Kafka({
        clientId: 'prosmed-test-probe',
        brokers: cfg.kafka.brokers,
        connectionTimeout: 2000,
        retry: { retries: 0 },
        logLevel: logLevel.NOTHING,
      }).admin();
      await admin.connect();
      try {
        await admin.describeCluster();
      } finally {
        await admin.disconnect();
      }
    }),
    ok(async () => {
      const u = new URL(cfg.keycloak.url);
      const res = await fetch(`${u.protocol}//${u.hostname}:${cfg.keycloak.managementPort}/health/ready`, {
        signal: AbortSignal.timeout(3000),
      });
      if (!res.ok) throw new Error(String(res.status));
    }),
  ]);
  return { postgres, kafka, keycloak };
}

/** Reuses a running stack, or starts one with the project's own runner (`npm run stack:up`). */
export async function ensureStack(): Promise<void> {
  const h = await stackHealthy();
  if (h.postgres && h.kafka && h.keycloak) return;
  console.log(`[testing] stack not healthy (${JSON.stringify(h)}): starting it with the stack runner`);
  const res = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'deploy/local/cli.ts', 'up'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    timeout: 15 * 60_000,
  });
  if (res.status !== 0) throw new Error(`stack:up failed (exit ${res.status ?? res.signal})`);
}

export function pgConnection(cfg: PlatformConfig) {
  return {
    host: cfg.postgres.host,
    port: cfg.postgres.port,
    user: cfg.postgres.user,
    password: cfg.postgres.password || undefined,
    database: cfg.postgres.database,
  };
}
