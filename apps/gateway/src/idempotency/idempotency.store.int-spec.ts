import { randomUUID } from 'node:crypto';
import { JsonLogger } from '@prosmed/messaging';
import { createServiceDataSource, runMigrations } from '@prosmed/persistence';
import { testConfig } from '@prosmed/testing';
import { loadGatewayConfig } from '../config';
import { IdempotencyStore } from './idempotency.store';
import { GATEWAY_MIGRATIONS, GATEWAY_SCHEMA } from './migrations';

const ds = createServiceDataSource({
  schema: GATEWAY_SCHEMA,
  postgres: testConfig().postgres,
  entities: [],
  migrations: GATEWAY_MIGRATIONS,
  applicationName: 'prosmed-gateway-it',
});
const logger = new JsonLogger({ service: 'gateway', level: 'silent' });
const storeWith = (ttlMs: number) => {
  const cfg = loadGatewayConfig({});
  return new IdempotencyStore(ds, { ...cfg, idempotency: { ...cfg.idempotency, ttlMs } }, logger);
};
const answer = {
  status: 201,
  body: { code: 'SEG01', version: 1 },
  headers: { location: '/api/v1/cofos/SEG01' },
};

beforeAll(async () => {
  await ds.initialize();
  await runMigrations(ds, GATEWAY_SCHEMA);
});
afterAll(async () => {
  await ds.destroy();
});

describe('idempotency keys in PostgreSQL', () => {
  const store = storeWith(24 * 3600_000);

  it('claims a key once; a duplicate sees it in progress, then the stored answer; another request is a mismatch', async () => {
    const sub = randomUUID();
    expect(await store.claim(sub, 'key-00000001', 'h1', 'r1')).toEqual({ kind: 'claimed' });
    expect(await store.claim(sub, 'key-00000001', 'h1', 'r2')).toEqual({ kind: 'in_progress' });
    expect(await store.claim(sub, 'key-00000001', 'h2', 'r3')).toEqual({ kind: 'mismatch' });
    await store.complete(sub, 'key-00000001', 'h1', answer);
    expect(await store.claim(sub, 'key-00000001', 'h1', 'r4')).toEqual({ kind: 'completed', answer });
    // Keys belong to a caller: another one may use the same key.
    expect(await store.claim(randomUUID(), 'key-00000001', 'h9', 'r5')).toEqual({ kind: 'claimed' });
  });

  it('releases a claim without a definite answer, so a retry runs again', async () => {
    const sub = randomUUID();
    await store.claim(sub, 'key-00000002', 'h1', 'r1');
    await store.release(sub, 'key-00000002', 'h1');
    expect(await store.claim(sub, 'key-00000002', 'h1', 'r2')).toEqual({ kind: 'claimed' });
  });

  it('lets exactly one of concurrent duplicates claim the key', async () => {
    const sub = randomUUID();
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.claim(sub, 'key-00000003', 'h1', `r${i}`)),
    );
    expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
    expect(claims.filter((c) => c.kind === 'in_progress')).toHaveLength(9);
  });

  it('takes over the claim of a request whose gateway died (lock lapsed), for the same request only', async () => {
    const sub = randomUUID();
    await store.claim(sub, 'key-00000004', 'h1', 'r1');
    await ds.query(
      `UPDATE "gateway"."idempotency_keys" SET "locked_until" = now() - interval '1 second' WHERE "subject" = $1`,
      [sub],
    );
    expect(await store.claim(sub, 'key-00000004', 'h2', 'r2')).toEqual({ kind: 'mismatch' });
    expect(await store.claim(sub, 'key-00000004', 'h1', 'r3')).toEqual({ kind: 'claimed' });
  });

  it('forgets expired keys: a new request may use them, and the purge deletes them', async () => {
    const shortLived = storeWith(50);
    const sub = randomUUID();
    await shortLived.claim(sub, 'key-00000005', 'h1', 'r1');
    await shortLived.complete(sub, 'key-00000005', 'h1', answer);
    await shortLived.claim(sub, 'key-00000006', 'h1', 'r1');
    await new Promise((r) => setTimeout(r, 120));
    expect(await shortLived.claim(sub, 'key-00000005', 'h2', 'r2')).toEqual({ kind: 'claimed' });
    expect(await shortLived.purge()).toBeGreaterThanOrEqual(1);
    const left: { key: string }[] = await ds.query(
      `SELECT "key" FROM "gateway"."idempotency_keys" WHERE "subject" = $1`,
      [sub],
    );
    // key-00000006 expired and is gone; key-00000005 was claimed again just now.
    expect(left.map((r) => r.key)).toEqual(['key-00000005']);
  });
});
