import { randomUUID } from 'node:crypto';
import { AnticorruptionMessages, Events, messageIds, type UpdateDto } from '@prosmed/contracts';
import { TopicRecorder } from '@prosmed/testing';
import { demoIdentity, runTag, startAnticorruption, type AcHarness } from './ac-harness';
import { importBody, itCode, itRow } from './plan-fixture';

const M = messageIds(AnticorruptionMessages);
const oclei = () => demoIdentity('pf.oclei');
const sp = () => demoIdentity('snlcc.sp');
const copil = () => demoIdentity('copil.membre');
let h: AcHarness;
let recorder: TopicRecorder;

const count = async (sql: string, params: unknown[]): Promise<number> =>
  Number(((await h.db.query(sql, params)) as { n: string }[])[0].n);

beforeAll(async () => {
  recorder = await TopicRecorder.start([
    Events.anticorruption.updateValidated,
    Events.anticorruption.reminderDue,
  ]);
  h = await startAnticorruption();
  await h.call(
    M.planImport,
    importBody([
      itRow('A', 'OCLEI'),
      itRow('B', 'OCLEI'),
      itRow('C', 'MJDH'),
      itRow('L', 'OCLEI', { end: '2024-06-30' }),
    ]),
    sp(),
  );
}, 180_000);
afterAll(async () => {
  await h?.close();
  await recorder?.stop();
});

const values = {
  period: '2024-Q2',
  status: 'en cours',
  progress: 30,
  budgetSpent: 1_000_000,
  comment: 'Mme Diarra a tenu l’atelier.',
};

