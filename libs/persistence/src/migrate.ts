import type { DataSource, Migration } from 'typeorm';
import { assertSchemaName } from './data-source';

/** A stable 32-bit key per schema for `pg_advisory_lock`, so two replicas never migrate at once. */
export function migrationLockKey(schema: string): number {
  let h = 0x811c9dc5;
  for (const ch of `prosmed:migrate:${schema}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Creates the schema when missing and runs pending migrations under an advisory lock, each in its own
 * transaction. The migrations table lives in the service's schema, so services never see each other's.
 */
export async function runMigrations(ds: DataSource, schema: string): Promise<Migration[]> {
  assertSchemaName(schema);
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [migrationLockKey(schema)]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    return await ds.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey(schema)]).catch(() => undefined);
    await runner.release();
  }
}

/** Reverts the last `count` migrations (newest first). Used by `migration:revert` and by tests. */
export async function revertMigrations(ds: DataSource, schema: string, count = 1): Promise<void> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [migrationLockKey(schema)]);
    for (let i = 0; i < count; i++) await ds.undoLastMigration({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey(schema)]).catch(() => undefined);
    await runner.release();
  }
}
