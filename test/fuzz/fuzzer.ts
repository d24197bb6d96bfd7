import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { hasPermission, isPermission } from '@prosmed/auth';
import { type DemoUser, tokenFor } from '@prosmed/testing';
import { otherLandConsumers } from '../e2e/support/kafka-groups';
import type { AppProcess } from '../e2e/support/processes';
import type { FuzzContext } from './context';
import {
  type Hint,
  MAX_BODY_CHARS,
  preview,
  resolveHints,
  toJsonTextCapped,
  type FuzzValue,
} from './json-text';
import { FIXED_FINDINGS, knownFindingFor, type KnownFinding } from './known-findings';
import { checkAnswer, type Violation } from './oracle';
import type { FuzzOperation } from './openapi-model';
import { requestArbitrary, type GeneratedRequest } from './request-gen';
import { paramViolations, schemaViolations } from './schema-check';
import { FuzzStats, type Finding } from './stats';
import type { SentRequest } from './triggers';
import type { Snapshot, WriteTracker } from './write-tracker';

export interface FuzzOptions {
  /** Prefix of every X-Request-Id the run sends (`fuzz-<runId>-<n>`). */
  runId: string;
  seed: number;
  /** fast-check runs per route and caller. */
  numRuns: number;
  /** Any growth of a table on a refused request fails (nothing else writes: CI). */
  strictCounts: boolean;
  /** Let fast-check shrink the first unknown finding of each route and caller (slow, minimal repro). */
  shrink: boolean;
  /** Replays from this fast-check path (a run index) of each selected route and caller. */
  path?: string;
  /** New fixture cases every N requests (long runs consume them: closed cases stop reaching deep logic). */
  refreshEvery: number;
  known: KnownFinding[];
  /** One line per request (replays). */
  verbose?: (line: string) => void;
}

export interface Caller {
  username: string;
  allowed: boolean;
}

