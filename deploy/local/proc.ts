import { spawn } from 'node:child_process';
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/** What the runner remembers about a process it started (one JSON file per process). */
export interface PidRecord {
  name: string;
  pid: number;
  /** `starttime` from /proc/<pid>/stat: tells a live process of ours from a later one that got the same PID. */
  startTicks: number;
  /** A string the command line must contain (e.g. the path of its config in the cache). */
  marker: string;
  startedAt: string;
  logFile?: string;
  /** The clone whose command started it (the stack is per machine; apps are per clone). */
  cloneDir?: string;
}

export interface ProcStat {
  pid: number;
  comm: string;
  state: string;
  ppid: number;
  pgrp: number;
  startTicks: number;
}

/** Parses /proc/<pid>/stat; `comm` may hold spaces and parentheses, so split after the last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  // rest[0] is field 3 (state); field N is rest[N - 3].
  if (rest.length < 20) return undefined;
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state: rest[0],
    ppid: Number(rest[1]),
    pgrp: Number(rest[2]),
    startTicks: Number(rest[19]),
  };
}

export function procStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

export function procCmdline(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

/** Alive means: exists and is not a zombie. */
export function isAlive(pid: number): boolean {
  const st = procStat(pid);
  return st !== undefined && st.state !== 'Z' && st.state !== 'X';
}

export function recordIsAlive(rec: PidRecord): boolean {
  const st = procStat(rec.pid);
  if (!st || st.state === 'Z' || st.state === 'X' || st.startTicks !== rec.startTicks) return false;
  return (procCmdline(rec.pid) ?? '').includes(rec.marker);
}

export function readRecord(dir: string, name: string): PidRecord | undefined {
  try {
    const rec = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as PidRecord;
    return typeof rec.pid === 'number' && rec.pid > 0 ? rec : undefined;
  } catch {
    return undefined;
  }
}

/** The record only if its process is alive; a stale record is removed. */
export function liveRecord(dir: string, name: string): PidRecord | undefined {
  const rec = readRecord(dir, name);
  if (!rec) return undefined;
  if (recordIsAlive(rec)) return rec;
  removeRecord(dir, name);
  return undefined;
}

export function writeRecord(dir: string, rec: PidRecord): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${rec.name}.json`);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(rec, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function removeRecord(dir: string, name: string): void {
  rmSync(join(dir, `${name}.json`), { force: true });
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** Live members of a process group (a detached child leads its own group: kc.sh and its java, for instance). */
export function groupMembers(pgid: number): number[] {
  return allPids().filter((pid) => {
    const st = procStat(pid);
    return st !== undefined && st.pgrp === pgid && st.state !== 'Z' && st.state !== 'X';
  });
}

/** Processes whose command line contains `needle` (used to sweep leftovers that reference our cache dir). */
export function processesMatching(needle: string): number[] {
  return allPids().filter(
    (pid) => pid !== process.pid && isAlive(pid) && (procCmdline(pid) ?? '').includes(needle),
  );
}

export function rssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function groupRssKb(pgid: number): number {
  return groupMembers(pgid).reduce((sum, pid) => sum + rssKb(pid), 0);
}

export function formatKb(kb: number): string {
  return kb >= 1024 ? `${Math.round(kb / 1024)} MB` : `${kb} kB`;
}

/** Which process holds a socket inode (scans /proc/<pid>/fd; sees other users' processes only as root). */
export function pidOfSocketInode(inode: number): number | undefined {
  const target = `socket:[${inode}]`;
  for (const pid of allPids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === target) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  marker: string;
  uid?: number;
  gid?: number;
  cloneDir?: string;
}

/**
 * Starts a server in its own session (so it outlives this command and can be stopped as a group), output
 * appended to its log file, and returns the record to write.
 */
export function spawnDetached(o: SpawnOptions): PidRecord {
  mkdirSync(dirname(o.logFile), { recursive: true });
  rotateLog(o.logFile);
  const fd = openSync(o.logFile, 'a');
  writeSync(fd, `${START_MARK} ${o.name} at ${new Date().toISOString()}: ${o.command} ${o.args.join(' ')}\n`);
  try {
    const child = spawn(o.command, o.args, {
      cwd: o.cwd,
      env: o.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      uid: o.uid,
      gid: o.gid,
    });
    child.on('error', () => undefined); // reported through the health wait (process gone)
    child.unref();
    if (child.pid === undefined) throw new Error(`could not start ${o.command}`);
    const st = procStat(child.pid);
    return {
      name: o.name,
      pid: child.pid,
      startTicks: st?.startTicks ?? 0,
      marker: o.marker,
      startedAt: new Date().toISOString(),
      logFile: o.logFile,
      cloneDir: o.cloneDir,
    };
  } finally {
    closeSync(fd);
  }
}

/** Written into a log before each start, so a failure shows the lines of that start only. */
export const START_MARK = '=== prosmed stack: starting';
const MAX_LOG_BYTES = 20 * 1024 * 1024;

/** Keeps one previous generation of a log once it passes 20 MB. */
function rotateLog(file: string): void {
  try {
    if (statSync(file).size > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

/**
 * Stops a process group: `signal` (SIGTERM, or SIGINT for PostgreSQL's fast shutdown), then SIGKILL after
 * `timeoutMs`. Resolves once no member is left.
 */
export async function stopGroup(
  rec: PidRecord,
  opts: { signal?: NodeJS.Signals; timeoutMs?: number } = {},
): Promise<{ forced: boolean; ms: number }> {
  const started = Date.now();
  const timeoutMs = opts.timeoutMs ?? 30_000;
  if (!recordIsAlive(rec)) return { forced: false, ms: 0 };
  signalGroup(rec.pid, opts.signal ?? 'SIGTERM');
  while (Date.now() - started < timeoutMs) {
    if (groupMembers(rec.pid).length === 0) return { forced: false, ms: Date.now() - started };
    await sleep(150);
  }
  signalGroup(rec.pid, 'SIGKILL');
  while (groupMembers(rec.pid).length > 0 && Date.now() - started < timeoutMs + 10_000) await sleep(100);
  return { forced: true, ms: Date.now() - started };
}

/** Stops single processes (leftovers of a sweep) the same way. */
export async function stopPids(pids: number[], timeoutMs = 15_000): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone
    }
  }
  const started = Date.now();
  while (pids.some(isAlive) && Date.now() - started < timeoutMs) await sleep(150);
  for (const pid of pids.filter(isAlive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** The last lines of the latest start in a log (after its START_MARK line), each cut to `width` characters. */
export function tailOfLastStart(file: string, n: number, width = 400): string[] {
  const lines = tailFile(file, 2000);
  const mark = lines.map((l) => l.startsWith(START_MARK)).lastIndexOf(true);
  return lines
    .slice(mark + 1)
    .slice(-n)
    .map((l) => (l.length > width ? `${l.slice(0, width)}...` : l));
}

/** The last `n` lines of a log file (empty when it does not exist); reads at most the last 256 kB. */
export function tailFile(file: string, n: number): string[] {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const len = Math.min(size, 256 * 1024);
    const buf = Buffer.alloc(len);
    readSync(fd, buf, 0, len, size - len);
    const lines = buf.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-n);
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
