import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { APP_NODE_ARGS, APPS } from '@prosmed/config';
import { REPO_ROOT } from '@prosmed/testing';

/**
 * The apps under test run as real processes built from the working tree (`swc` into .run/e2e-dist, so a
 * running `dist/` is never rewritten under someone's feet): the gateway and the land service talk only
 * through Kafka, as in production, and a test can stop the service to see what the gateway does.
 */
export const E2E_DIST = path.join(REPO_ROOT, '.run', 'e2e-dist');
export const LOG_DIR = path.join(REPO_ROOT, '.run', 'e2e-logs');

export function buildOnce(): void {
  // One build per jest run (--runInBand: every file shares this process's environment).
  if (process.env.PROSMED_E2E_BUILT === '1') return;
  const swc = path.join(REPO_ROOT, 'node_modules', '.bin', 'swc');
  const args = ['apps', 'libs', '-d', E2E_DIST, '--copy-files', '--config-file', '.swcrc', '-q'];
  const r = spawnSync(swc, args, { cwd: REPO_ROOT, stdio: 'inherit', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`build for e2e failed (exit ${r.status ?? r.signal})`);
  process.env.PROSMED_E2E_BUILT = '1';
}

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type AppName = (typeof APPS)[number]['name'];

const APP_PORT_ENV: Record<string, string> = Object.fromEntries(APPS.map((a) => [a.name, a.portEnv]));

export interface LogLine {
  level?: string;
  msg?: string;
  requestId?: string;
  [k: string]: unknown;
}

export class AppProcess {
  private exited?: Promise<void>;

  private constructor(
    readonly name: AppName,
    readonly child: ChildProcess,
    readonly port: number,
    readonly logFile: string,
  ) {
    this.exited = new Promise((res) => child.once('exit', () => res()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts `node .run/e2e-dist/apps/<name>/src/main.js` and waits until `readyPath` answers 200. */
  static async start(
    name: AppName,
    env: Record<string, string>,
    readyPath: string,
    tag: string = name,
    timeoutMs = 90_000,
  ): Promise<AppProcess> {
    buildOnce();
    mkdirSync(LOG_DIR, { recursive: true });
    // A port given in `env` (the browser tests need one Keycloak knows as a redirect URI) is kept.
    const port = Number(env[APP_PORT_ENV[name]]) || (await freePort());
    const logFile = path.join(LOG_DIR, `${tag}-${port}.log`);
    const fd = openSync(logFile, 'w');
    const child = spawn(
      process.execPath,
      [...APP_NODE_ARGS, path.join(E2E_DIST, 'apps', name, 'src', 'main.js')],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, LOG_LEVEL: 'info', ...env, [APP_PORT_ENV[name]]: String(port) },
        stdio: ['ignore', fd, fd],
      },
    );
    closeSync(fd);
    const app = new AppProcess(name, child, port, logFile);
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${name} exited during start-up:\n${app.logTail()}`);
      }
      try {
        const res = await fetch(`${app.url}${readyPath}`, { signal: AbortSignal.timeout(3000) });
        if (res.status === 200) return app;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > until) {
        await app.stop();
        throw new Error(`${name} not ready within ${timeoutMs} ms:\n${app.logTail()}`);
      }
      await sleep(200);
    }
  }

  /** SIGTERM (graceful: Kafka group left, connections closed), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const killed = await Promise.race([
      this.exited!.then(() => true),
      new Promise<boolean>((res) => {
        timer = setTimeout(() => res(false), 15_000);
      }),
    ]);
    clearTimeout(timer);
    if (!killed) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  logLines(): LogLine[] {
    return readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as LogLine;
        } catch {
          return {};
        }
      });
  }

  logTail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** The gateway with test-friendly limits: a short Kafka bound, a rate limit out of the way. */
export function startGatewayProcess(env: Record<string, string> = {}, tag = 'gateway'): Promise<AppProcess> {
  return AppProcess.start(
    'gateway',
    { KAFKA_REQUEST_TIMEOUT_MS: '3000', RATE_LIMIT_MAX: '100000', ...env },
    '/api/ready',
    tag,
  );
}

/**
 * The land service in its real consumer group (so no second copy answers the same requests), logging each
 * handled message (debug) so a test can find its request id there.
 */
export function startLandProcess(): Promise<AppProcess> {
  return AppProcess.start('land-conciliation', { LOG_LEVEL: 'debug' }, '/ready', 'land');
}

/** The domain services whose sources exist (the gateway and apps not yet written left out). */
export function serviceApps(): string[] {
  return APPS.map((a) => a.name).filter(
    (name) => name !== 'gateway' && existsSync(path.join(REPO_ROOT, 'apps', name, 'src', 'main.ts')),
  );
}

/** One domain service in its real consumer group, logging each handled message (debug). */
export function startServiceProcess(name: string, env: Record<string, string> = {}): Promise<AppProcess> {
  return AppProcess.start(name, { LOG_LEVEL: 'debug', ...env }, '/ready', name);
}

/** Every domain service (land, CCS, anti-corruption, ...), started side by side. */
export function startServiceProcesses(): Promise<AppProcess[]> {
  return Promise.all(serviceApps().map((name) => startServiceProcess(name)));
}