/** The gateway's rule (apps/gateway/src/http/body.ts), restated: apps are not imported from tests. */
function isJsonContentType(header: string): boolean {
  const [type, ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (!/^application\/(?:[a-z0-9.!#$&^_-]+\+)?json$/.test(type)) return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
}

/** Lone surrogates become U+FFFD, as any HTTP client would send them (encodeURIComponent throws on them). */
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const enc = (s: string) => encodeURIComponent(wellFormed(s));

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A stable seed per route and caller, so that one of them can be replayed alone. */
export function seedFor(seed: number, route: string, caller: string): number {
  let h = seed | 0;
  for (const ch of `${route}|${caller}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** Every caller of an operation: each demo user it allows, one it denies (if any), or anonymous when public. */
export function callersOf(op: FuzzOperation, users: DemoUser[]): Caller[] {
  if (!op.permission) return [{ username: 'anonymous', allowed: true }];
  const permission = op.permission;
  const allows = (u: DemoUser) =>
    isPermission(permission) ? hasPermission(u.roles, permission) : u.roles.some((r) => op.roles.includes(r));
  const allowed = users.filter(allows).map((u) => ({ username: u.username, allowed: true }));
  const denied = users.find((u) => !allows(u));
  return denied ? [...allowed, { username: denied.username, allowed: false }] : allowed;
}

/** What the log scan needs of a request answered below 500 (no body: thousands of them are kept). */
interface Answered {
  sent: SentRequest;
  finding: Omit<Finding, 'kind' | 'code' | 'detail'>;
}

export class Fuzzer {
  readonly stats = new FuzzStats();
  private counter = 0;
  private last?: Snapshot;
  private readonly answered = new Map<string, Answered>();

  constructor(
    private readonly gw: AppProcess,
    private readonly services: readonly AppProcess[],
    private readonly documentedCodes: Set<string>,
    private readonly ctx: FuzzContext,
    private readonly tracker: WriteTracker,
    private readonly opts: FuzzOptions,
  ) {}

  /** Runs the property over one route and caller; returns the findings no known finding covers. */
  async fuzz(op: FuzzOperation, caller: Caller, numRuns = this.opts.numRuns): Promise<Finding[]> {
    const seed = seedFor(this.opts.seed, op.key, caller.username);
    const unknown: Finding[] = [];
    let runIndex = this.opts.path ? Number(this.opts.path.split(':')[0]) : 0;
    await fc.assert(
      fc.asyncProperty(requestArbitrary(op), async (gen) => {
        const found = await this.exercise(op, caller, gen, seed, runIndex++);
        unknown.push(...found);
        // Without shrinking the property holds and every finding is collected; with it, fast-check
        // reduces the first failing request to a minimal one and reports it.
        return !this.opts.shrink || found.length === 0;
      }),
      {
        seed,
        numRuns,
        path: this.opts.path,
        endOnFailure: !this.opts.shrink,
        interruptAfterTimeLimit: this.opts.shrink ? 120_000 : undefined,
      },
    );
    return unknown;
  }

  async exercise(
    op: FuzzOperation,
    caller: Caller,
    gen: GeneratedRequest,
    seed: number,
    runIndex: number,
  ): Promise<Finding[]> {
    if (this.opts.refreshEvery > 0 && this.counter > 0 && this.counter % this.opts.refreshEvery === 0) {
      const fresh = await this.ctx.prepare(false);
      this.tracker.own(fresh.ids, fresh.keys);
      this.last = undefined;
    }
    const requestId = `fuzz-${this.opts.runId}-${++this.counter}`;
    const reasons: string[] = [];
    let expectationKnown = true;

    // Path: a fixture (or real record for reads), nothing, or a mutated value.
    let record: string | undefined;
    const url0 = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const pv = gen.path[name] ?? { kind: 'nothing' };
      const spec = op.pathParams.find((p) => p.name === name);
      let value: string;
      let raw = false;
      if (pv.kind === 'pick') {
        const c = this.ctx.pathCandidates(op, name);
        value = c.length > 0 ? c[pv.index % c.length] : this.ctx.nothing(spec);
      } else if (pv.kind === 'nothing') value = this.ctx.nothing(spec);
      else ({ value, raw = false } = pv);
      record ??= value;
      // Dot segments and raw text may route the request elsewhere: no expectation on validation then.
      if (raw || value === '' || value === '.' || value === '..') expectationKnown = false;
      else if (spec)
        // As text, like a query parameter: `/work-plans/2024` is an integer path parameter.
        reasons.push(...paramViolations([spec], [[spec.name, value]], 'path'));
      return raw ? value : enc(value);
    });

    // Query.
    let url = url0;
    if (gen.rawQuery !== undefined) {
      url += `?${gen.rawQuery}`;
      expectationKnown = false;
    } else if (gen.query.length > 0) {
      url += `?${gen.query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
      // Bracket keys and prototype keys depend on the query parser's dialect: no expectation on them.
      const ambiguous = gen.query.some(([k]) => /[[\].]|^(__proto__|constructor|prototype)$/.test(k));
      if (op.queryParams.length > 0 && !ambiguous)
        reasons.push(...paramViolations(op.queryParams, gen.query, 'query'));
    }

    // Headers.
    const headers: Record<string, string> = { 'x-request-id': requestId };
    if (caller.username !== 'anonymous') headers.authorization = `Bearer ${await tokenFor(caller.username)}`;
    if (gen.headers.acceptLanguage) headers['accept-language'] = gen.headers.acceptLanguage;
    const key = gen.headers.idempotencyKey;
    if (key?.kind === 'fresh') headers['idempotency-key'] = randomUUID();
    if (key?.kind === 'value') {
      headers['idempotency-key'] = key.value;
      reasons.push(...paramViolations(op.headerParams, [['idempotency-key', key.value]], 'header'));
    }

    // Body.
    let body: string | Uint8Array | undefined;
    let bodyText = '';
    let parsed: unknown;
    let shown = '';
    const b = gen.body;
    if (b.kind === 'none') {
      if (op.body?.required) reasons.push('body: required, none sent');
    } else if (b.kind === 'json') {
      let pick = runIndex;
      const resolved: FuzzValue = resolveHints(b.value, (h: Hint) => this.ctx.resolveHint(h, record, pick++));
      const json = toJsonTextCapped(resolved);
      bodyText = json.text;
      body = bodyText;
      shown = preview(resolved);
      headers['content-type'] = b.contentType;
      parsed = json.truncated ? undefined : safeParse(bodyText);
      if (!isJsonContentType(b.contentType)) reasons.push(`content-type ${b.contentType} is not JSON`);
      else if (json.truncated) reasons.push(`body: over ${MAX_BODY_CHARS} characters (cut)`);
      else if (op.body) reasons.push(...schemaViolations(op.body.schema, parsed));
    } else if (b.kind === 'raw') {
      bodyText = b.text;
      body = b.text;
      shown = `<${b.label}> ${b.text.slice(0, 200)}`;
      headers['content-type'] = b.contentType;
      parsed = b.parses ? safeParse(b.text) : undefined;
      if (!b.parses) reasons.push(`body: ${b.label}`);
      else if (op.body) reasons.push(...schemaViolations(op.body.schema, parsed));
    } else {
      body = new Uint8Array(b.bytes);
      bodyText = Buffer.from(b.bytes).toString('utf8');
      shown = `<${b.label}>`;
      headers['content-type'] = b.contentType;
      parsed = safeParse(bodyText);
      if (op.body) reasons.push(...schemaViolations(op.body.schema, parsed));
    }
    const invalidReasons = expectationKnown ? reasons : [];

    const before = this.last ?? (await this.tracker.snapshot([requestId]));
    // Load on a shared 2-core machine, or a rebalance of the land service's consumer group (other tests
    // start and stop land services all the time): on 503/504 or a failed connection, wait until the
    // service answers a trivial read, then send again, up to three times. Same idempotency key (a write
    // that did happen is replayed, not repeated), but a new request id: reads are keyed by it, so the
    // retry goes to another partition than the one a stuck consumer holds. Still 5xx then: a finding.
    const ids = [requestId];
    let answer = await this.send(op.method, url, headers, body);
    for (let attempt = 2; attempt <= 3 && isUnavailable(answer); attempt++) {
      await this.waitUntilServing();
      ids.push(`${requestId}-r${attempt}`);
      headers['x-request-id'] = ids[ids.length - 1];
      answer = (await this.send(op.method, url, headers, body)) ?? answer;
      if (!isUnavailable(answer)) this.stats.transient++;
    }
    const after = await this.tracker.snapshot(ids);
    this.last = after;
    this.assertAlive(op, url);

    const sent: SentRequest = {
      route: op.key,
      caller: caller.username,
      method: op.method,
      url,
      bodyText,
      parsedBody: parsed,
      // fetch adds host, accept, user-agent, accept-encoding, connection, content-length: about 200 bytes.
      headBytes:
        256 +
        Buffer.byteLength(
          `${op.method} ${url} HTTP/1.1\r\n${Object.entries(headers)
            .map(([k, v]) => `${k}: ${v}\r\n`)
            .join('')}`,
        ),
      invalidReasons,
      labels: gen.labels,
    };
    const violations: Violation[] = [];
    if (!answer) violations.push({ kind: 'no-answer', code: 'none', detail: 'the connection failed twice' });
    else {
      violations.push(
        ...checkAnswer(answer, {
          requestId: ids[ids.length - 1],
          requestText: `${decodeSafe(url)}\n${bodyText}`,
          documentedCodes: this.documentedCodes,
          invalidReasons,
          callerAllowed: caller.allowed,
        }),
      );
      if (answer.status < 200 || answer.status >= 300) {
        const w = this.tracker.compare(before, after);
        if (w.attributed.length > 0) {
          violations.push({ kind: 'partial-write', code: codeOf(answer), detail: w.attributed.join('; ') });
        } else if (w.grew.length > 0) {
          if (this.opts.strictCounts) {
            violations.push({
              kind: 'partial-write',
              code: codeOf(answer),
              detail: `tables grew: ${w.grew.join('; ')}`,
            });
          } else this.stats.unattributedGrowth.push(`${op.key} ${answer.status}: ${w.grew.join('; ')}`);
        }
      } else {
        this.ctx.observe(record, safeParse(answer.text));
      }
      if (answer.status === 409 && codeOf(answer) === 'VERSION_CONFLICT' && invalidReasons.length === 0) {
        await this.ctx.refreshVersion(op, record);
        this.last = undefined;
      }
    }
    this.stats.record(op.key, answer?.status ?? 'none', gen.labels);
    this.opts.verbose?.(
      `${ids.join(' ')} ${caller.username} ${op.method} ${url.slice(0, 300)} ${shown.slice(0, 300)} -> ${answer?.status ?? 'none'} ${answer?.text.slice(0, 200) ?? ''}`,
    );

    for (const g of FIXED_FINDINGS) if (g.matches(sent)) this.stats.guard(g.id);
    if (answer && answer.status < 500) {
      const light: SentRequest = { ...sent, bodyText: '', parsedBody: undefined };
      const finding = this.findingBase(
        op,
        caller,
        answer.status,
        seed,
        runIndex,
        ids,
        url,
        headers,
        shown,
        gen.labels,
      );
      for (const id of ids) this.answered.set(id, { sent: light, finding });
    }
    const unknown: Finding[] = [];
    for (const v of violations) {
      const k = knownFindingFor(op.key, v, sent, this.opts.known);
      if (k) {
        this.stats.known(k.id);
        continue;
      }
      const f: Finding = {
        ...v,
        ...this.findingBase(
          op,
          caller,
          answer?.status ?? 'none',
          seed,
          runIndex,
          ids,
          url,
          headers,
          shown,
          gen.labels,
        ),
      };
      this.stats.findings.push(f);
      unknown.push(f);
    }
    return unknown;
  }

  private findingBase(
    op: FuzzOperation,
    caller: Caller,
    status: number | 'none',
    seed: number,
    runIndex: number,
    ids: string[],
    url: string,
    headers: Record<string, string>,
    body: string,
    labels: string[],
  ): Omit<Finding, 'kind' | 'code' | 'detail'> {
    return {
      route: op.key,
      caller: caller.username,
      status,
      seed,
      runIndex,
      requestId: ids.join(' '),
      method: op.method,
      url: url.length > 400 ? `${url.slice(0, 400)}… (${url.length} chars)` : url,
      headers: Object.fromEntries(Object.entries(headers).filter(([h]) => h !== 'authorization')),
      body,
      labels,
    };
  }

  /**
   * After the run: an error logged by the gateway or a service for a request answered below 500 means
   * something went wrong that the answer hides (or a normal event logged as an error, which buries the
   * real ones). One finding per route, code and message.
   */
  scanLogs(): Finding[] {
    const out = new Map<string, Finding>();
    for (const app of [this.gw, ...this.services]) {
      for (const line of app.logLines()) {
        if (line.level !== 'error' || !line.requestId) continue;
        const a = this.answered.get(line.requestId);
        if (!a) continue;
        const code = typeof line.code === 'string' ? line.code : String(a.finding.status);
        const v: Violation = {
          kind: 'logged-error',
          code,
          detail: `${app.name} logged: ${String(line.msg)}`,
        };
        const k = knownFindingFor(a.sent.route, v, a.sent, this.opts.known);
        if (k) {
          this.stats.known(k.id);
          continue;
        }
        const key = `${a.sent.route}|${code}|${String(line.msg)}`;
        if (!out.has(key)) out.set(key, { ...v, ...a.finding });
      }
    }
    const found = [...out.values()];
    this.stats.findings.push(...found);
    return found;
  }

  private async send(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
  ): Promise<{ status: number; headers: Headers; text: string } | undefined> {
    try {
      const res = await fetch(`${this.gw.url}${url}`, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, headers: res.headers, text: await res.text() };
    } catch {
      return undefined;
    }
  }

  /**
   * Until a trivial read answers. If none does for a minute, the platform is down or the land service's
   * consumer group is held by someone else's consumer that does not answer: stop with that, which is an
   * environment problem and not a finding.
   */
  private async waitUntilServing(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        const r = await fetch(`${this.gw.url}/api/v1/cofos/SEG01`, {
          headers: { authorization: `Bearer ${await tokenFor('admin.prosmed')}` },
          signal: AbortSignal.timeout(12_000),
        });
        if (r.status === 200) return;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const others = await otherLandConsumers(1).catch(() => [] as string[]);
    throw new Error(
      `the land service does not answer through the gateway for ${timeoutMs / 1000} s` +
        (others.length > 0 ? `; other consumers of its topics: ${others.join(', ')}` : ''),
    );
  }

  /** A crashed app is the worst finding: stop the run there, with the request that did it. */
  private assertAlive(op: FuzzOperation, url: string): void {
    for (const app of [this.gw, ...this.services]) {
      if (app.child.exitCode !== null || app.child.signalCode !== null) {
        throw new Error(`${app.name} exited after ${op.method} ${url.slice(0, 200)}:\n${app.logTail(20)}`);
      }
    }
  }
}

function isUnavailable(a: { status: number } | undefined): boolean {
  return a === undefined || a.status === 503 || a.status === 504;
}

function codeOf(a: { text: string }): string {
  const b = safeParse(a.text) as { code?: unknown } | undefined;
  return typeof b?.code === 'string' ? b.code : 'none';
}

function decodeSafe(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
