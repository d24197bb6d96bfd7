import { randomUUID } from 'node:crypto';
import {
  SecurityMessages,
  messageIds,
  type ActivityDetailDto,
  type ActivityDto,
  type ActivityEventV1,
  type PageV1,
} from '@prosmed/contracts';
import { demoIdentity, runTag, startSecurity, type SecurityHarness } from './security-harness';

const S = messageIds(SecurityMessages);
let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurity();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const segou = () => demoIdentity('ccs.segou');
const nara = () => demoIdentity('ccs.nara');
const manager = () => demoIdentity('manager');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** The report's football match, with a theme unique to this test so rows can be counted. */
const match = (over: Record<string, unknown> = {}) => ({
  ccsCode: 'CCS-SEGOU',
  type: 'sports-event',
  startOn: daysAgo(10),
  placeCode: 'ML-SEG-SEG-SEG',
  theme: `Match de football FDS-population ${runTag}-${randomUUID()}`,
  forces: ['police', 'gendarmerie'],
  participants: { total: 120, women: 45, youth: 70, fds: 30 },
  outcomes: 'Rencontre dans un bon esprit',
  recommendations: ['Organiser un match chaque trimestre', 'Éclairer le terrain'],
  ...over,
});

async function rowsWithTheme(theme: string): Promise<number> {
  const [{ n }]: { n: string }[] = await h.db.query(
    `SELECT count(*) AS n FROM "security"."activity" WHERE "theme" = $1`,
    [theme],
  );
  return Number(n);
}

