import { randomBytes, randomUUID } from 'node:crypto';
import { Headers as KafkaHeaders, requestTopicOf, LandMessages } from '@prosmed/contracts';
import { TopicRecorder } from '@prosmed/testing';
import { call } from './support/http';
import { otherLandConsumers } from './support/kafka-groups';
import { type AppProcess, startGatewayProcess, startLandProcess } from './support/processes';
import { eventually, waitForLand } from './support/http';

jest.setTimeout(90_000);

type ErrorBody = {
  statusCode: number;
  code: string;
  message: string;
  details?: { field: string; code: string }[];
  requestId: string;
};
type Cofo = {
  code: string;
  name: string;
  level: string;
  placeCode: string;
  tribunalCode: string | null;
  members: unknown[];
  version: number;
  createdAt: string;
  updatedAt: string;
};
type Tribunal = {
  code: string;
  name: string;
  kind: string;
  placeCode: string;
  cercleCodes: string[];
  version: number;
};
type Page<T> = { items: T[]; nextCursor: string | null };

const KAFKA_TIMEOUT_MS = 3000;
const tag = randomBytes(3).toString('hex').toUpperCase();
const code = (prefix: string) => `${prefix}-${tag}-${randomBytes(2).toString('hex').toUpperCase()}`;
const newCofo = (c: string) => ({
  code: c,
  name: `CoFo villageoise de test ${c}`,
  level: 'village',
  placeCode: 'ML-SEG-SEG-SEG',
  tribunalCode: 'TI-SEGOU',
  members: [
    { name: 'Aminata Traoré', sex: 'F', role: 'présidente' },
    { name: 'Moussa Coulibaly', sex: 'M', role: 'secrétaire' },
  ],
});

let land: AppProcess;
let gw: AppProcess;
let recorder: TopicRecorder;

beforeAll(async () => {
  // Every land request travels on the land service's one request topic, its message id in a header.
  recorder = await TopicRecorder.start([requestTopicOf('land')]);
  land = await startLandProcess();
  gw = await startGatewayProcess({ KAFKA_REQUEST_TIMEOUT_MS: String(KAFKA_TIMEOUT_MS) });
  await waitForLand(gw.url);
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await land?.stop();
  await recorder?.stop();
});

function expectError(
  r: { status: number; body: unknown; headers: Headers },
  status: number,
  errorCode: string,
) {
  const b = r.body as ErrorBody;
  expect({ status: r.status, code: b.code }).toEqual({ status, code: errorCode });
  expect(b.statusCode).toBe(status);
  expect(b.requestId).toBe(r.headers.get('x-request-id'));
  expect(b.message).not.toMatch(/\{\w+\}/);
}

