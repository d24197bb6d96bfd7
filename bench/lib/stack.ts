import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, statSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { APP_NODE_ARGS, APPS, appPort } from '@prosmed/config';
import { listenerOf } from '../../deploy/local/ports';
import { liveRecord, processesMatching } from '../../deploy/local/proc';
import { loadStackSettings } from '../../deploy/local/settings';

export const ROOT = join(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

export async function httpStatus(url: string, timeoutMs = 2000): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export function portOf(name: string): number {
  const spec = APPS.find((a) => a.name === name);
  if (!spec) throw new Error(`no app ${name} in APPS`);
  return appPort(spec);
}

/** Resident memory of a process from /proc/<pid>/status (VmRSS), in kB; 0 when it is gone. */
export function vmRssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The process listening on a TCP port of this machine (from /proc), if any. */
export function pidListeningOn(port: number): number | undefined {
  return listenerOf(port)?.pid;
}

/** The environment of a running process (readable for our own user's processes), or `undefined`. */
export function environOf(pid: number): Record<string, string> | undefined {
  try {
    const out: Record<string, string> = {};
    for (const kv of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
      const i = kv.indexOf('=');
      if (i > 0) out[kv.slice(0, i)] = kv.slice(i + 1);
    }
    return out;
  } catch {
    return undefined;
  }
}

export interface AppProcess {
  name: string;
  pid: number;
  /** Its HTTP port (from its environment when it was started with another one). */
  port: number;
  /**
   * `runner`: the stack runner's pid file (.run/pids); `port`: whoever listens on the app's port;
   * `command`: a `node dist/apps/<name>/src/main.js` of this clone started by hand.
   */
  source: 'runner' | 'port' | 'command';
}

/** The process of each platform app that is running: the runner's record, else the port's owner, else by command. */
export function appProcesses(exclude: readonly number[] = []): AppProcess[] {
  const s = loadStackSettings();
  const out: AppProcess[] = [];
  for (const app of APPS) {
    const portOfPid = (pid: number) => {
      const v = environOf(pid)?.[app.portEnv];
      return v && /^\d+$/.test(v) ? Number(v) : appPort(app);
    };
    const rec = liveRecord(s.apps.pidsDir, app.name);
    if (rec && !exclude.includes(rec.pid)) {
      out.push({ name: app.name, pid: rec.pid, port: portOfPid(rec.pid), source: 'runner' });
      continue;
    }
    const l = listenerOf(appPort(app));
    if (l && !exclude.includes(l.pid)) {
      out.push({ name: app.name, pid: l.pid, port: appPort(app), source: 'port' });
      continue;
    }
    const byCommand = processesMatching(`apps/${app.name}/src/main.js`).filter(
      (pid) => !exclude.includes(pid) && environOf(pid)?.LAND_DIRECT_HTTP !== 'true',
    );
    if (byCommand.length > 0) {
      out.push({ name: app.name, pid: byCommand[0], port: portOfPid(byCommand[0]), source: 'command' });
    }
  }
  return out;
}

/**
 * Runs a command of the repo with its output prefixed; resolves with its exit code and wall time.
 * `env` adds to this process's environment (the stack runner hands its environment to the apps).
 */
export function runCommand(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
  prefix = '  | ',
): Promise<{ code: number; ms: number; output: string }> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (d: Buffer) => {
      const text = d.toString();
      output += text;
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`${prefix}${line}\n`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, ms: performance.now() - t, output }));
  });
}

/** True when dist/ lacks a source file's output or is older than it (the apps run from dist). */
export function distStale(sources: readonly string[]): boolean {
  for (const src of sources) {
    const out = join(ROOT, 'dist', src.replace(/\.ts$/, '.js'));
    if (!existsSync(out)) return true;
    if (statSync(out).mtimeMs < statSync(join(ROOT, src)).mtimeMs) return true;
  }
  return false;
}

export interface StartedProcess {
  pid: number;
  /** Spawn to `/ready` answering 200. */
  readyMs: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts `node <entry>` with extra env, logs to `logFile`, and waits until `readyUrl` answers 200.
 * Only this process is ever signalled by `stop()` (SIGTERM, then SIGKILL after 15 s).
 */
export async function startNode(opts: {
  /** Relative to `cwd`, or absolute. */
  entry: string;
  env: Record<string, string>;
  readyUrl: string;
  logFile: string;
  nodeArgs?: string[];
  timeoutMs?: number;
  /** Another Node binary (an older commit's apps run on the Node of their day); this one by default. */
  execPath?: string;
  /** Another clone (an older commit's worktree); this one by default. */
  cwd?: string;
}): Promise<StartedProcess> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const fd = openSync(opts.logFile, 'w');
  const t = performance.now();
  const cwd = opts.cwd ?? ROOT;
  const child: ChildProcess = spawn(
    opts.execPath ?? process.execPath,
    [...(opts.nodeArgs ?? []), ...APP_NODE_ARGS, resolve(cwd, opts.entry)],
    { cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>((res) => child.once('exit', () => res()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(killer);
  };
  const until = t + (opts.timeoutMs ?? 90_000);
  for (;;) {
    if (exited) throw new Error(`${opts.entry} exited during start; see ${opts.logFile}`);
    if ((await httpStatus(opts.readyUrl, 1000)) === 200) break;
    if (performance.now() > until) {
      await stop();
      throw new Error(`${opts.entry} not ready within ${opts.timeoutMs ?? 90_000} ms; see ${opts.logFile}`);
    }
    await sleep(100);
  }
  return { pid: child.pid ?? 0, readyMs: performance.now() - t, logFile: opts.logFile, stop };
}

/** Polls `check` until it is true or `timeoutMs` passes. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return false;
}

/** Seconds of CPU (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields 14 and 15 (utime, stime) are f[11], f[12]; clock ticks are 100 per second on Linux.
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The machine's busy fraction between two readings of /proc/stat (all CPUs). */
export function cpuTimes(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const n = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = n[3] + (n[4] ?? 0);
  const total = n.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}