async function allPages(query: Record<string, unknown>, identity = manager()): Promise<ActivityDto[]> {
  const out: ActivityDto[] = [];
  let cursor: string | null = null;
  do {
    const page: PageV1<ActivityDto> = await h.call(
      S.activityList,
      { ...query, limit: 100, ...(cursor ? { cursor } : {}) },
      identity,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('CCS activities over Kafka (real PostgreSQL and Kafka)', () => {
  it('records the football match once per key, audited, with an event of counts and codes only', async () => {
    const body = match();
    const key = `it-${randomUUID()}`;
    const first = await h.call<ActivityDto>(S.activityRecord, body, segou(), key);
    const again = await h.call<ActivityDto>(S.activityRecord, body, segou(), key);
    expect(again).toEqual(first);
    expect(await rowsWithTheme(body.theme)).toBe(1);
    expect(first).toMatchObject({
      ccsCode: 'CCS-SEGOU',
      endOn: body.startOn,
      participants: { total: 120, women: 45, youth: 70, fds: 30, children: null },
      version: 1,
    });
    expect(first.recommendations.map((r) => r.state)).toEqual(['pending', 'pending']);

    const events: { payload: ActivityEventV1; topic: string }[] = await h.db.query(
      `SELECT "topic", "payload" FROM "security"."outbox" WHERE "key" = $1`,
      [first.id],
    );
    expect(events).toHaveLength(1);
    expect(events[0].topic).toBe('security.activity.recorded.v1');
    expect(events[0].payload).toMatchObject({
      activityId: first.id,
      change: 'recorded',
      type: 'sports-event',
      placeCode: 'ML-SEG-SEG-SEG',
      participants: { total: 120, women: 45, youth: 70, fds: 30 },
      recommendations: { total: 2, done: 0 },
    });
    // No free text leaves the service: no theme, outcomes or recommendation.
    const text = JSON.stringify(events[0].payload);
    for (const word of [runTag, 'bon esprit', 'trimestre']) expect(text).not.toContain(word);

    const detail = await h.call<ActivityDetailDto>(S.activityGet, { activityId: first.id }, manager());
    expect(detail.history).toEqual([
      expect.objectContaining({ action: 'activity.recorded', actor: 'ccs.segou' }),
    ]);
  });

  it('refuses a sub-count above the total, naming the field, and writes nothing', async () => {
    for (const [field, count] of [
      ['women', 121],
      ['youth', 200],
      ['fds', 121],
      ['children', 500],
    ] as const) {
      const body = match({ participants: { total: 120, women: 45, youth: 70, fds: 30, [field]: count } });
      expect(await h.fail(S.activityRecord, body, segou())).toMatchObject({
        code: 'PARTICIPANTS_EXCEED_TOTAL',
        params: { field: `participants.${field}`, total: 120 },
        details: [{ field: `participants.${field}`, code: 'exceedsTotal' }],
      });
      expect(await rowsWithTheme(body.theme)).toBe(0);
    }
  });

  it('keeps the place inside the CCS territory, under either map, down to the village', async () => {
    expect(await h.fail(S.activityRecord, match({ placeCode: 'ML-SEG-SAN-SAN' }), segou())).toMatchObject({
      code: 'PLACE_OUTSIDE_CCS',
      params: { ccsCode: 'CCS-SEGOU', territory: 'cercle de Ségou' },
      details: [{ field: 'placeCode', code: 'outsideCcs' }],
    });
    expect((await h.fail(S.activityRecord, match({ placeCode: 'ML-SEG-SEG-ZZZ' }), segou())).code).toBe(
      'PLACE_UNKNOWN',
    );
    const newMap = await h.call<ActivityDto>(
      S.activityRecord,
      match({ placeCode: 'ML2-SEG-SEG-SEG' }),
      segou(),
    );
    expect(newMap.placeCode).toBe('ML2-SEG-SEG-SEG');
    const village = await h.call<ActivityDto>(
      S.activityRecord,
      match({ placeCode: 'ML-SEG-SEG-SEG-K01', type: 'other', typeLabel: 'Causerie-débat' }),
      segou(),
    );
    expect(village).toMatchObject({ type: 'other', typeLabel: 'Causerie-débat' });
    const unlabelled = await h.fail(S.activityRecord, match({ type: 'other' }), segou());
    expect(unlabelled.code).toBe('VALIDATION_FAILED');
    expect(new Set(unlabelled.details?.map((d) => d.field))).toEqual(new Set(['typeLabel']));
    expect(await h.fail(S.activityRecord, match({ startOn: daysAgo(-3) }), segou())).toMatchObject({
      code: 'DATE_IN_FUTURE',
    });
    expect(await h.fail(S.activityRecord, match({ endOn: daysAgo(20) }), segou())).toMatchObject({
      code: 'DATE_RANGE_INVERTED',
    });
  });

  it('lets only her CCS’s secretary write, and hides it from another CCS', async () => {
    const a = await h.call<ActivityDto>(S.activityRecord, match(), segou());
    expect((await h.fail(S.activityRecord, match(), nara())).code).toBe('OUT_OF_SCOPE');
    expect((await h.fail(S.activityGet, { activityId: a.id }, nara())).code).toBe('OUT_OF_SCOPE');
    expect((await h.fail(S.activityGet, { activityId: randomUUID() }, nara())).code).toBe('OUT_OF_SCOPE');
    expect((await h.fail(S.activityUpdate, { activityId: a.id, version: 1, theme: 'x' }, nara())).code).toBe(
      'OUT_OF_SCOPE',
    );
    expect((await h.fail(S.activityRecord, match(), manager())).code).toBe('FORBIDDEN_ROLE');
    expect((await allPages({}, nara())).map((x) => x.id)).not.toContain(a.id);
    expect((await h.fail(S.activityGet, { activityId: randomUUID() }, manager())).code).toBe(
      'ACTIVITY_NOT_FOUND',
    );
  });

  it('corrects an activity at the version read and follows up its recommendations', async () => {
    const a = await h.call<ActivityDto>(S.activityRecord, match(), segou());
    const fixed = await h.call<ActivityDto>(
      S.activityUpdate,
      {
        activityId: a.id,
        version: 1,
        participants: { total: 130, women: 50, youth: 70, fds: 30, children: 12 },
      },
      segou(),
    );
    expect(fixed).toMatchObject({ version: 2, participants: { total: 130, children: 12 } });
    expect(
      await h.fail(S.activityUpdate, { activityId: a.id, version: 1, theme: 'x' }, segou()),
    ).toMatchObject({
      code: 'VERSION_CONFLICT',
      params: { expected: 1, actual: 2 },
    });
    expect(
      (
        await h.fail(
          S.activityUpdate,
          { activityId: a.id, version: 2, participants: { total: 10, women: 11, youth: 0, fds: 0 } },
          segou(),
        )
      ).code,
    ).toBe('PARTICIPANTS_EXCEED_TOTAL');
    const rec = a.recommendations[0];
    const done = await h.call<ActivityDto>(
      S.activityRecommendation,
      {
        activityId: a.id,
        recommendationId: rec.id,
        version: 2,
        state: 'done',
        note: 'Match du trimestre fixé',
      },
      segou(),
    );
    expect(done.recommendations[0]).toMatchObject({ state: 'done', note: 'Match du trimestre fixé' });
    expect(done.version).toBe(3);
    expect(
      (
        await h.fail(
          S.activityRecommendation,
          { activityId: a.id, recommendationId: randomUUID(), version: 3, state: 'done' },
          segou(),
        )
      ).code,
    ).toBe('RECOMMENDATION_NOT_FOUND');
    const detail = await h.call<ActivityDetailDto>(S.activityGet, { activityId: a.id }, segou());
    expect(detail.history.map((e) => e.action)).toEqual([
      'activity.recorded',
      'activity.updated',
      'activity.recommendation.done',
    ]);
    const events: { payload: ActivityEventV1 }[] = await h.db.query(
      `SELECT "payload" FROM "security"."outbox" WHERE "key" = $1 ORDER BY "created_at"`,
      [a.id],
    );
    expect(events.map((e) => [e.payload.change, e.payload.version])).toEqual([
      ['recorded', 1],
      ['updated', 2],
      ['recommendation-updated', 3],
    ]);
  });

  it('lists by CCS, type, period and place under either map', async () => {
    const old = await h.call<ActivityDto>(
      S.activityRecord,
      match({ type: 'radio-programme', startOn: daysAgo(400) }),
      segou(),
    );
    const recent = await h.call<ActivityDto>(S.activityRecord, match({ type: 'radio-programme' }), segou());
    const underNewRegion = (await allPages({ placeCode: 'ML2-SEG', type: 'radio-programme' })).map(
      (x) => x.id,
    );
    expect(underNewRegion).toEqual(expect.arrayContaining([old.id, recent.id]));
    expect((await allPages({ placeCode: 'ML-SEG-SAN' })).map((x) => x.id)).not.toContain(recent.id);
    const lastMonth = (await allPages({ from: daysAgo(30), to: daysAgo(0), ccsCode: 'CCS-SEGOU' })).map(
      (x) => x.id,
    );
    expect(lastMonth).toContain(recent.id);
    expect(lastMonth).not.toContain(old.id);
    const all = await allPages({ ccsCode: 'CCS-SEGOU' });
    expect(all.every((x) => x.ccsCode === 'CCS-SEGOU')).toBe(true);
    const dates = all.map((x) => x.startOn);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect((await h.fail(S.activityList, { cursor: 'not-a-cursor' }, manager())).code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