describe('CoFo registry through the gateway and Kafka', () => {
  const c = code('E2E');
  let created: Cofo;

  it('admin creates a CoFo: 201, Location, the record', async () => {
    const r = await call<Cofo>(gw.url, 'POST', '/api/v1/cofos', { as: 'admin.prosmed', body: newCofo(c) });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/v1/cofos/${c}`);
    expect(r.body).toMatchObject({ ...newCofo(c), version: 1 });
    created = r.body;
  });

  it('carries the request id, the verified identity and the language in Kafka headers, and into the service log', async () => {
    const requestId = `e2e-trace-${randomUUID()}`;
    const r = await call<Cofo>(gw.url, 'GET', `/api/v1/cofos/${c}`, {
      as: 'admin.prosmed',
      headers: {
        'x-request-id': requestId,
        'accept-language': 'en',
        'x-identity': '{"sub":"x","username":"x","roles":["admin"]}',
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(created);
    expect(r.headers.get('x-request-id')).toBe(requestId);
    const [msg] = await recorder.waitFor((m) => m.headers[KafkaHeaders.requestId] === requestId);
    expect(msg.topic).toBe(requestTopicOf('land'));
    expect(msg.headers[KafkaHeaders.message]).toBe(LandMessages.cofoGet.id);
    expect(msg.value).toEqual({ code: c });
    const identity = JSON.parse(msg.headers[KafkaHeaders.identity]) as Record<string, unknown>;
    expect(identity).toMatchObject({ username: 'admin.prosmed', roles: expect.arrayContaining(['admin']) });
    expect(identity.sub).not.toBe('x');
    expect(msg.headers[KafkaHeaders.language]).toBe('en');
    // Log lines are written asynchronously: look for them for a few seconds.
    const others = await otherLandConsumers(1);
    if (others.length > 0) throw new Error(`another land service shares the requests (${others.join(', ')})`);
    await eventually(() => land.logLines().some((l) => l.requestId === requestId));
    await eventually(() =>
      gw.logLines().some((l) => l.requestId === requestId && l.msg === 'request' && l.status === 200),
    );
  });

  it('lists with filters and a cursor', async () => {
    const r = await call<Page<Cofo>>(
      gw.url,
      'GET',
      `/api/v1/cofos?level=village&placeCode=ML-SEG-SEG&q=${encodeURIComponent(c)}&limit=5`,
      {
        as: 'manager',
      },
    );
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => i.code)).toEqual([c]);
    const page1 = await call<Page<Cofo>>(gw.url, 'GET', '/api/v1/cofos?limit=1', { as: 'manager' });
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await call<Page<Cofo>>(
      gw.url,
      'GET',
      `/api/v1/cofos?limit=1&cursor=${encodeURIComponent(page1.body.nextCursor!)}`,
      { as: 'manager' },
    );
    expect(page2.status).toBe(200);
    expect(page2.body.items[0]?.code).not.toBe(page1.body.items[0].code);
  });

  it('edits with the version read; a stale version is 409 VERSION_CONFLICT; the code cannot move', async () => {
    const r = await call<Cofo>(gw.url, 'PATCH', `/api/v1/cofos/${c}`, {
      as: 'admin.prosmed',
      body: { version: 1, name: 'Nouveau nom' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: c, name: 'Nouveau nom', version: 2, members: created.members });
    const stale = await call(gw.url, 'PATCH', `/api/v1/cofos/${c}`, {
      as: 'admin.prosmed',
      body: { version: 1, name: 'Autre' },
    });
    expectError(stale, 409, 'VERSION_CONFLICT');
    expect((stale.body as ErrorBody).message).toContain('version 1 attendue, 2 actuelle');
    const moved = await call(gw.url, 'PATCH', `/api/v1/cofos/${c}`, {
      as: 'admin.prosmed',
      body: { version: 2, code: 'SEG01' },
    });
    expectError(moved, 400, 'VALIDATION_FAILED');
    expect((moved.body as ErrorBody).details).toEqual([
      expect.objectContaining({ field: 'code', code: 'whitelistValidation' }),
    ]);
  });

  it('maps each service error: 409 code taken, 404 not found (French and English), 404 tribunal, 422 unknown place, 400 from the service', async () => {
    expectError(
      await call(gw.url, 'POST', '/api/v1/cofos', { as: 'admin.prosmed', body: newCofo(c) }),
      409,
      'COFO_CODE_TAKEN',
    );
    const missing = await call(gw.url, 'GET', '/api/v1/cofos/NOPE-404', { as: 'admin.prosmed' });
    expectError(missing, 404, 'COFO_NOT_FOUND');
    expect((missing.body as ErrorBody).message).toBe('CoFo introuvable : NOPE-404.');
    const en = await call(gw.url, 'GET', '/api/v1/cofos/NOPE-404', {
      as: 'admin.prosmed',
      headers: { 'accept-language': 'en' },
    });
    expect((en.body as ErrorBody).message).toBe('CoFo not found: NOPE-404.');
    const noTribunal = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body: { ...newCofo(code('E2E')), tribunalCode: 'TI-NOPE' },
    });
    expectError(noTribunal, 404, 'TRIBUNAL_NOT_FOUND');
    // Well-formed, but no such place in @prosmed/places: a business rule of the service (422).
    const unknownPlace = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body: { ...newCofo(code('E2E')), placeCode: 'ML-ZZZ-ZZZ' },
    });
    expectError(unknownPlace, 422, 'PLACE_UNKNOWN');
    expect((unknownPlace.body as ErrorBody).message).toContain('ML-ZZZ-ZZZ');
    // Valid for the gateway, refused by the service's own validation (an empty change set).
    const empty = await call(gw.url, 'PATCH', `/api/v1/cofos/${c}`, {
      as: 'admin.prosmed',
      body: { version: 2 },
    });
    expectError(empty, 400, 'VALIDATION_FAILED');
    expect((empty.body as ErrorBody).details?.length).toBeGreaterThan(0);
  });
});

describe('scope: services decide from the verified identity, never from the request', () => {
  it('a CoFo secretary reads her CoFo, not another one (403 OUT_OF_SCOPE), whatever she sends', async () => {
    expect((await call(gw.url, 'GET', '/api/v1/cofos/SAN01', { as: 'secretaire.san' })).status).toBe(200);
    expectError(
      await call(gw.url, 'GET', '/api/v1/cofos/SEG01', { as: 'secretaire.san' }),
      403,
      'OUT_OF_SCOPE',
    );
    const forged = await call(gw.url, 'GET', '/api/v1/cofos/SEG01', {
      as: 'secretaire.san',
      headers: {
        'x-identity': JSON.stringify({ sub: 'x', username: 'admin.prosmed', roles: ['admin'] }),
        'x-cofo-id': 'SEG01',
      },
    });
    expectError(forged, 403, 'OUT_OF_SCOPE');
  });

  it('a CoFo secretary lists only her CoFo, even when filtering for another one', async () => {
    for (const q of ['', '?q=S%C3%A9gou', '?placeCode=ML-SEG-SEG', '?level=commune']) {
      const r = await call<Page<Cofo>>(gw.url, 'GET', `/api/v1/cofos${q}`, { as: 'secretaire.san' });
      expect(r.status).toBe(200);
      expect(r.body.items.every((i) => i.code === 'SAN01')).toBe(true);
    }
    expectError(
      await call(gw.url, 'GET', '/api/v1/cofos?cofoCode=SEG01', { as: 'secretaire.san' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a CoFo secretary cannot write the registry, whatever the body says', async () => {
    const r = await call(gw.url, 'PATCH', '/api/v1/cofos/SAN01', {
      as: 'secretaire.san',
      body: { version: 1, name: 'x' },
    });
    expectError(r, 403, 'FORBIDDEN_ROLE');
  });

  it('a tribunal clerk sees the CoFo of her tribunal only', async () => {
    expect((await call(gw.url, 'GET', '/api/v1/cofos/SEG01', { as: 'greffier.segou' })).status).toBe(200);
    expectError(
      await call(gw.url, 'GET', '/api/v1/cofos/SAN01', { as: 'greffier.segou' }),
      403,
      'OUT_OF_SCOPE',
    );
    expect((await call(gw.url, 'GET', '/api/v1/tribunals/TI-SEGOU', { as: 'greffier.segou' })).status).toBe(
      200,
    );
    expectError(
      await call(gw.url, 'GET', '/api/v1/tribunals/TI-SAN', { as: 'greffier.segou' }),
      403,
      'OUT_OF_SCOPE',
    );
  });
});

describe('tribunals through the gateway', () => {
  const t = code('TI');

  it('admin creates, reads, lists and edits a tribunal; duplicates are 409', async () => {
    const body = {
      code: t,
      name: `Tribunal de test ${t}`,
      kind: 'jpce',
      placeCode: 'ML-SEG-SAN',
      cercleCodes: ['ML-SEG-SAN'],
    };
    const r = await call<Tribunal>(gw.url, 'POST', '/api/v1/tribunals', { as: 'admin.prosmed', body });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ ...body, version: 1 });
    expect(
      (await call<Tribunal>(gw.url, 'GET', `/api/v1/tribunals/${t}`, { as: 'manager' })).body,
    ).toMatchObject(body);
    const list = await call<Page<Tribunal>>(
      gw.url,
      'GET',
      `/api/v1/tribunals?kind=jpce&q=${encodeURIComponent(t)}`,
      { as: 'manager' },
    );
    expect(list.body.items.map((i) => i.code)).toEqual([t]);
    const upd = await call<Tribunal>(gw.url, 'PATCH', `/api/v1/tribunals/${t}`, {
      as: 'admin.prosmed',
      body: { version: 1, cercleCodes: ['ML-SEG-SAN', 'ML-SEG-SEG'] },
    });
    expect(upd.body).toMatchObject({ version: 2, cercleCodes: ['ML-SEG-SAN', 'ML-SEG-SEG'] });
    expectError(
      await call(gw.url, 'POST', '/api/v1/tribunals', { as: 'admin.prosmed', body }),
      409,
      'TRIBUNAL_CODE_TAKEN',
    );
    expectError(
      await call(gw.url, 'GET', '/api/v1/tribunals/TI-NOPE', { as: 'admin.prosmed' }),
      404,
      'TRIBUNAL_NOT_FOUND',
    );
  });
});

describe('Idempotency-Key on POST', () => {
  it('replays the first answer for the same key and body, creates nothing more; 422 for another body', async () => {
    const c = code('IDEM');
    const key = randomUUID();
    const first = await call<Cofo>(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body: newCofo(c),
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Same JSON, other key order: the same request.
    const reordered = Object.fromEntries(Object.entries(newCofo(c)).reverse());
    const again = await call<Cofo>(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body: reordered,
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(`/api/v1/cofos/${c}`);
    expect(again.body).toEqual(first.body);
    const creates = await recorder.waitFor(
      (m) =>
        (m.value as { code?: string }).code === c &&
        m.headers[KafkaHeaders.message] === LandMessages.cofoCreate.id,
      2,
      2000,
    );
    expect(creates).toHaveLength(1);
    const other = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body: { ...newCofo(c), name: 'Autre' },
      headers: { 'idempotency-key': key },
    });
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('stores a definite error too: the same retry gets the same 409', async () => {
    const key = randomUUID();
    const body = newCofo('SEG01');
    const first = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body,
      headers: { 'idempotency-key': key },
    });
    expectError(first, 409, 'COFO_CODE_TAKEN');
    const again = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body,
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('10 concurrent duplicates create one CoFo and all get its answer', async () => {
    const c = code('CONC');
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        call<Cofo>(gw.url, 'POST', '/api/v1/cofos', {
          as: 'admin.prosmed',
          body: newCofo(c),
          headers: { 'idempotency-key': key },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    for (const r of results) expect(r.body).toEqual(results[0].body);
    const creates = await recorder.waitFor(
      (m) =>
        (m.value as { code?: string }).code === c &&
        m.headers[KafkaHeaders.message] === LandMessages.cofoCreate.id,
      2,
      2000,
    );
    expect(creates).toHaveLength(1);
    const list = await call<Page<Cofo>>(gw.url, 'GET', `/api/v1/cofos?q=${encodeURIComponent(c)}`, {
      as: 'manager',
    });
    expect(list.body.items.map((i) => i.code)).toEqual([c]);
  });
});

describe('a stopped land service', () => {
  it('gives 504 SERVICE_TIMEOUT within the bound, and the gateway stays ready', async () => {
    await land.stop();
    const othersBefore = await otherLandConsumers();
    const get = await call(gw.url, 'GET', '/api/v1/cofos/SEG01', { as: 'manager' });
    const ready = await call(gw.url, 'GET', '/api/ready');
    // A POST that timed out released its key: the retry runs again (and times out again, not 409).
    const key = randomUUID();
    const body = newCofo(code('DOWN'));
    const post = () =>
      call(gw.url, 'POST', '/api/v1/cofos', {
        as: 'admin.prosmed',
        body,
        headers: { 'idempotency-key': key },
      });
    const first = await post();
    const retry = await post();
    const others = [...othersBefore, ...(await otherLandConsumers())];
    if (others.length > 0) {
      throw new Error(
        `another land service consumed the land topics meanwhile (${others.join(', ')}): run this test alone`,
      );
    }
    expectError(get, 504, 'SERVICE_TIMEOUT');
    expect(get.ms).toBeGreaterThanOrEqual(KAFKA_TIMEOUT_MS - 50);
    expect(get.ms).toBeLessThan(KAFKA_TIMEOUT_MS + 1500);
    expect(ready.status).toBe(200);
    expectError(first, 504, 'SERVICE_TIMEOUT');
    expectError(retry, 504, 'SERVICE_TIMEOUT');
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });
});
