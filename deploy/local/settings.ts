import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { env, loadPlatformConfig } from '@prosmed/config';

export const KAFKA_VERSION = '4.1.1';
export const KEYCLOAK_VERSION = '26.4.7';
/** The logging binding Kafka 4.1 ships in its tarball: it depends on slf4j-api 1.7.x, so log4j-slf4j-impl (not slf4j2). */
export const LOG4J_VERSION = '2.24.3';
export const TEMURIN_25_HOME = '/usr/lib/jvm/temurin-25-jdk-amd64';

export interface StackSettings {
  /** The clone this command runs from (apps, their logs and PIDs are per clone). */
  cloneDir: string;
  /** `${PROSMED_CACHE:-~/.cache/prosmed}`: downloads and the machine-wide stack state, outside any clone. */
  cacheDir: string;
  stateDir: string;
  pidsDir: string;
  logsDir: string;
  lockFile: string;
  m2Repo: string;
  realmFile: string;
  kafka: {
    version: string;
    home: string;
    libsDir: string;
    dataDir: string;
    host: string;
    port: number;
    controllerPort: number;
    brokers: string[];
    javaHome?: string;
  };
  keycloak: {
    version: string;
    home: string;
    zipPath: string;
    host: string;
    port: number;
    managementPort: number;
    /** Pinned `--hostname`: the token issuer is `${url}/realms/${realm}`, exactly what libs/config expects. */
    url: string;
    realm: string;
    issuer: string;
    database: string;
    adminUser: string;
    adminPassword: string;
    javaHome?: string;
  };
  postgres: {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
    /** Data dir of the embedded server (used only when nothing answers on the port). */
    dataDir: string;
  };
  apps: { runDir: string; logsDir: string; pidsDir: string };
}

function findCloneDir(): string {
  // deploy/local/<file> -> clone root; fall back to the working directory (e.g. when bundled elsewhere).
  const fromHere = resolve(__dirname, '..', '..');
  return existsSync(join(fromHere, 'package.json')) ? fromHere : process.cwd();
}

export function loadStackSettings(src: Record<string, string | undefined> = process.env): StackSettings {
  const platform = loadPlatformConfig('prosmed-stack', src);
  const cloneDir = findCloneDir();
  const cacheDir = resolve(env.str(src, 'PROSMED_CACHE', join(homedir(), '.cache', 'prosmed')));
  // PIDs, Kafka's data and the servers' logs; CI points it at a new folder so each run starts empty.
  const stateDir = resolve(env.str(src, 'PROSMED_STATE', join(cacheDir, 'state')));
  const kafkaHome = join(cacheDir, `kafka-${KAFKA_VERSION}`);
  const kafkaPort = env.port(src, 'KAFKA_PORT', 9092);
  const m2Repo = resolve(env.str(src, 'PROSMED_M2_REPO', join(homedir(), '.m2', 'repository')));
  const kcPort = env.port(src, 'KEYCLOAK_PORT', 8080);
  const runDir = join(cloneDir, '.run');
  return {
    cloneDir,
    cacheDir,
    stateDir,
    pidsDir: join(stateDir, 'pids'),
    logsDir: join(stateDir, 'logs'),
    lockFile: join(stateDir, 'stack.lock'),
    m2Repo,
    realmFile: resolve(
      env.str(src, 'PROSMED_REALM_FILE', join(cloneDir, 'deploy', 'keycloak', 'prosmed-realm.json')),
    ),
    kafka: {
      version: KAFKA_VERSION,
      home: kafkaHome,
      libsDir: join(kafkaHome, 'libs'),
      dataDir: join(stateDir, 'kafka-data'),
      host: '127.0.0.1',
      port: kafkaPort,
      controllerPort: env.port(src, 'KAFKA_CONTROLLER_PORT', 9093),
      brokers: [`127.0.0.1:${kafkaPort}`],
      javaHome: src.KAFKA_JAVA_HOME?.trim() || undefined,
    },
    keycloak: {
      version: KEYCLOAK_VERSION,
      home: join(cacheDir, `keycloak-${KEYCLOAK_VERSION}`),
      zipPath: join(
        m2Repo,
        'org/keycloak/keycloak-quarkus-dist',
        KEYCLOAK_VERSION,
        `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`,
      ),
      host: '127.0.0.1',
      port: kcPort,
      managementPort: platform.keycloak.managementPort,
      url: platform.keycloak.url,
      realm: platform.keycloak.realm,
      issuer: platform.keycloak.issuer,
      database: env.str(src, 'KEYCLOAK_DB', 'keycloak'),
      // Documented development values of the local bootstrap admin (master realm).
      adminUser: env.str(src, 'KEYCLOAK_ADMIN_USER', 'admin'),
      adminPassword: env.str(src, 'KEYCLOAK_ADMIN_PASSWORD', 'admin'),
      javaHome: src.KEYCLOAK_JAVA_HOME?.trim() || undefined,
    },
    postgres: {
      host: platform.postgres.host,
      port: platform.postgres.port,
      user: platform.postgres.user,
      password: platform.postgres.password,
      database: platform.postgres.database,
      dataDir: resolve(env.str(src, 'PROSMED_PG_DATA', join(stateDir, 'pg-data'))),
    },
    apps: { runDir, logsDir: join(runDir, 'logs'), pidsDir: join(runDir, 'pids') },
  };
}

/** `~` for the home directory in what the runner prints. */
export function tilde(path: string): string {
  const home = homedir();
  return path === home || path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
