import { readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { pidOfSocketInode, procCmdline } from './proc';

/** A port a part of the stack needs to listen on. */
export interface PortNeed {
  port: number;
  /** Who needs it, e.g. "Kafka" or "gateway". */
  owner: string;
  /** What for, e.g. "broker" or "management (health)". */
  purpose: string;
  /** The part already runs as ours: the port is expected to be in use (by it). */
  running?: boolean;
}

/** What was found on a port before starting anything. */
export interface PortProbe {
  inUse: boolean;
  /** The listening process when it could be found (from /proc). */
  pid?: number;
  command?: string;
}

export interface PortConflict {
  port: number;
  message: string;
}

/**
 * Pure decision: which needed ports make the start impossible. A port is a conflict when two parts want it
 * (configuration mistake) or when something listens on it while the part that needs it is not running as
 * ours (checked before anything starts).
 */
export function portConflicts(
  needs: readonly PortNeed[],
  probes: ReadonlyMap<number, PortProbe>,
): PortConflict[] {
  const conflicts: PortConflict[] = [];
  const seen = new Map<number, PortNeed>();
  for (const need of needs) {
    const first = seen.get(need.port);
    if (first) {
      conflicts.push({
        port: need.port,
        message: `port ${need.port} is configured for both ${first.owner} (${first.purpose}) and ${need.owner} (${need.purpose})`,
      });
      continue;
    }
    seen.set(need.port, need);
    const probe = probes.get(need.port);
    if (!probe?.inUse || need.running) continue;
    const holder =
      probe.pid !== undefined
        ? `pid ${probe.pid}${probe.command ? ` (${probe.command})` : ''}`
        : 'another process';
    conflicts.push({
      port: need.port,
      message: `port ${need.port} needed by ${need.owner} (${need.purpose}) is already taken by ${holder}, not by this stack`,
    });
  }
  return conflicts;
}

/** One listening socket from /proc/net/tcp{,6}. */
export interface ListeningSocket {
  port: number;
  inode: number;
}

/** Pure parse of /proc/net/tcp or tcp6: the sockets in state LISTEN (0A). */
export function parseListeningSockets(text: string): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== '0A') continue;
    const port = parseInt(f[1].split(':')[1] ?? '', 16);
    const inode = Number(f[9]);
    if (Number.isFinite(port) && inode > 0) out.push({ port, inode });
  }
  return out;
}

function listeningSockets(): ListeningSocket[] {
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((f) => {
    try {
      return parseListeningSockets(readFileSync(f, 'utf8'));
    } catch {
      return [];
    }
  });
}

/** Who listens on a TCP port of this machine (pid and a short command), from /proc. */
export function listenerOf(port: number): { pid: number; command: string } | undefined {
  for (const s of listeningSockets().filter((x) => x.port === port)) {
    const pid = pidOfSocketInode(s.inode);
    if (pid !== undefined) {
      const cmd = (procCmdline(pid) ?? '').split(' ')[0].split('/').pop() ?? '';
      return { pid, command: cmd };
    }
  }
  return undefined;
}

/** True when binding host:port fails with EADDRINUSE (what our server would hit). */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'EADDRINUSE' || err.code === 'EACCES'),
    );
    srv.once('listening', () => srv.close(() => resolve(false)));
    srv.listen({ port, host, exclusive: true });
  });
}

export async function probePort(port: number): Promise<PortProbe> {
  if (!(await portInUse(port))) return { inUse: false };
  const l = listenerOf(port);
  return { inUse: true, pid: l?.pid, command: l?.command };
}

export async function probePorts(ports: readonly number[]): Promise<Map<number, PortProbe>> {
  const uniq = [...new Set(ports)];
  const probes = await Promise.all(uniq.map((p) => probePort(p)));
  return new Map(uniq.map((p, i) => [p, probes[i]]));
}

/** A plain TCP connect (for "does anything answer here"). */
export function tcpAnswers(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('error', () => done(false));
    s.connect(port, host, () => done(true));
  });
}