describe('SNLCC updates on the real PostgreSQL and Kafka', () => {
  it('has a demo plan of at least 20 actions over the 4 axes, flagged demo, OCLEI and MJDH responsible', async () => {
    const rows: { axes: string; n: string; structures: string[] }[] = await h.db.query(
      `SELECT count(DISTINCT os."axis_code") AS "axes", count(*) AS "n", array_agg(DISTINCT a."responsible_code") AS "structures"
         FROM "anticorruption"."action" a JOIN "anticorruption"."expected_result" r ON r."code" = a."result_code"
         JOIN "anticorruption"."objective" oo ON oo."code" = r."objective_code"
         JOIN "anticorruption"."objective" os ON os."code" = oo."parent_code" WHERE a."demo"`,
    );
    expect(Number(rows[0].axes)).toBe(4);
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(20);
    expect(rows[0].structures).toEqual(expect.arrayContaining(['OCLEI', 'MJDH']));
  });

  it('applies a proposal once for one idempotency key: one row, one audit row, one event', async () => {
    const key = randomUUID();
    const body = { ...values, code: itCode('A') };
    const first = await h.call<UpdateDto>(M.updatePropose, body, oclei(), key);
    const again = await h.call<UpdateDto>(M.updatePropose, body, oclei(), key);
    expect(again).toEqual(first);
    expect(
      await count(`SELECT count(*) AS n FROM "anticorruption"."action_update" WHERE "id" = $1`, [first.id]),
    ).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM "anticorruption"."audit_log" WHERE "entity_id" = $1`, [
        first.id,
      ]),
    ).toBe(1);
    const events: { payload: Record<string, unknown> }[] = await h.db.query(
      `SELECT "payload" FROM "anticorruption"."outbox" WHERE "topic" = $1 AND "payload"->>'updateId' = $2`,
      [Events.anticorruption.updateProposed, first.id],
    );
    expect(events).toHaveLength(1);
    // Codes, statuses and numbers only: neither the comment (it names a person) nor who wrote it.
    expect(Object.keys(events[0].payload).sort()).toEqual(
      [
        'actionCode',
        'actionId',
        'axisCode',
        'budgetPlanned',
        'budgetSpent',
        'occurredAt',
        'period',
        'progress',
        'state',
        'status',
        'structureCode',
        'updateId',
      ].sort(),
    );
    expect(JSON.stringify(events[0].payload)).not.toMatch(/Diarra|pf\.oclei/);
    // A second proposal for the same period (another key) is refused and writes nothing.
    expect((await h.fail(M.updatePropose, body, oclei())).code).toBe('UPDATE_EXISTS_FOR_PERIOD');
  });

  it('refuses bad input and another structure’s action without writing anything', async () => {
    const before = await count(`SELECT count(*) AS n FROM "anticorruption"."action_update"`, []);
    const unknownIndicator = await h.fail(
      M.updatePropose,
      { ...values, code: itCode('B'), indicatorValues: [{ indicatorId: randomUUID(), value: 3 }] },
      oclei(),
    );
    expect(unknownIndicator.code).toBe('INDICATOR_UNKNOWN');
    expect((await h.fail(M.updatePropose, { ...values, code: itCode('C') }, oclei())).code).toBe(
      'OUT_OF_SCOPE',
    );
    expect(
      (await h.fail(M.updatePropose, { ...values, code: itCode('B'), period: '2023-Q4' }, oclei())).code,
    ).toBe('PERIOD_BEFORE_ACTION');
    const invalid = await h.fail(
      M.updatePropose,
      { ...values, code: itCode('B'), budgetSpent: 10.5 },
      oclei(),
    );
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(await count(`SELECT count(*) AS n FROM "anticorruption"."action_update"`, [])).toBe(before);
  });

  it('lets one of two concurrent validations through, the other gets VERSION_CONFLICT; the event reaches Kafka', async () => {
    const u = await h.call<UpdateDto>(M.updatePropose, { ...values, code: itCode('B') }, oclei());
    const c = await h.call<UpdateDto>(M.updateConsolidate, { updateId: u.id, version: u.version }, sp());
    const results = await Promise.allSettled([
      h.call<UpdateDto>(M.updateValidate, { updateId: u.id, version: c.version }, copil()),
      h.call<UpdateDto>(M.updateValidate, { updateId: u.id, version: c.version }, copil()),
    ]);
    const codes = results.map((r) =>
      r.status === 'fulfilled' ? r.value.state : (r.reason as { payload: { code: string } }).payload.code,
    );
    expect(codes.sort()).toEqual(['VERSION_CONFLICT', 'validated']);
    const seen = await recorder.waitFor(
      (m) =>
        m.topic === Events.anticorruption.updateValidated &&
        (m.value as { updateId: string }).updateId === u.id,
    );
    expect(seen).toHaveLength(1);
    expect(seen[0].value).toMatchObject({
      actionCode: itCode('B'),
      structureCode: 'OCLEI',
      state: 'validated',
      progress: 30,
    });
  });

  it('pages the update list by cursor, and shows a focal point her structure’s updates only', async () => {
    type Page = { items: UpdateDto[]; nextCursor: string | null };
    const first = await h.call<Page>(M.updateList, { limit: 1 }, oclei());
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await h.call<Page>(M.updateList, { limit: 1, cursor: first.nextCursor }, oclei());
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.items[0].updatedAt <= first.items[0].updatedAt).toBe(true);
    const mine = await h.call<Page>(M.updateList, { limit: 200, structure: 'MJDH' }, oclei());
    expect(mine.items).toEqual([]);
    expect((await h.fail(M.updateList, { cursor: 'not-a-cursor' }, oclei())).code).toBe('VALIDATION_FAILED');
  });

  it('freezes a closed session: its snapshot rows refuse any change', async () => {
    const s = await h.call<{ id: string; version: number }>(
      M.sessionOpen,
      { title: `Session IT ${runTag}`, heldOn: '2024-07-10', periodFrom: '2024-Q2', periodTo: '2024-Q2' },
      sp(),
    );
    await h.call(M.sessionClose, { sessionId: s.id, version: s.version }, copil());
    const snap: { status: string; late: boolean }[] = await h.db.query(
      `SELECT s."status", s."late" FROM "anticorruption"."session_snapshot" s WHERE s."session_id" = $1 AND s."action_code" = $2`,
      [s.id, itCode('B')],
    );
    expect(snap).toEqual([{ status: 'en cours', late: false }]);
    const lateOne: { late: boolean }[] = await h.db.query(
      `SELECT "late" FROM "anticorruption"."session_snapshot" WHERE "session_id" = $1 AND "action_code" = $2`,
      [s.id, itCode('L')],
    );
    expect(lateOne).toEqual([{ late: true }]);
    await expect(
      h.db.query(`UPDATE "anticorruption"."session_snapshot" SET "progress" = 100 WHERE "session_id" = $1`, [
        s.id,
      ]),
    ).rejects.toThrow(/frozen/);
    expect(
      (await h.fail(M.sessionMinutes, { sessionId: s.id, version: 2, minutes: 'x', decisions: [] }, sp()))
        .code,
    ).toBe('SESSION_CLOSED');
    expect(
      (
        await h.fail(
          M.sessionOpen,
          { title: 't', heldOn: '2024-07-10', periodFrom: '2024-Q3', periodTo: '2024-Q2' },
          sp(),
        )
      ).code,
    ).toBe('SESSION_PERIODS_REVERSED');
  });

  it('emits one reminder per structure and period, and one lateness notice per action, however often it runs', async () => {
    const period = '2024-Q3';
    await h.call(M.reminderRun, { period }, sp());
    await h.call(M.reminderRun, { period }, sp());
    expect(
      await count(`SELECT count(*) AS n FROM "anticorruption"."outbox" WHERE "topic" = $1 AND "key" = $2`, [
        Events.anticorruption.reminderDue,
        `OCLEI:${period}`,
      ]),
    ).toBe(1);
    const [late]: { id: string }[] = await h.db.query(
      `SELECT "id" FROM "anticorruption"."action" WHERE "code" = $1`,
      [itCode('L')],
    );
    expect(
      await count(`SELECT count(*) AS n FROM "anticorruption"."outbox" WHERE "topic" = $1 AND "key" = $2`, [
        Events.anticorruption.actionLate,
        late.id,
      ]),
    ).toBe(1);
    const reminder = await recorder.waitFor(
      (m) => m.topic === Events.anticorruption.reminderDue && m.key === `OCLEI:${period}`,
    );
    expect(reminder[0].value).toMatchObject({ structureCode: 'OCLEI', period, deadline: '2024-10-15' });
  });

  it('drafts and adopts an annual work plan at an open session', async () => {
    // The year's plan is this test's own: a previous run's is removed first, so each run creates it.
    const year = 2026;
    await h.db.query(`DELETE FROM "anticorruption"."work_plan_item" WHERE "year" = $1`, [year]);
    await h.db.query(`DELETE FROM "anticorruption"."work_plan" WHERE "year" = $1`, [year]);
    const wp = await h.call<{ version: number; budgetPlanned: number }>(
      M.workPlanCreate,
      { year, items: [{ code: itCode('A') }, { code: itCode('B') }] },
      sp(),
    );
    expect(wp.budgetPlanned).toBe(10_000_000);
    expect((await h.fail(M.workPlanCreate, { year: 2023, items: [{ code: itCode('L') }] }, sp())).code).toBe(
      'WORK_PLAN_ACTION_OUTSIDE_YEAR',
    );
    const s = await h.call<{ id: string }>(
      M.sessionOpen,
      {
        title: 'Adoption du plan de travail',
        heldOn: '2025-12-15',
        periodFrom: '2025-Q4',
        periodTo: '2025-Q4',
      },
      sp(),
    );
    const adopted = await h.call<{ state: string; sessionId: string }>(
      M.workPlanAdopt,
      { year, version: wp.version, sessionId: s.id },
      sp(),
    );
    expect(adopted).toMatchObject({ state: 'adopted', sessionId: s.id });
    expect((await h.fail(M.workPlanCreate, { year, items: [{ code: itCode('A') }] }, sp())).code).toBe(
      'WORK_PLAN_YEAR_TAKEN',
    );
    expect((await h.fail(M.workPlanAdopt, { year, version: 2, sessionId: randomUUID() }, sp())).code).toBe(
      'WORK_PLAN_ADOPTED',
    );
    expect((await h.call<{ state: string }>(M.workPlanGet, { year }, oclei())).state).toBe('adopted');
  });
});
