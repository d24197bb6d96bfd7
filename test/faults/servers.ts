/**
 * The servers of the fault tests: a private Kafka broker and a private PostgreSQL started with the stack
 * runner's own functions (other ports, data under .run/faults), and the land service and two gateways built
 * from the working tree. Only these are ever killed: the shared stack (Kafka 9092, PostgreSQL 5432,
 * Keycloak) serves other people's tests and is used here for tokens only.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { APP_NODE_ARGS } from '@prosmed/config';
import {
  ensureKafkaStorage,
  kafkaHealthy,
  kafkaLibsComplete,
  startKafka,
  writeKafkaConfig,
  type KafkaFiles,
} from '../../deploy/local/kafka';
import { ensureDatabases, postgresAnswers, startEmbeddedPostgres } from '../../deploy/local/postgres';
import { groupMembers, stopGroup, type PidRecord } from '../../deploy/local/proc';
import { loadStackSettings, type StackSettings } from '../../deploy/local/settings';
import { kafkaJava, type Java } from '../../deploy/local/tools';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FAULTS_DIR = path.join(REPO_ROOT, '.run', 'faults');
const DIST = path.join(FAULTS_DIR, 'dist');
const LOGS = path.join(FAULTS_DIR, 'logs');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new Error(`${what} not ready within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(250);
  }
}

/** Swc into .run/faults/dist, so a `dist/` someone runs is never rewritten under their feet. */
export function buildApps(): void {
  const swc = path.join(REPO_ROOT, 'node_modules', '.bin', 'swc');
  const args = ['apps', 'libs', '-d', DIST, '--copy-files', '--config-file', '.swcrc', '-q'];
  const r = spawnSync(swc, args, { cwd: REPO_ROOT, stdio: 'inherit', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status ?? r.signal})`);
}

/** SIGKILL to a whole process group we started: the server and anything it forked, at once. */
function killGroup(rec: PidRecord): void {
  try {
    process.kill(-rec.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function gone(rec: PidRecord, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (groupMembers(rec.pid).length > 0 && Date.now() < end) await sleep(50);
}

/**
 * The runner's settings, moved: the broker's config, data and logs under .run/faults (its jars from the
 * shared cache, read only), PostgreSQL's data dir and log there too, and ports of their own.
 */
function privateSettings(ports: { kafka: number; controller: number; postgres: number }): StackSettings {
  const base = loadStackSettings();
  const stateDir = path.join(FAULTS_DIR, 'state');
  return {
    ...base,
    cacheDir: FAULTS_DIR,
    stateDir,
    pidsDir: path.join(stateDir, 'pids'),
    logsDir: LOGS,
    lockFile: path.join(stateDir, 'faults.lock'),
    kafka: {
      ...base.kafka,
      home: path.join(FAULTS_DIR, 'kafka-home'),
      dataDir: path.join(FAULTS_DIR, 'kafka-data'),
      port: ports.kafka,
      controllerPort: ports.controller,
      brokers: [`127.0.0.1:${ports.kafka}`],
    },
    postgres: {
      ...base.postgres,
      port: ports.postgres,
      database: 'prosmed',
      dataDir: path.join(FAULTS_DIR, 'pg-data'),
    },
  };
}

export class PrivateServers {
  private kafkaRec?: PidRecord;
  private pgRec?: PidRecord;
  private files?: KafkaFiles;
  private java?: Java;

  private constructor(readonly s: StackSettings) {}

  static async create(): Promise<PrivateServers> {
    const ports = { kafka: await freePort(), controller: await freePort(), postgres: await freePort() };
    const servers = new PrivateServers(privateSettings(ports));
    mkdirSync(servers.s.logsDir, { recursive: true });
    mkdirSync(servers.s.stateDir, { recursive: true });
    return servers;
  }

  get brokers(): string[] {
    return this.s.kafka.brokers;
  }

  get pg(): { host: string; port: number; user: string; password: string; database: string } {
    const p = this.s.postgres;
    return { host: p.host, port: p.port, user: p.user, password: p.password, database: p.database };
  }

  /** Environment of an app pointed at these servers (Keycloak stays the shared one: tokens only). */
  appEnv(): Record<string, string> {
    return {
      KAFKA_BROKERS: this.brokers.join(','),
      PGHOST: this.pg.host,
      PGPORT: String(this.pg.port),
      PGUSER: this.pg.user,
      PGPASSWORD: this.pg.password,
      PROSMED_DB: this.pg.database,
    };
  }

  async startPostgres(): Promise<void> {
    this.pgRec = await startEmbeddedPostgres(this.s);
    await until('private PostgreSQL', () => postgresAnswers(this.s.postgres), 60_000);
  }

  /** A fresh database each run: no row of an earlier run can pass for one of this run. */
  async freshDatabase(): Promise<void> {
    const c = new Client({ ...this.pg, password: this.pg.password || undefined, database: 'postgres' });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${this.pg.database}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
    await ensureDatabases(this.s.postgres, [this.pg.database]);
  }

  killPostgres(): Promise<void> {
    if (this.pgRec) killGroup(this.pgRec);
    return this.pgRec ? gone(this.pgRec) : Promise.resolve();
  }

  /** A fresh cluster each run (data wiped, storage formatted), with the cached jars. */
  async startKafka(fresh: boolean): Promise<void> {
    if (!kafkaLibsComplete(loadStackSettings())) {
      throw new Error('Kafka jars are not in the cache yet: run `npm run stack:up` once');
    }
    this.java ??= kafkaJava(this.s.kafka.javaHome);
    if (fresh) {
      rmSync(this.s.kafka.dataDir, { recursive: true, force: true });
      this.shareLibsStamp();
      this.files = writeKafkaConfig(this.s);
      await ensureKafkaStorage(this.s, this.java, this.files);
    }
    this.kafkaRec = startKafka(this.s, this.java, this.files!);
    await until('private Kafka', () => kafkaHealthy(this.brokers), 120_000);
  }

  /**
   * The shared cache's stamp of the jars, so that the private broker's class-data archive (kept in its
   * home across runs) is named for the same classpath and reused: a second start costs less CPU.
   */
  private shareLibsStamp(): void {
    const from = path.join(loadStackSettings().kafka.home, 'libs.complete.json');
    mkdirSync(this.s.kafka.home, { recursive: true });
    if (existsSync(from)) copyFileSync(from, path.join(this.s.kafka.home, 'libs.complete.json'));
  }

  killKafka(): Promise<void> {
    if (this.kafkaRec) killGroup(this.kafkaRec);
    return this.kafkaRec ? gone(this.kafkaRec) : Promise.resolve();
  }

  async stopAll(): Promise<void> {
    if (this.kafkaRec) await stopGroup(this.kafkaRec, { timeoutMs: 20_000 }).catch(() => undefined);
    if (this.pgRec)
      await stopGroup(this.pgRec, { signal: 'SIGINT', timeoutMs: 20_000 }).catch(() => undefined);
  }
}

type AppName = 'gateway' | 'land-conciliation';

/** An app of the working tree as a child process of this runner, on a port of its own. */
export class AppProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private generation = 0;

  constructor(
    readonly name: AppName,
    readonly label: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly readyPath: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return path.join(LOGS, `${this.label}.log`);
  }

  /** Starts it and waits until its readiness answers 200. */
  async start(timeoutMs = 90_000): Promise<void> {
    mkdirSync(LOGS, { recursive: true });
    const fd = openSync(this.logFile, 'a');
    this.generation += 1;
    const child = spawn(
      process.execPath,
      [...APP_NODE_ARGS, path.join(DIST, 'apps', this.name, 'src', 'main.js')],
      { cwd: REPO_ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', fd, fd] },
    );
    closeSync(fd);
    this.child = child;
    this.exited = new Promise((res) => child.once('exit', () => res()));
    const end = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${this.label} exited during start-up:\n${this.logTail()}`);
      }
      try {
        const res = await fetch(`${this.url}${this.readyPath}`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > end)
        throw new Error(`${this.label} not ready within ${timeoutMs} ms:\n${this.logTail()}`);
      await sleep(200);
    }
  }

  /** Starts it without waiting (a restart under load: the clients find out when it serves). */
  startInBackground(): Promise<void> {
    return this.start().catch((err: unknown) => {
      process.stderr.write(`${this.label} restart failed: ${String(err)}\n`);
    });
  }

  async kill(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
