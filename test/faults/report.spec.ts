import { assess, attemptVerdict, formatTable, type Attempt, type Filing } from './report';

const at = (status: Attempt['status'], endedAt: number, extra: Partial<Attempt> = {}): Attempt => ({
  gateway: 'http://a',
  startedAt: endedAt - 10,
  endedAt,
  status,
  ...extra,
});

const filing = (summary: string, final: Filing['final'], attempts: Attempt[], caseId?: string): Filing => ({
  summary,
  key: `k-${summary}`,
  attempts,
  final,
  settled: true,
  caseId,
});

describe('what a client does with an answer', () => {
  it.each<[Attempt['status'], string | undefined, string]>([
    [201, undefined, 'ok'],
    [503, 'SERVICE_UNAVAILABLE', 'retry'],
    [504, 'SERVICE_TIMEOUT', 'retry'],
    [500, 'INTERNAL_ERROR', 'retry'],
    ['refused', undefined, 'retry'],
    ['timeout', undefined, 'retry'],
    [409, 'IDEMPOTENCY_IN_PROGRESS', 'retry'],
    [409, 'VERSION_CONFLICT', 'final'],
    [422, 'IDEMPOTENCY_KEY_REUSED', 'final'],
  ])('%s %s -> %s', (status, code, verdict) => {
    expect(attemptVerdict({ status, code })).toBe(verdict);
  });
});

describe('a scenario assessed', () => {
  const rows = [
    { id: 'c1', summary: 's1' },
    { id: 'c2', summary: 's2' },
    { id: 'c3', summary: 's3' },
  ];
  const events = new Map([
    ['c1', { distinct: 1, copies: 1 }],
    ['c2', { distinct: 1, copies: 2 }],
    ['c3', { distinct: 1, copies: 1 }],
  ]);

  it('passes when every acknowledged filing is there once with one event, and times the recovery', () => {
    const r = assess({
      scenario: 'land',
      filings: [
        filing('s1', 'acked', [at(201, 100)], 'c1'),
        filing('s2', 'acked', [at(504, 150), at(201, 400, { replayed: true })], 'c2'),
        filing('s3', 'failed', [at(503, 120), at(503, 300)]),
        filing('s4', 'failed', [at('refused', 130)]),
      ],
      rows,
      events,
      outboxLeft: 0,
      restartedAt: 200,
      serviceReplays: 1,
    });
    expect(r).toMatchObject({
      sent: 4,
      acknowledged: 2,
      failed: { '503': 1, refused: 1 },
      lost: 0,
      duplicated: 0,
      failedButApplied: 1,
      eventCopies: 1,
      recoveryMs: 200,
      replayed: 1,
      serviceReplays: 1,
      passed: true,
    });
    expect(formatTable([r])).toContain(
      '| land | 4 | 2 | 1 (503), 1 (refused) | 0 | 0 | 1 | 0 / 0 (1) | 0 | 1 / 1 | 0 | 0.2 s | pass |',
    );
  });

  it('fails on a lost acknowledgement, a duplicate, a missing event or a left outbox row', () => {
    const base = { scenario: 'x', rows, events, outboxLeft: 0 };
    const lost = assess({ ...base, filings: [filing('s9', 'acked', [at(201, 1)], 'c9')] });
    expect(lost).toMatchObject({ lost: 1, passed: false });
    const dup = assess({
      ...base,
      rows: [...rows, { id: 'c1b', summary: 's1' }],
      events: new Map([...events, ['c1b', { distinct: 1, copies: 1 }]]),
      filings: [filing('s1', 'acked', [at(201, 1)], 'c1')],
    });
    expect(dup).toMatchObject({ duplicated: 1, passed: false });
    const noEvent = assess({
      ...base,
      events: new Map([['c1', { distinct: 1, copies: 1 }]]),
      filings: [filing('s1', 'acked', [at(201, 1)], 'c1')],
    });
    expect(noEvent).toMatchObject({ eventsMissing: 2, passed: false });
    const outbox = assess({ ...base, outboxLeft: 3, filings: [filing('s1', 'acked', [at(201, 1)], 'c1')] });
    expect(outbox.passed).toBe(false);
  });

  it('counts the recovery through the restarted gateway only when told', () => {
    const r = assess({
      scenario: 'gateway',
      rows,
      events,
      outboxLeft: 0,
      restartedAt: 100,
      recoveryVia: 'http://a',
      filings: [
        filing('s1', 'acked', [at(201, 150, { gateway: 'http://b' })], 'c1'),
        filing('s2', 'acked', [at(201, 900)], 'c2'),
      ],
    });
    expect(r.recoveryMs).toBe(800);
  });
});
