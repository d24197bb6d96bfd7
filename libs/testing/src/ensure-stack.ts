import { Client } from 'pg';
import { ensureStack, pgConnection, testConfig } from './stack';

/** Reuses or starts the real stack, then makes sure the platform database exists. */
async function main(): Promise<void> {
  await ensureStack();
  const cfg = testConfig();
  const admin = new Client({ ...pgConnection(cfg), database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [cfg.postgres.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${cfg.postgres.database}"`);
  } finally {
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(`[testing] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
