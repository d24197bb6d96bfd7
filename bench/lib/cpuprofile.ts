/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  /** Where: the package (`kafkajs`, `class-validator`), `node:` internals, or a path of this repo. */
  where: string;
  selfMs: number;
  pct: number;
}

/** Pure: which package or part of the repo a script URL belongs to. */
export function ownerOf(url: string, functionName = ''): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const m = /\/dist\/((?:apps|libs)\/[^/]+)\//.exec(url);
  if (m) return m[1];
  return url.replace(/^file:\/\//, '');
}

function shortFile(url: string): string {
  const clean = url.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const d = clean.indexOf('/dist/');
  return d >= 0 ? clean.slice(d + 1) : clean;
}

/** Pure: self time per node id (each sample is charged the time since the previous one). */
function selfByNode(p: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  return self;
}

/** Pure: the functions with the most self time (µs summed over every node of the same function). */
export function topFunctions(p: CpuProfile, n = 25, skipIdle = true): SelfTime[] {
  const self = selfByNode(p);
  const byFn = new Map<string, SelfTime>();
  let total = 0;
  for (const node of p.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (skipIdle && functionName === '(idle)') continue;
    total += us;
    const name = functionName || '(anonymous)';
    const key = `${name}|${url}|${lineNumber}`;
    const where = url ? `${shortFile(url)}:${lineNumber + 1}` : ownerOf(url, functionName);
    const e = byFn.get(key) ?? { name, where, selfMs: 0, pct: 0 };
    e.selfMs += us / 1000;
    byFn.set(key, e);
  }
  return [...byFn.values()]
    .map((e) => ({
      ...e,
      selfMs: Math.round(e.selfMs * 10) / 10,
      pct: total ? Math.round((e.selfMs * 1000 * 1000) / total) / 10 : 0,
    }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, n);
}

/** Pure: self time by owner (package, node internals, GC, app code), idle left out. */
export function byOwner(p: CpuProfile): { owner: string; selfMs: number; pct: number }[] {
  const self = selfByNode(p);
  const sums = new Map<string, number>();
  let total = 0;
  for (const node of p.nodes) {
    const us = self.get(node.id) ?? 0;
    if (node.callFrame.functionName === '(idle)') continue;
    total += us;
    const o = ownerOf(node.callFrame.url, node.callFrame.functionName);
    sums.set(o, (sums.get(o) ?? 0) + us);
  }
  return [...sums]
    .map(([owner, us]) => ({
      owner,
      selfMs: Math.round(us / 100) / 10,
      pct: total ? Math.round((us * 1000) / total) / 10 : 0,
    }))
    .sort((a, b) => b.selfMs - a.selfMs);
}

/** Busy (non-idle) milliseconds of the profile. */
export function busyMs(p: CpuProfile): number {
  return byOwner(p).reduce((s, o) => s + o.selfMs, 0);
}
