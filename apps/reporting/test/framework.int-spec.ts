import { randomUUID } from 'node:crypto';
import { ReportingMessages as M } from '@prosmed/contracts';
import { demoIdentity, runTag, startReportingHarness, type ReportingHarness } from './reporting-harness';

interface Indicator {
  code: string;
  version: number;
  targets: { year: number; value: number }[];
}
interface Values {
  version: number;
  total: { value: number; female: number | null; male: number | null; youth: number | null };
  target: number | null;
  progress: number | null;
}

/**
 * The results framework and the activities through the service's own request topic (real Kafka and
 * PostgreSQL): an admin adds an indicator that is counted over the history at once, versions it, sets its
 * target; an activity given in percentages is stored as counts; a command replayed with its key writes once.
 */
describe('reporting: framework as data and activities (PostgreSQL, Kafka)', () => {
  let h: ReportingHarness;
  const admin = demoIdentity('admin.prosmed');
  // A day of 2016 on which no activity was ever recorded (the database outlives a run: CI reuses the
  // machine's), so the figures are this run's only. Chosen in beforeAll.
  let day: string;
  let period: string;
  const code = `it-contest-${runTag}`;
  let recorded: Record<string, unknown> & { activityId: string; version: number };

  beforeAll(async () => {
    h = await startReportingHarness();
    const [free] = await h.db.query<{ day: string }[]>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day
         FROM generate_series('2016-01-01'::date, '2016-12-31'::date, '1 day') AS d
        WHERE NOT EXISTS (SELECT 1 FROM reporting.activity a WHERE d BETWEEN a.start_date AND a.end_date)
          AND NOT EXISTS (SELECT 1 FROM reporting.source_record r WHERE r.day = d)
        ORDER BY random() LIMIT 1`,
    );
    if (!free) throw new Error('every day of 2016 has an activity: drop the test database');
    day = free.day;
    period = `${day}..${day}`;
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const contest = (title: string, participants: Record<string, number>) => ({
    resultArea: 'R4',
    kind: 'contest',
    title,
    audience: 'pupils',
    placeCode: 'ML-SIK-KOU',
    startDate: day,
    endDate: day,
    participants,
  });

  it('stores a percentage as the count it stands for, and a replayed command once', async () => {
    const key = randomUUID();
    const body = contest(`Concours ${runTag}`, { total: 207, womenPercent: 33, youthPercent: 66 });
    const a = await h.call<{ id: string; version: number; participants: Record<string, number | null> }>(
      M.activityRecord.id,
      body,
      undefined,
      key,
    );
    expect(a.participants).toEqual({
      total: 207,
      women: 68,
      men: 139,
      youth: 137,
      womenPercent: 33,
      youthPercent: 66,
    });
    const again = await h.call<{ id: string }>(M.activityRecord.id, body, undefined, key);
    expect(again.id).toBe(a.id);
    recorded = { ...body, activityId: a.id, version: a.version };
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM reporting.activity WHERE title = $1`, [
      body.title,
    ]);
    expect(n).toBe(1);
    const [{ audits }] = await h.db.query(
      `SELECT count(*)::int AS audits FROM reporting.audit_log WHERE entity_type = 'activity' AND entity_id = $1`,
      [a.id],
    );
    expect(audits).toBe(1);
  });

  it('refuses a sub-count above the total and writes nothing', async () => {
    const title = `Refusé ${runTag}`;
    const err = await h.fail(M.activityRecord.id, contest(title, { total: 10, youth: 11 }));
    expect(err).toMatchObject({
      code: 'SUBCOUNT_EXCEEDS_TOTAL',
      params: { path: 'participants.youth', count: 11, total: 10 },
    });
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM reporting.activity WHERE title = $1`, [
      title,
    ]);
    expect(n).toBe(0);
  });

  it('adds an indicator through the API, counted over the history at once, versioned, with a target', async () => {
    const definition = {
      code,
      resultArea: 'R4',
      label: 'Élèves des concours (test)',
      unit: 'personnes',
      measure: 'sum',
      sources: [
        {
          eventTypes: ['reporting.activity.v1'],
          where: { kind: 'contest' },
          valueField: 'participants.total',
          femaleField: 'participants.women',
        },
      ],
    };
    const v1 = await h.call<Indicator>(M.indicatorDefine.id, definition, admin);
    expect(v1.version).toBe(1);
    const values = (q: Record<string, string> = {}) =>
      h.call<Values>(M.indicatorValues.id, { code, period, level: 'country', ...q }, demoIdentity('manager'));
    expect((await values()).total).toEqual({ value: 207, female: 68, male: null, youth: null });

    const same = await h.fail(M.indicatorDefine.id, definition, admin);
    expect(same).toMatchObject({ code: 'INDICATOR_UNCHANGED' });
    const v2 = await h.call<Indicator>(
      M.indicatorDefine.id,
      { ...definition, sources: [{ ...definition.sources[0], youthField: 'participants.youth' }] },
      admin,
    );
    expect(v2.version).toBe(2);
    expect((await values()).total).toEqual({ value: 207, female: 68, male: null, youth: 137 });

    const withTarget = await h.call<Indicator>(M.indicatorTarget.id, { code, year: 2016, value: 414 }, admin);
    expect(withTarget.targets).toEqual([{ year: 2016, value: 414 }]);
    expect(await values()).toMatchObject({ version: 2, target: 414, progress: 50 });

    const notAdmin = await h.fail(M.indicatorDefine.id, definition, demoIdentity('suivi.evaluation'));
    expect(notAdmin).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    const [{ audits }] = await h.db.query(
      `SELECT count(*)::int AS audits FROM reporting.audit_log WHERE entity_type = 'indicator' AND entity_id = $1`,
      [code],
    );
    expect(audits).toBe(3);
  });

  it('counts only the corrected version of an activity, and refuses a stale one', async () => {
    const corrected = await h.call<{ version: number }>(M.activityUpdate.id, {
      ...recorded,
      participants: { total: 210, women: 70 },
    });
    expect(corrected.version).toBe(recorded.version + 1);
    const v = await h.call<Values>(
      M.indicatorValues.id,
      { code, period, level: 'country' },
      demoIdentity('manager'),
    );
    expect(v.total).toEqual({ value: 210, female: 70, male: null, youth: 0 });
    const stale = await h.fail(M.activityUpdate.id, { ...recorded, participants: { total: 1 } });
    expect(stale).toMatchObject({
      code: 'VERSION_CONFLICT',
      params: { expected: recorded.version, actual: corrected.version },
    });
    const missing = await h.fail(M.activityUpdate.id, { ...recorded, activityId: randomUUID() });
    expect(missing).toMatchObject({ code: 'ACTIVITY_NOT_FOUND' });
  });

  it('retires the test’s indicator through the API, so no report shows it; its history stays', async () => {
    const retired = await h.call<Indicator>(
      M.indicatorRetire.id,
      { code, reason: 'Indicateur de test' },
      admin,
    );
    expect(retired.version).toBe(2);
    const gone = await h.fail(M.indicatorValues.id, { code, period }, demoIdentity('manager'));
    expect(gone).toMatchObject({ code: 'INDICATOR_NOT_FOUND' });
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM reporting.indicator WHERE code = $1`, [
      code,
    ]);
    expect(n).toBe(2);
  });
});
