import type { CofoV1, CreateCofoV1, PageV1, TribunalV1 } from '@prosmed/contracts';
import { LandMessages, messageIds } from '@prosmed/contracts';
import { demoIdentity, startLand, uniqueCode, type LandHarness } from './land-harness';

const L = messageIds(LandMessages);
let h: LandHarness;

beforeAll(async () => {
  h = await startLand();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const admin = () => demoIdentity('admin.prosmed');
const secretarySegou = () => demoIdentity('secretaire.segou');

async function newTribunal(): Promise<TribunalV1> {
  return h.call<TribunalV1>(L.tribunalCreate, {
    code: uniqueCode('TI'),
    name: "Tribunal d'instance de Bla",
    kind: 'tribunal-instance',
    placeCode: 'ML-SEG-BLA',
    cercleCodes: ['ML-SEG-BLA'],
  });
}

function cofoBody(over: Partial<CreateCofoV1> = {}): CreateCofoV1 {
  return {
    code: uniqueCode('CF'),
    name: 'Commission foncière communale de Korodougou',
    level: 'commune',
    placeCode: 'ML-SEG-BLA-KOR',
    tribunalCode: null,
    members: [
      { name: 'Aminata Traoré', sex: 'F', role: 'présidente' },
      { name: 'Moussa Coulibaly', sex: 'M', role: 'membre' },
    ],
    ...over,
  };
}

async function allPages<T>(topic: string, query: Record<string, unknown>, identity = admin()): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: PageV1<T> = await h.call<PageV1<T>>(
      topic,
      { ...query, ...(cursor ? { cursor } : {}) },
      identity,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('land registry over Kafka (real PostgreSQL and Kafka)', () => {
  it('serves the demo reference data the realm users point at', async () => {
    const seg = await h.call<CofoV1>(L.cofoGet, { code: 'SEG01' });
    expect(seg).toMatchObject({ level: 'commune', placeCode: 'ML-SEG-SEG-SEG', tribunalCode: 'TI-SEGOU' });
    const san = await h.call<TribunalV1>(L.tribunalGet, { code: 'TI-SAN' });
    expect(san).toMatchObject({ kind: 'tribunal-instance', cercleCodes: ['ML-SEG-SAN'] });
  });

  it('lets the admin create, get, list and update a CoFo', async () => {
    const tribunal = await newTribunal();
    const body = cofoBody({ tribunalCode: tribunal.code });
    const created = await h.call<CofoV1>(L.cofoCreate, body);
    expect(created).toMatchObject({ ...body, version: 1 });
    expect(Date.parse(created.createdAt)).not.toBeNaN();

    expect(await h.call<CofoV1>(L.cofoGet, { code: body.code })).toEqual(created);

    // Accent-insensitive search, level and place filters.
    // Every run adds a CoFo of that name to the shared database: read every page, not only the first.
    const found = await allPages<CofoV1>(L.cofoList, {
      q: 'FONCIERE communale de korodougou',
      level: 'commune',
      placeCode: 'ML-SEG-BLA',
    });
    expect(found.map((c) => c.code)).toContain(body.code);
    const elsewhere = await h.call<PageV1<CofoV1>>(L.cofoList, { placeCode: 'ML-SEG-SAN' });
    expect(elsewhere.items.map((c) => c.code)).not.toContain(body.code);

    const updated = await h.call<CofoV1>(L.cofoUpdate, {
      code: body.code,
      version: 1,
      name: 'CoFo communale de Korodougou',
      members: [{ name: 'Awa Diarra', sex: 'F', role: 'secrétaire' }],
    });
    expect(updated).toMatchObject({
      code: body.code,
      name: 'CoFo communale de Korodougou',
      tribunalCode: tribunal.code,
      members: [{ name: 'Awa Diarra', sex: 'F', role: 'secrétaire' }],
      version: 2,
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    const detached = await h.call<CofoV1>(L.cofoUpdate, {
      code: body.code,
      version: 2,
      tribunalCode: null,
    });
    expect(detached).toMatchObject({ tribunalCode: null, version: 3 });
  });

  it('pages by code with an opaque cursor, every row once', async () => {
    const tag = uniqueCode('PG');
    const codes = [`${tag}-A`, `${tag}-B`, `${tag}-C`, `${tag}-D`, `${tag}-E`];
    for (const code of codes) await h.call(L.cofoCreate, cofoBody({ code, name: `Pagination ${tag}` }));
    const first = await h.call<PageV1<CofoV1>>(L.cofoList, { q: `pagination ${tag}`, limit: 2 });
    expect(first.items.map((c) => c.code)).toEqual(codes.slice(0, 2));
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const all = await allPages<CofoV1>(L.cofoList, { q: `pagination ${tag}`, limit: 2 });
    expect(all.map((c) => c.code)).toEqual(codes);

    const bad = await h.fail(L.cofoList, { cursor: 'not-a-cursor' });
    expect(bad).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'cursor', code: 'invalidCursor' }],
    });
  });

  it('keeps a CoFo secretary to her own CoFo', async () => {
    const other = await h.call<CofoV1>(L.cofoCreate, cofoBody());
    const me = secretarySegou();
    expect(me.cofoId).toBe('SEG01');

    const mine = await allPages<CofoV1>(L.cofoList, {}, me);
    expect(mine.map((c) => c.code)).toEqual(['SEG01']);
    // Filters narrow her scope, never widen it.
    expect((await h.call<PageV1<CofoV1>>(L.cofoList, { placeCode: 'ML-SEG-BLA' }, me)).items).toEqual([]);

    expect((await h.call<CofoV1>(L.cofoGet, { code: 'SEG01' }, me)).code).toBe('SEG01');
    expect(await h.fail(L.cofoGet, { code: 'SAN01' }, me)).toEqual({
      code: 'OUT_OF_SCOPE',
      kind: 'forbidden',
    });
    expect(await h.fail(L.cofoGet, { code: other.code }, me)).toEqual({
      code: 'OUT_OF_SCOPE',
      kind: 'forbidden',
    });
    // A code that does not exist at all looks the same as someone else's.
    expect(await h.fail(L.cofoGet, { code: uniqueCode('NONE') }, me)).toMatchObject({ code: 'OUT_OF_SCOPE' });

    // A body that names another CoFo does not change whose she is.
    const widened = await h.fail(L.cofoList, { cofoId: 'SAN01' }, me);
    expect(widened).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'cofoId', code: 'whitelistValidation' }],
    });
    expect(await h.fail(L.cofoUpdate, { code: 'SEG01', version: 1, name: 'Mienne' }, me)).toEqual({
      code: 'FORBIDDEN_ROLE',
      kind: 'forbidden',
      params: { permission: 'cofo:write' },
    });
    expect(await h.fail(L.cofoCreate, cofoBody(), me)).toMatchObject({ code: 'FORBIDDEN_ROLE' });

    // Her tribunal (where her PVs go), no other.
    expect((await h.call<TribunalV1>(L.tribunalGet, { code: 'TI-SEGOU' }, me)).code).toBe('TI-SEGOU');
    expect(await h.fail(L.tribunalGet, { code: 'TI-SAN' }, me)).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect((await allPages<TribunalV1>(L.tribunalList, {}, me)).map((t) => t.code)).toEqual(['TI-SEGOU']);
  });

  it('shows a tribunal clerk her tribunal and the CoFo attached to it', async () => {
    const tribunal = await newTribunal();
    const attached = await h.call<CofoV1>(L.cofoCreate, cofoBody({ tribunalCode: tribunal.code }));
    const notAttached = await h.call<CofoV1>(L.cofoCreate, cofoBody());
    const clerk = { ...demoIdentity('greffier.segou'), tribunalId: tribunal.code };

    const seen = await allPages<CofoV1>(L.cofoList, {}, clerk);
    expect(seen.map((c) => c.code)).toEqual([attached.code]);
    expect((await h.call<CofoV1>(L.cofoGet, { code: attached.code }, clerk)).code).toBe(attached.code);
    expect(await h.fail(L.cofoGet, { code: notAttached.code }, clerk)).toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    expect((await allPages<TribunalV1>(L.tribunalList, {}, clerk)).map((t) => t.code)).toEqual([
      tribunal.code,
    ]);
    expect(await h.fail(L.tribunalGet, { code: 'TI-SEGOU' }, clerk)).toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  it('refuses other roles and callers without identity', async () => {
    expect(await h.fail(L.cofoList, {}, demoIdentity('ccs.segou'))).toEqual({
      code: 'FORBIDDEN_ROLE',
      kind: 'forbidden',
      params: { permission: 'cofo:read' },
    });
    const anonymous = await h.rr.send(L.cofoList, {}, { requestId: 'it-anon' }).then(
      () => undefined,
      (err: { payload?: unknown }) => err.payload,
    );
    expect(anonymous).toEqual({ code: 'AUTH_MISSING_TOKEN', kind: 'unauthenticated' });
  });

  it('refuses a stale version with VERSION_CONFLICT and writes nothing', async () => {
    const c = await h.call<CofoV1>(L.cofoCreate, cofoBody());
    const v2 = await h.call<CofoV1>(L.cofoUpdate, {
      code: c.code,
      version: 1,
      name: 'Première modification',
    });
    const stale = await h.fail(L.cofoUpdate, {
      code: c.code,
      version: 1,
      name: 'Modification perdue',
    });
    expect(stale).toEqual({ code: 'VERSION_CONFLICT', kind: 'conflict', params: { expected: 1, actual: 2 } });
    expect(await h.call<CofoV1>(L.cofoGet, { code: c.code })).toEqual(v2);
    const [{ n }] = await h.db.query(
      `SELECT count(*)::int AS n FROM land.audit_log a JOIN land.cofo c ON c.id::text = a.entity_id WHERE c.code = $1`,
      [c.code],
    );
    expect(n).toBe(2);

    const t = await newTribunal();
    expect(await h.fail(L.tribunalUpdate, { code: t.code, version: 7, name: 'X' })).toEqual({
      code: 'VERSION_CONFLICT',
      kind: 'conflict',
      params: { expected: 7, actual: 1 },
    });
  });

  it('refuses a duplicate code, an unknown tribunal and an unknown record', async () => {
    const c = await h.call<CofoV1>(L.cofoCreate, cofoBody());
    expect(await h.fail(L.cofoCreate, cofoBody({ code: c.code }))).toEqual({
      code: 'COFO_CODE_TAKEN',
      kind: 'conflict',
      params: { code: c.code },
    });
    const t = await newTribunal();
    expect(
      await h.fail(L.tribunalCreate, {
        code: t.code,
        name: 'x',
        kind: 'jpce',
        placeCode: 'ML-SEG',
        cercleCodes: ['ML-SEG-SEG'],
      }),
    ).toEqual({ code: 'TRIBUNAL_CODE_TAKEN', kind: 'conflict', params: { code: t.code } });
    const ghost = uniqueCode('TI');
    expect(await h.fail(L.cofoCreate, cofoBody({ tribunalCode: ghost }))).toEqual({
      code: 'TRIBUNAL_NOT_FOUND',
      kind: 'not_found',
      params: { code: ghost },
    });
    expect(await h.fail(L.cofoUpdate, { code: c.code, version: 1, tribunalCode: ghost })).toMatchObject({
      code: 'TRIBUNAL_NOT_FOUND',
    });
    const missing = uniqueCode('NONE');
    expect(await h.fail(L.cofoGet, { code: missing })).toEqual({
      code: 'COFO_NOT_FOUND',
      kind: 'not_found',
      params: { code: missing },
    });
    expect(await h.fail(L.cofoUpdate, { code: missing, version: 1, name: 'x' })).toMatchObject({
      code: 'COFO_NOT_FOUND',
    });
  });

  it('answers bad members with field details', async () => {
    const err = await h.fail(
      L.cofoCreate,
      cofoBody({
        members: [
          { name: 'Awa', sex: 'X' as never, role: 'membre' },
          { name: '', sex: 'F', role: 'membre' },
          { name: 'Ali', sex: 'M', role: 'membre', phone: '+22370000000' } as never,
        ],
      }),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.kind).toBe('validation');
    expect(err.details?.map((d) => `${d.field}:${d.code}`)).toEqual([
      'members[0].sex:isIn',
      'members[1].name:minLength',
      'members[2].phone:whitelistValidation',
    ]);
  });

  it('writes an audit row per change with who, before and after', async () => {
    const body = cofoBody();
    const created = await h.call<CofoV1>(L.cofoCreate, body);
    const updated = await h.call<CofoV1>(L.cofoUpdate, {
      code: body.code,
      version: 1,
      level: 'commune',
    });
    const rows: {
      actor_id: string;
      actor_name: string;
      action: string;
      before: unknown;
      after: unknown;
      request_id: string;
    }[] = await h.db.query(
      `SELECT a.actor_id, a.actor_name, a.action, a.before, a.after, a.request_id
           FROM land.audit_log a JOIN land.cofo c ON c.id::text = a.entity_id
          WHERE a.entity_type = 'cofo' AND c.code = $1 ORDER BY a.id`,
      [body.code],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      actor_id: 'it-admin.prosmed',
      actor_name: 'admin.prosmed',
      action: 'cofo.created',
      before: null,
      after: created,
    });
    expect(rows[0].request_id).toMatch(/^it-/);
    expect(rows[1]).toMatchObject({ action: 'cofo.updated', before: created, after: updated });

    const t = await newTribunal();
    const t2 = await h.call<TribunalV1>(L.tribunalUpdate, {
      code: t.code,
      version: 1,
      cercleCodes: ['ML-SEG-BLA', 'ML-SEG-SEG'],
    });
    const trows: { action: string; before: unknown; after: unknown }[] = await h.db.query(
      `SELECT a.action, a.before, a.after FROM land.audit_log a JOIN land.tribunal t ON t.id::text = a.entity_id
        WHERE a.entity_type = 'tribunal' AND t.code = $1 ORDER BY a.id`,
      [t.code],
    );
    expect(trows).toEqual([
      { action: 'tribunal.created', before: null, after: t },
      { action: 'tribunal.updated', before: t, after: t2 },
    ]);
  });

  it('answers /health, /ready and /metrics on its HTTP port', async () => {
    const base = `http://127.0.0.1:${h.service.port}`;
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { migrations: 'up', postgres: 'up', kafka: 'up' },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /prosmed_messages_handled_total\{pattern="land.cofo.create.v1",outcome="ok",service="land-conciliation"\} \d+/,
    );
    expect(metrics).toMatch(
      /prosmed_messages_handled_total\{pattern="land.cofo.update.v1",outcome="VERSION_CONFLICT"/,
    );
    expect(metrics).toMatch(/prosmed_message_handling_seconds_bucket\{/);
    expect(metrics).toMatch(/process_cpu_user_seconds_total/);
  });
});
