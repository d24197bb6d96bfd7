/**
 * `npm run ccs:rotate-key`: re-encrypts every complainant identity of the `security` schema with the
 * current key of `CCS_IDENTITY_KEYS` (the first entry). Steps: put the new key first, keep the old ones
 * after it (`new:BASE64,old:BASE64`), restart the service (it reads both), run this, then drop the old
 * keys once it reports 0 left. Prints counts only, never an identity or a key.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadPlatformConfig } from '@prosmed/config';
import { loadIdentityKeys } from '../grievances/identity-cipher';
import { rotateIdentityKeys } from '../grievances/identity-rotation';

async function main(): Promise<void> {
  const keys = loadIdentityKeys(process.env);
  const pg = loadPlatformConfig('security-committees-rotate-key').postgres;
  const ds = new DataSource({
    type: 'postgres',
    host: pg.host,
    port: pg.port,
    username: pg.user,
    password: pg.password || undefined,
    database: pg.database,
  });
  await ds.initialize();
  try {
    const { rotated, left } = await rotateIdentityKeys(ds, keys);
    process.stdout.write(`${rotated} identities re-encrypted with key ${keys.currentId}; ${left} left\n`);
    if (left > 0) process.exitCode = 1;
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  // The message of a config error names the variable, never its value.
  process.stderr.write(`ccs:rotate-key failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
