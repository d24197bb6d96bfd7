import { Client } from 'pg';
import { ensureStack, pgConnection, testConfig } from './stack';

/** Jest global setup of the integration project: a real stack, and the platform database. */
export default async function globalSetup(): Promise<void> {
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
