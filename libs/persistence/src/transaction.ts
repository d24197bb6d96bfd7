import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface Ambient {
  dataSource: DataSource;
  manager: EntityManager;
  /** False once the transaction ended: work the handler left behind (a timer) must not join it. */
  open: boolean;
}

const ambient = new AsyncLocalStorage<Ambient>();

/**
 * Runs `fn` in a transaction: the ambient one when the caller is already inside one on the same data
 * source (the service kit opens one around every command, so that the command's idempotency record and
 * its effects commit together), a new one otherwise. Services write through this, never through
 * `dataSource.transaction` (lint forbids it in apps): a write outside the ambient transaction would
 * commit even when the command's record rolls back, and a retry would apply it twice.
 */
export async function inTransaction<T>(
  ds: DataSource,
  fn: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const current = ambient.getStore();
  if (current && current.open && current.dataSource === ds) return fn(current.manager);
  return ds.transaction(async (manager) => {
    const store: Ambient = { dataSource: ds, manager, open: true };
    try {
      return await ambient.run(store, () => fn(manager));
    } finally {
      store.open = false;
    }
  });
}

/** The ambient transaction's manager, if any (for code that must join it or know it is inside one). */
export function ambientManager(ds: DataSource): EntityManager | undefined {
  const current = ambient.getStore();
  return current && current.open && current.dataSource === ds ? current.manager : undefined;
}
