import type { ViolationKind } from './oracle';

/** One defect seen, with everything needed to send it again. */
export interface Finding {
  kind: ViolationKind;
  code: string;
  route: string;
  caller: string;
  status: number | 'none';
  detail: string;
  /** `FUZZ_SEED`, route and caller, and fast-check's run index (`FUZZ_PATH`): replays the request. */
  seed: number;
  runIndex: number;
  requestId: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  labels: string[];
}

/** Counts per route and status, per kind of input, and what the run tolerated or could not attribute. */
export class FuzzStats {
  readonly perRoute = new Map<string, Map<string, number>>();
  readonly perLabel = new Map<string, number>();
  readonly knownSeen = new Map<string, number>();
  /** Requests carrying the trigger of a fixed finding (which must now be refused, not fail). */
  readonly guards = new Map<string, number>();
  readonly findings: Finding[] = [];
  readonly unattributedGrowth: string[] = [];
  transient = 0;
  requests = 0;
  readonly startedAt = Date.now();

  record(route: string, status: number | 'none', labels: string[]): void {
    this.requests++;
    const m = this.perRoute.get(route) ?? new Map<string, number>();
    m.set(String(status), (m.get(String(status)) ?? 0) + 1);
    this.perRoute.set(route, m);
    for (const l of labels) {
      // "mutated:string:unicode $.parties[0].name" counts as "mutated:string:unicode".
      const kind = l.split(' ')[0];
      this.perLabel.set(kind, (this.perLabel.get(kind) ?? 0) + 1);
    }
  }

  guard(id: string): void {
    this.guards.set(id, (this.guards.get(id) ?? 0) + 1);
  }

  known(id: string): void {
    this.knownSeen.set(id, (this.knownSeen.get(id) ?? 0) + 1);
  }

  /** Distinct findings: one per kind, route, status and code (the first request that showed it). */
  distinctFindings(): Finding[] {
    const seen = new Map<string, Finding>();
    for (const f of this.findings) {
      const key = `${f.kind}|${f.route}|${f.status}|${f.code}`;
      if (!seen.has(key)) seen.set(key, f);
    }
    return [...seen.values()];
  }

  table(): string {
    const statuses = [...new Set([...this.perRoute.values()].flatMap((m) => [...m.keys()]))].sort();
    const routes = [...this.perRoute.keys()].sort();
    const width = Math.max(5, ...routes.map((r) => r.length));
    const head = `${'route'.padEnd(width)}  ${'total'.padStart(6)}  ${statuses.map((s) => s.padStart(5)).join(' ')}`;
    const lines = routes.map((r) => {
      const m = this.perRoute.get(r)!;
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      return `${r.padEnd(width)}  ${String(total).padStart(6)}  ${statuses.map((s) => String(m.get(s) ?? '').padStart(5)).join(' ')}`;
    });
    const totals = statuses.map((s) =>
      String([...this.perRoute.values()].reduce((a, m) => a + (m.get(s) ?? 0), 0)).padStart(5),
    );
    return [
      head,
      ...lines,
      `${'all routes'.padEnd(width)}  ${String(this.requests).padStart(6)}  ${totals.join(' ')}`,
    ].join('\n');
  }

  labels(limit = 60): string {
    return [...this.perLabel.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, n]) => `${String(n).padStart(6)}  ${k}`)
      .join('\n');
  }
}
