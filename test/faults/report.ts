/** The pure part of the fault tests: what an attempt means, what a scenario's outcome is, the table. */

export interface Attempt {
  gateway: string;
  startedAt: number;
  endedAt: number;
  /** HTTP status, or what happened to the connection: `timeout`, `refused`, `reset`, `network`. */
  status: number | string;
  /** The error body's code, when there was one. */
  code?: string;
  replayed?: boolean;
}

export interface Filing {
  /** Unique per filing: the case's summary, which the checks look for in PostgreSQL. */
  summary: string;
  /** Its Idempotency-Key, the same on every attempt. */
  key: string;
  attempts: Attempt[];
  final: 'acked' | 'failed';
  /** It has its final answer (until then `final` says nothing). */
  settled: boolean;
  /** From the 2xx answer. */
  caseId?: string;
  number?: string;
}

/**
 * `ok`: acknowledged. `retry`: no definite answer (5xx, timeout, connection refused or cut) or "a request
 * with this key is still in progress" (409 with `Retry-After`): send the same key again. `final`: a
 * definite refusal, which no retry changes.
 */
export function attemptVerdict(a: Pick<Attempt, 'status' | 'code'>): 'ok' | 'retry' | 'final' {
  if (typeof a.status === 'string') return 'retry';
  if (a.status >= 200 && a.status < 300) return 'ok';
  if (a.status >= 500) return 'retry';
  if (a.status === 409 && a.code === 'IDEMPOTENCY_IN_PROGRESS') return 'retry';
  return 'final';
}

/** One row of `land.dispute_case` of the scenario. */
export interface CaseRow {
  id: string;
  summary: string;
}

/** `land.case.filed.v1` as read back from the broker, per case id. */
export interface EventCount {
  /** Distinct events (outbox row ids, `x-message-id`): a case must have exactly one. */
  distinct: number;
  /** Deliveries, counting a redelivered copy of one event (at least once: consumers drop copies). */
  copies: number;
}

export interface ScenarioResult {
  scenario: string;
  sent: number;
  acknowledged: number;
  /** Final status of the filings that failed, e.g. `{ "503": 3, timeout: 1 }`. */
  failed: Record<string, number>;
  /** Acknowledged, but no row with the acknowledged id. */
  lost: number;
  /** Extra rows: a filing that exists more than once counts its copies beyond the first. */
  duplicated: number;
  /** Acknowledged with an id that is not the id of the filing's row (a replay that lied). */
  wrongAnswer: number;
  /** Failed for the client, yet in PostgreSQL (a 504 whose command did commit): allowed, counted. */
  failedButApplied: number;
  /** Rows without their event, and rows with more than one distinct event. */
  eventsMissing: number;
  eventsExtra: number;
  eventCopies: number;
  outboxLeft: number;
  /** From the restart of what was killed to the first 2xx any client got. */
  recoveryMs?: number;
  /** 2xx answers replayed by a gateway's key store (`Idempotent-Replayed: true`). */
  replayed: number;
  /** Deliveries the service answered from its command log instead of applying them again. */
  serviceReplays: number;
  /** Commands the service refused for arriving after their deadline (never applied). */
  expiredRefused: number;
  passed: boolean;
}

export function assess(input: {
  scenario: string;
  filings: readonly Filing[];
  rows: readonly CaseRow[];
  events: ReadonlyMap<string, EventCount>;
  outboxLeft: number;
  restartedAt?: number;
  /** Count only the answers of this gateway as the recovery (the one that was restarted). */
  recoveryVia?: string;
  serviceReplays?: number;
  expiredRefused?: number;
}): ScenarioResult {
  const bySummary = new Map<string, CaseRow[]>();
  for (const r of input.rows) bySummary.set(r.summary, [...(bySummary.get(r.summary) ?? []), r]);
  const ids = new Set(input.rows.map((r) => r.id));
  const failed: Record<string, number> = {};
  let lost = 0;
  let wrongAnswer = 0;
  let failedButApplied = 0;
  let replayed = 0;
  for (const f of input.filings) {
    const rows = bySummary.get(f.summary) ?? [];
    if (f.final === 'acked') {
      if (!f.caseId || !ids.has(f.caseId)) lost += 1;
      else if (!rows.some((r) => r.id === f.caseId)) wrongAnswer += 1;
      if (f.attempts.at(-1)?.replayed) replayed += 1;
    } else {
      const last = String(f.attempts.at(-1)?.status ?? 'none');
      failed[last] = (failed[last] ?? 0) + 1;
      if (rows.length > 0) failedButApplied += 1;
    }
  }
  let duplicated = 0;
  for (const rows of bySummary.values()) duplicated += Math.max(0, rows.length - 1);
  let eventsMissing = 0;
  let eventsExtra = 0;
  let eventCopies = 0;
  for (const r of input.rows) {
    const e = input.events.get(r.id);
    if (!e || e.distinct === 0) eventsMissing += 1;
    else if (e.distinct > 1) eventsExtra += e.distinct - 1;
    if (e) eventCopies += e.copies - e.distinct;
  }
  const firstOk =
    input.restartedAt === undefined
      ? undefined
      : Math.min(
          ...input.filings.flatMap((f) =>
            f.attempts
              .filter((a) => attemptVerdict(a) === 'ok' && a.endedAt >= input.restartedAt!)
              .filter((a) => input.recoveryVia === undefined || a.gateway === input.recoveryVia)
              .map((a) => a.endedAt),
          ),
        );
  const acknowledged = input.filings.filter((f) => f.final === 'acked').length;
  return {
    scenario: input.scenario,
    sent: input.filings.length,
    acknowledged,
    failed,
    lost,
    duplicated,
    wrongAnswer,
    failedButApplied,
    eventsMissing,
    eventsExtra,
    eventCopies,
    outboxLeft: input.outboxLeft,
    recoveryMs: firstOk !== undefined && Number.isFinite(firstOk) ? firstOk - input.restartedAt! : undefined,
    replayed,
    serviceReplays: input.serviceReplays ?? 0,
    expiredRefused: input.expiredRefused ?? 0,
    passed:
      lost === 0 &&
      duplicated === 0 &&
      wrongAnswer === 0 &&
      eventsMissing === 0 &&
      eventsExtra === 0 &&
      input.outboxLeft === 0 &&
      acknowledged > 0,
  };
}

const failedText = (f: Record<string, number>): string =>
  Object.keys(f).length === 0
    ? '0'
    : Object.entries(f)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, n]) => `${n} (${status})`)
        .join(', ');

/** A Markdown table, one row per scenario. */
export function formatTable(results: readonly ScenarioResult[]): string {
  const head = [
    'scenario',
    'sent',
    'acknowledged',
    'failed (final status)',
    'lost',
    'duplicated',
    'failed but applied',
    'events missing / extra (copies)',
    'outbox left',
    'replays (gateway / service)',
    'expired refused',
    'first 2xx after restart',
    'verdict',
  ];
  const rows = results.map((r) => [
    r.scenario,
    String(r.sent),
    String(r.acknowledged),
    failedText(r.failed),
    String(r.lost + r.wrongAnswer),
    String(r.duplicated),
    String(r.failedButApplied),
    `${r.eventsMissing} / ${r.eventsExtra} (${r.eventCopies})`,
    String(r.outboxLeft),
    `${r.replayed} / ${r.serviceReplays}`,
    String(r.expiredRefused),
    r.recoveryMs === undefined ? 'none' : `${(r.recoveryMs / 1000).toFixed(1)} s`,
    r.passed ? 'pass' : 'FAIL',
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}
