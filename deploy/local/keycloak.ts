import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { StackError, say } from './errors';
import { spawnDetached, tailFile, type PidRecord } from './proc';
import { tilde, type StackSettings } from './settings';
import { loadValidRealm, realmVersion } from './realm';
import { adminLogin, syncRealmToFile, type RealmSyncOutcome } from './realm-sync';
import { hasCommand, mavenError, requireMaven, runLogged, type Java } from './tools';
import { httpOk } from './wait';
import { sha1File, zipFileProblem } from './zip';

/** Build-time options (`kc.sh build`); a change of these triggers a rebuild. */
export function keycloakBuildArgs(): string[] {
  return ['--db=postgres', '--health-enabled=true', '--metrics-enabled=true'];
}

/**
 * Pure: the `kc.sh start` arguments. The hostname is pinned so the issuer is `${url}/realms/<realm>`.
 * `--import-realm` only when the realm is not in the database yet: with an existing realm it would only cost
 * start-up time (Keycloak skips it); a newer version of the file is applied by `syncRealm` instead.
 */
export function keycloakStartArgs(
  s: Pick<StackSettings, 'keycloak' | 'postgres'>,
  importRealm = true,
): string[] {
  const k = s.keycloak;
  const pg = s.postgres;
  return [
    'start',
    '--optimized',
    '--http-enabled=true',
    `--http-host=${k.host}`,
    `--http-port=${k.port}`,
    `--http-management-port=${k.managementPort}`,
    `--hostname=${k.url}`,
    // One node: local caches, no JGroups cluster discovery (no extra ports).
    '--cache=local',
    `--db-url=jdbc:postgresql://${pg.host}:${pg.port}/${k.database}`,
    `--db-username=${pg.user}`,
    ...(importRealm ? ['--import-realm'] : []),
  ];
}

const distStamp = (s: StackSettings) => join(s.keycloak.home, '.prosmed-unpacked');
const buildStamp = (s: StackSettings) => join(s.keycloak.home, '.prosmed-build.json');

export function keycloakDistReady(s: StackSettings): boolean {
  return existsSync(distStamp(s)) && existsSync(join(s.keycloak.home, 'bin', 'kc.sh'));
}

/** The distribution zip in the local Maven repository, resolved with Maven when absent; verified. */
export async function ensureKeycloakZip(
  s: StackSettings,
  signal?: AbortSignal,
): Promise<'cached' | 'downloaded'> {
  let how: 'cached' | 'downloaded' = 'cached';
  if (!existsSync(s.keycloak.zipPath)) {
    const mvn = requireMaven(`fetch Keycloak ${s.keycloak.version}`);
    say(`Keycloak: fetching keycloak-quarkus-dist ${s.keycloak.version} (zip) with Maven (once)...`);
    const log = join(s.logsDir, 'maven-keycloak.log');
    const code = await runLogged(
      mvn,
      [
        '-B',
        '-Dstyle.color=never',
        '-q',
        `-Dmaven.repo.local=${s.m2Repo}`,
        'dependency:get',
        `-Dartifact=org.keycloak:keycloak-quarkus-dist:${s.keycloak.version}:zip`,
        '-Dtransitive=false',
      ],
      { cwd: s.cacheDir, logFile: log, signal },
    );
    if (code !== 0 || !existsSync(s.keycloak.zipPath)) {
      const firstError = mavenError(log, code);
      throw new StackError(
        `Keycloak ${s.keycloak.version} download failed: ${firstError} (see ${tilde(log)})`,
      );
    }
    how = 'downloaded';
  }
  let problem = zipFileProblem(s.keycloak.zipPath);
  const shaFile = `${s.keycloak.zipPath}.sha1`;
  if (!problem && existsSync(shaFile)) {
    const expected = readFileSync(shaFile, 'utf8').trim().split(/\s+/)[0]?.toLowerCase();
    const actual = await sha1File(s.keycloak.zipPath);
    if (expected && /^[0-9a-f]{40}$/.test(expected) && expected !== actual)
      problem = `SHA-1 ${actual} instead of ${expected}`;
  }
  if (problem) {
    rmSync(s.keycloak.zipPath, { force: true });
    rmSync(shaFile, { force: true });
    throw new StackError(
      `Keycloak zip ${tilde(s.keycloak.zipPath)} is corrupt (${problem}); deleted the cached copy: run the command again to download it anew`,
    );
  }
  return how;
}

