import { call } from '../e2e/support/http';
import { ADMIN, createFixtures, type Fixtures } from './fixtures';
import type { Hint, FuzzValue } from './json-text';
import type { FuzzOperation, ParamSpec } from './openapi-model';

/** A well-formed id of nothing, and a code of nothing: a write to them touches no record. */
export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
export const NO_SUCH_CODE = 'FUZZ-NOTHING';

/**
 * What the running system offers the generator: which ids a path parameter may take, the current
 * version of a record (so that a valid request passes the optimistic lock and reaches the handler's
 * logic), a party of a case. A write route only ever targets records the fuzzer owns, or nothing.
 */
export class FuzzContext {
  private versions = new Map<string, number>();
  private parties = new Map<string, string[]>();
  fixtures: Fixtures = { cases: [], warnings: [] };

  constructor(private readonly gw: string) {}

  /** Creates (or, later, adds) the fuzz-owned records; returns their ids and codes. */
  async prepare(withRegistry: boolean): Promise<{ ids: string[]; keys: string[]; warnings: string[] }> {
    const f = await createFixtures(this.gw, withRegistry);
    this.fixtures = {
      cases: [...f.cases, ...this.fixtures.cases].slice(0, 8),
      cofo: f.cofo ?? this.fixtures.cofo,
      tribunal: f.tribunal ?? this.fixtures.tribunal,
      warnings: f.warnings,
    };
    for (const c of f.cases) {
      this.versions.set(c.id, c.version);
      this.parties.set(c.id, c.partyIds);
    }
    if (f.cofo) this.versions.set(f.cofo.code, f.cofo.version);
    if (f.tribunal) this.versions.set(f.tribunal.code, f.tribunal.version);
    return {
      ids: f.cases.flatMap((c) => [c.id, ...c.pvIds, ...c.partyIds]),
      keys: [f.cofo?.code, f.tribunal?.code].filter((x): x is string => !!x),
      warnings: f.warnings,
    };
  }

  /** Values a path parameter takes when the generator picks a "real" one. */
  pathCandidates(op: FuzzOperation, name: string): string[] {
    const write = op.method !== 'GET';
    const f = this.fixtures;
    if (name === 'caseId') return f.cases.map((c) => c.id);
    if (name === 'pvId') return f.cases.flatMap((c) => c.pvIds);
    if (name === 'code' && op.path.startsWith('/api/v1/cofos/')) {
      const own = f.cofo ? [f.cofo.code] : [];
      return write ? own : [...own, 'SEG01', 'SAN01'];
    }
    if (name === 'code' && op.path.startsWith('/api/v1/tribunals/')) {
      const own = f.tribunal ? [f.tribunal.code] : [];
      return write ? own : [...own, 'TI-SEGOU', 'TI-SAN'];
    }
    if (name === 'code' && op.path.startsWith('/api/public/pvs/check/')) {
      return [...f.cases.flatMap((c) => c.verificationCodes), 'AAAA-BBBB-CCCC'];
    }
    // A route added later: reads may use the document's example (usually a real record); a write never
    // touches a record the fuzzer does not own, so it gets nothing.
    const example = op.pathParams.find((p) => p.name === name)?.schema.example;
    return !write && example !== undefined ? [String(example)] : [];
  }

  nothing(spec: ParamSpec | undefined): string {
    return spec?.schema.format === 'uuid' ? NO_SUCH_ID : NO_SUCH_CODE;
  }

  /** `record` is the value of the request's first path parameter (the case, CoFo or tribunal it targets). */
  resolveHint(h: Hint, record: string | undefined, pick: number): FuzzValue {
    if (h.name === 'version' && record && this.versions.has(record)) return this.versions.get(record)!;
    if (h.name === 'partyId' && record) {
      const ps = this.parties.get(record) ?? [];
      if (ps.length > 0) return ps[pick % ps.length];
      return NO_SUCH_ID;
    }
    return h.fallback;
  }

  /** Keeps versions in step with what 2xx answers say. */
  observe(record: string | undefined, answer: unknown): void {
    if (!record || !answer || typeof answer !== 'object') return;
    const a = answer as { id?: unknown; code?: unknown; version?: unknown };
    if (
      typeof a.version === 'number' &&
      (a.id === record || a.code === record) &&
      this.versions.has(record)
    ) {
      this.versions.set(record, a.version);
    }
  }

  /** After a 409 VERSION_CONFLICT on a request meant to be valid: read the record again. */
  async refreshVersion(op: FuzzOperation, record: string | undefined): Promise<void> {
    if (!record || !this.versions.has(record)) return;
    const m = /^(.*?\/)\{\w+\}/.exec(op.path);
    if (!m) return;
    const r = await call<{ version?: number }>(this.gw, 'GET', `${m[1]}${encodeURIComponent(record)}`, {
      as: ADMIN,
    });
    if (r.status === 200 && typeof r.body.version === 'number') this.versions.set(record, r.body.version);
  }
}
