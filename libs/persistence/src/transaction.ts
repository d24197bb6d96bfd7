import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface Ambient {
  dataSource: DataSource;
  manager: EntityManager;
}

const ambient = new AsyncLocalStorage<Ambient>();

/**
 * Runs `fn` in a transaction: the ambient one when the caller is already inside one on the same data
 * source (the service kit opens one around every command, so that the command's idempotency record and
 * its effects commit together), a new one otherwise. Services write through this, never through
 * `dataSource.transaction` (lint forbids it in apps): a write outside the ambient transaction would
 * commit even when the command's record rolls back, and a retry would apply it twice.
 */
export async function inTransaction<T>(ds: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  const current = ambient.getStore();
  if (current && current.dataSource === ds) return fn(current.manager);
  return ds.transaction((manager) => ambient.run({ dataSource: ds, manager }, () => fn(manager)));
}

/** The ambient transaction's manager, if any (for code that must join it or know it is inside one). */
export function ambientManager(ds: DataSource): EntityManager | undefined {
  const current = ambient.getStore();
  return current && current.dataSource === ds ? current.manager : undefined;
}