/** Unpacks the zip into the cache once (with `unzip`, else the JDK's `jar`), atomically. */
export async function ensureKeycloakDist(s: StackSettings, java: Java): Promise<'cached' | 'unpacked'> {
  if (keycloakDistReady(s)) return 'cached';
  const tmp = join(s.cacheDir, `.keycloak-unpack-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const log = join(s.logsDir, 'keycloak-unpack.log');
  try {
    const code = hasCommand('unzip')
      ? await runLogged('unzip', ['-q', '-o', s.keycloak.zipPath, '-d', tmp], { cwd: tmp, logFile: log })
      : await runLogged(java.home ? join(java.home, 'bin', 'jar') : 'jar', ['xf', s.keycloak.zipPath], {
          cwd: tmp,
          logFile: log,
        });
    const top = readdirSync(tmp).find((d) => d.startsWith('keycloak-'));
    if (code !== 0 || !top)
      throw new StackError(`could not unpack ${tilde(s.keycloak.zipPath)} (see ${tilde(log)})`);
    const home = join(tmp, top);
    for (const f of readdirSync(join(home, 'bin')).filter((f) => f.endsWith('.sh')))
      chmodSync(join(home, 'bin', f), 0o755);
    rmSync(s.keycloak.home, { recursive: true, force: true });
    renameSync(home, s.keycloak.home);
    writeFileSync(distStamp(s), `${new Date().toISOString()}\n`);
    return 'unpacked';
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Pure: JVM options appended to Keycloak's own. C1 only (TieredStopAtLevel=1): measured on 2 cores, it halves
 * the CPU time of a start (about 21 s -> 10 s) and lowers RSS; a dev server never needs C2's peak speed.
 */
export function keycloakJvmOptions(javaMajor: number): string[] {
  const opts = ['-XX:TieredStopAtLevel=1'];
  // Java 23+ warns about Netty's sun.misc.Unsafe use at every start (the flag does not exist before 23).
  if (javaMajor >= 23) opts.push('--sun-misc-unsafe-memory-access=allow');
  // Java 24+: jboss-threads needs java.lang opened, else it throws at shutdown.
  if (javaMajor >= 24) opts.push('--add-opens=java.base/java.lang=ALL-UNNAMED');
  return opts;
}

function keycloakEnv(s: StackSettings, java: Java): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JAVA_HOME: java.home,
    // Modest heap for a dev server (kc.sh would otherwise size it from the machine's memory).
    JAVA_OPTS_KC_HEAP: '-Xms128m -Xmx512m',
    // Documented development values: the master realm's bootstrap admin, created on the first start only.
    KC_BOOTSTRAP_ADMIN_USERNAME: s.keycloak.adminUser,
    KC_BOOTSTRAP_ADMIN_PASSWORD: s.keycloak.adminPassword,
  };
  if (!java.home) delete env.JAVA_HOME;
  env.JAVA_OPTS_APPEND = keycloakJvmOptions(java.major).join(' ');
  if (s.postgres.password) env.KC_DB_PASSWORD = s.postgres.password;
  return env;
}

/** `kc.sh build` once, and again when the build options change (stamp file). */
export async function ensureKeycloakBuild(
  s: StackSettings,
  java: Java,
  signal?: AbortSignal,
): Promise<'cached' | 'built'> {
  const args = keycloakBuildArgs();
  try {
    const stamp = JSON.parse(readFileSync(buildStamp(s), 'utf8')) as { args: string[] };
    if (JSON.stringify(stamp.args) === JSON.stringify(args)) return 'cached';
  } catch {
    // no stamp: build
  }
  rmSync(buildStamp(s), { force: true });
  const log = join(s.logsDir, 'keycloak-build.log');
  const code = await runLogged(join(s.keycloak.home, 'bin', 'kc.sh'), ['build', ...args], {
    cwd: s.keycloak.home,
    env: keycloakEnv(s, java),
    logFile: log,
    signal,
  });
  if (code !== 0) {
    const last = tailFile(log, 5).join(' ').slice(-300);
    throw new StackError(`Keycloak build failed (exit ${code}): ${last} (see ${tilde(log)})`);
  }
  writeFileSync(
    buildStamp(s),
    `${JSON.stringify({ args, java: java.description, at: new Date().toISOString() })}\n`,
  );
  return 'built';
}

export function keycloakMarker(s: StackSettings): string {
  return join(s.keycloak.home, 'bin', 'kc.sh');
}

export function startKeycloak(s: StackSettings, java: Java, importRealm: boolean): PidRecord {
  const importDir = join(s.keycloak.home, 'data', 'import');
  rmSync(importDir, { recursive: true, force: true });
  mkdirSync(importDir, { recursive: true });
  copyFileSync(s.realmFile, join(importDir, 'prosmed-realm.json'));
  return spawnDetached({
    name: 'keycloak',
    command: keycloakMarker(s),
    args: keycloakStartArgs(s, importRealm),
    cwd: s.keycloak.home,
    env: keycloakEnv(s, java),
    logFile: join(s.logsDir, 'keycloak.log'),
    marker: keycloakMarker(s),
  });
}

export function keycloakReadyUrl(s: StackSettings): string {
  return `http://${s.keycloak.host}:${s.keycloak.managementPort}/health/ready`;
}

export function keycloakReady(s: StackSettings): Promise<boolean> {
  return httpOk(keycloakReadyUrl(s));
}

/**
 * `--import-realm` skips a realm that exists. When the running realm is older than the realm file (its
 * `prosmed.realmVersion` is lower), it is updated in place through the admin REST API (`realm-sync.ts`):
 * the realm's keys, hence every token already issued, survive. A realm just imported is the file.
 */
export async function syncRealm(
  s: StackSettings,
  justImported: boolean,
): Promise<{ outcome: RealmSyncOutcome | 'imported'; from?: number; to: number }> {
  const file = loadValidRealm(s.realmFile);
  if (justImported) return { outcome: 'imported', to: realmVersion(file) };
  const admin = await adminLogin(
    `http://${s.keycloak.host}:${s.keycloak.port}`,
    s.keycloak.adminUser,
    s.keycloak.adminPassword,
  ).catch((err: unknown) => {
    throw new StackError(`cannot bring realm ${s.keycloak.realm} up to date: ${(err as Error).message}`);
  });
  return syncRealmToFile(admin, s.keycloak.realm, file);
}
