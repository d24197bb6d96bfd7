import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import type { PostgresConfig } from '@prosmed/config';
import {
  BENCH_SCHEMA,
  benchSchemaSql,
  CASE_SEQ_SQL,
  caseSeqText,
  COPIED_TABLES,
  dropBenchSchemaSql,
  shapeDiff,
  shapeQuery,
} from '../pgbench/schema';

export const PGBENCH = '/usr/bin/pgbench';
export const FILE_CASE_SCRIPT = join(__dirname, '..', 'pgbench', 'file-case.sql');

export interface PgbenchResult {
  clients: number;
  /** Each client in a CoFo of its own (`true`) or all in SEG01. */
  spread: boolean;
  threads: number;
  seconds: number;
  tps: number;
  latencyAvgMs: number;
  latencyStddevMs?: number;
  transactions: number;
  failed: number;
}

/** Pure: the figures of pgbench's summary (PostgreSQL 15 wording). */
export function parsePgbench(
  out: string,
): Pick<PgbenchResult, 'tps' | 'latencyAvgMs' | 'latencyStddevMs' | 'transactions' | 'failed'> {
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(out);
    return m ? Number(m[1]) : undefined;
  };
  const tps = num(/^tps = ([\d.]+) \(without initial connection time\)/m) ?? num(/^tps = ([\d.]+)/m);
  const latencyAvgMs = num(/^latency average = ([\d.]+) ms/m);
  if (tps === undefined || latencyAvgMs === undefined) {
    throw new Error(`unexpected pgbench output:\n${out.slice(-2000)}`);
  }
  return {
    tps,
    latencyAvgMs,
    latencyStddevMs: num(/^latency stddev = ([\d.]+) ms/m),
    transactions: num(/^number of transactions actually processed: (\d+)/m) ?? 0,
    failed: num(/^number of failed transactions: (\d+)/m) ?? 0,
  };
}

function pgClient(pg: PostgresConfig): Client {
  return new Client({
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password || undefined,
    database: pg.database,
    application_name: 'prosmed-bench',
  });
}

/** Sequences the case-number check tries: the edges of four digits and a larger one. */
export const CASE_SEQ_SAMPLES = [1, 42, 9999, 10000, 123456] as const;

/**
 * Creates schema `bench` (dropped first if a previous run left it) with `benchCofos` spread-mode CoFos,
 * checks that the script numbers cases as the land service does, and returns the drift report.
 */
export async function setupBenchSchema(pg: PostgresConfig, benchCofos: number): Promise<string[]> {
  const c = pgClient(pg);
  await c.connect();
  try {
    for (const sql of benchSchemaSql(benchCofos)) await c.query(sql);
    for (const seq of CASE_SEQ_SAMPLES) {
      const sql = `SELECT ${CASE_SEQ_SQL.replace(/:last/g, '$1')} AS s`;
      const got = (await c.query<{ s: string }>(sql, [seq])).rows[0]?.s;
      if (got !== caseSeqText(seq)) {
        throw new Error(`file-case.sql numbers case ${seq} "${got}", the land service "${caseSeqText(seq)}"`);
      }
    }
    const drift: string[] = [];
    for (const { table, from } of COPIED_TABLES) {
      const shape = async (schema: string) =>
        (await c.query<{ line: string }>(shapeQuery, [schema, table])).rows.map((r) => r.line);
      const platform = await shape(from);
      if (platform.length === 0) continue; // that service never ran here: nothing to compare with
      for (const d of shapeDiff(platform, await shape(BENCH_SCHEMA))) drift.push(`${from}.${table}: ${d}`);
    }
    return drift;
  } finally {
    await c.end();
  }
}

export async function dropBenchSchema(pg: PostgresConfig): Promise<void> {
  const c = pgClient(pg);
  await c.connect();
  try {
    await c.query(dropBenchSchemaSql);
  } finally {
    await c.end();
  }
}

/** Runs the filing script: `-M extended` (bind parameters like node-pg), `-n` (no pgbench tables). */
export function runPgbench(
  pg: PostgresConfig,
  opts: { clients: number; seconds: number; year: number; filedOn: string; spread: boolean },
): Promise<PgbenchResult> {
  const threads = Math.min(2, opts.clients);
  const args = [
    '-h',
    pg.host,
    '-p',
    String(pg.port),
    '-U',
    pg.user,
    '-n',
    '-M',
    'extended',
    '-c',
    String(opts.clients),
    '-j',
    String(threads),
    '-T',
    String(opts.seconds),
    '-D',
    `year=${opts.year}`,
    '-D',
    `filed_on=${opts.filedOn}`,
    '-D',
    `spread=${opts.spread ? 1 : 0}`,
    '-f',
    FILE_CASE_SCRIPT,
    pg.database,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(PGBENCH, args, {
      env: { ...process.env, PGPASSWORD: pg.password, PGAPPNAME: 'prosmed-bench-pgbench' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`pgbench exited ${code}:\n${out.slice(-2000)}`));
      try {
        resolve({
          clients: opts.clients,
          spread: opts.spread,
          threads,
          seconds: opts.seconds,
          ...parsePgbench(out),
        });
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}
