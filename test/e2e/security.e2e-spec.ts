import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import { Client } from 'pg';
import { Events } from '@prosmed/contracts';
import { pgConnection, testConfig, TopicRecorder } from '@prosmed/testing';
import { call, type ApiResponse } from './support/http';
import { type AppProcess, startGatewayProcess, startServiceProcess } from './support/processes';

jest.setTimeout(120_000);

/**
 * The CCS service end to end, as its users: the secretary of the CCS of Ségou records the report's
 * football match and a grievance from receipt to closure; the secretary of Nara can neither see nor change
 * them; the programme manager reads them without the complainant; real HTTP, real Keycloak tokens, the
 * gateway and the service as processes talking over Kafka, and the events read from the topics.
 */
let svc: AppProcess;
let gw: AppProcess;
let recorder: TopicRecorder;
let pg: Client;

beforeAll(async () => {
  recorder = await TopicRecorder.start([Events.security.activityRecorded, Events.security.grievanceUpdated]);
  svc = await startServiceProcess('security-committees');
  gw = await startGatewayProcess();
  pg = new Client(pgConnection(testConfig()));
  await pg.connect();
  const until = Date.now() + 60_000;
  for (;;) {
    const r = await call(gw.url, 'GET', '/api/v1/ccs/CCS-SEGOU', { as: 'admin.prosmed' });
    if (r.status === 200) break;
    if (Date.now() > until) throw new Error(`CCS service not answering: ${r.status} ${r.text}`);
  }
}, 240_000);

afterAll(async () => {
  await recorder?.stop();
  await pg?.end();
  await gw?.stop();
  await svc?.stop();
});

interface ErrorBody {
  code: string;
  message: string;
  details?: { field: string; code: string; message?: string }[];
}
interface Activity {
  id: string;
  version: number;
  participants: Record<string, number | null>;
}
interface Grievance {
  id: string;
  version: number;
  state: string;
  complainant?: unknown;
}

/** A 2 x 2 PNG whose `eXIf` chunk holds a GPS position, as a phone's photo does. */
const GPS_MARK = 'GPS 13.4317N 6.2157W';
function photoWithGps(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('eXIf', Buffer.from(`II*\0${GPS_MARK}`, 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 200, 200, 0, 200, 200]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** A PDF: an attendance sheet, here sent under a photo's name. */
const attendanceSheet = () =>
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const tag = randomUUID().slice(0, 8);

function send<T>(method: string, path: string, as: string, body?: unknown): Promise<ApiResponse<T>> {
  return call<T>(gw.url, method, path, { as, body, headers: { 'idempotency-key': randomUUID() } });
}
function ok<T>(r: ApiResponse<T>, status = 200): T {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

const match = (over: Record<string, unknown> = {}) => ({
  ccsCode: 'CCS-SEGOU',
  type: 'sports-event',
  startOn: daysAgo(3),
  placeCode: 'ML-SEG-SEG-SEG',
  theme: `Match de football de la journée porte ouverte ${tag}`,
  forces: ['police'],
  participants: { total: 120, women: 45, youth: 70, fds: 30 },
  ...over,
});

describe('the CCS service through the gateway (real Keycloak, Kafka, PostgreSQL)', () => {
  it('records the report’s football match for Ségou, once per Idempotency-Key, hidden from Nara', async () => {
    const key = randomUUID();
    const post = () =>
      call<Activity>(gw.url, 'POST', '/api/v1/ccs-activities', {
        as: 'ccs.segou',
        body: match(),
        headers: { 'idempotency-key': key },
      });
    const created = ok(await post(), 201);
    expect(created.participants).toEqual({ total: 120, women: 45, youth: 70, fds: 30, children: null });
    expect(ok(await post(), 201).id).toBe(created.id);
    const r = await pg.query(`SELECT count(*)::int AS n FROM "security"."activity" WHERE "theme" = $1`, [
      match().theme,
    ]);
    expect(r.rows[0].n).toBe(1);

    const seen = await call<ErrorBody>(gw.url, 'GET', `/api/v1/ccs-activities/${created.id}`, {
      as: 'ccs.nara',
    });
    expect([seen.status, seen.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const none = await call<ErrorBody>(gw.url, 'GET', `/api/v1/ccs-activities/${randomUUID()}`, {
      as: 'ccs.nara',
    });
    expect([none.status, none.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const changed = await send<ErrorBody>('PATCH', `/api/v1/ccs-activities/${created.id}`, 'ccs.nara', {
      version: 1,
      theme: 'x',
    });
    expect([changed.status, changed.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect(
      ok(await call(gw.url, 'GET', `/api/v1/ccs-activities/${created.id}`, { as: 'manager' })),
    ).toMatchObject({
      id: created.id,
    });

    // A photo of the match, sent raw as the web app does; a PDF named like a photo is refused.
    const upload = (fileName: string, bytes: Buffer, as = 'ccs.segou') =>
      call<{ id: string; kind: string; code?: string }>(
        gw.url,
        'POST',
        `/api/v1/ccs-activities/${created.id}/attachments?fileName=${encodeURIComponent(fileName)}`,
        {
          as,
          raw: bytes,
          contentType: 'application/octet-stream',
          headers: { 'idempotency-key': randomUUID() },
        },
      );
    const photo = ok(await upload('match.png', photoWithGps()), 201);
    expect(photo.kind).toBe('png');
    expect(photoWithGps().toString('latin1')).toContain(GPS_MARK);
    const download = await call(
      gw.url,
      'GET',
      `/api/v1/ccs-activities/${created.id}/attachments/${photo.id}`,
      {
        as: 'manager',
      },
    );
    expect(download.status).toBe(200);
    expect(download.text).not.toContain(GPS_MARK);
    const liar = await upload('photo.png', attendanceSheet());
    expect([liar.status, liar.body.code]).toEqual([400, 'ATTACHMENT_TYPE_MISMATCH']);
    const intruder = await upload('match.png', photoWithGps(), 'ccs.nara');
    expect([intruder.status, intruder.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const files = ok(
      await call<{ items: { id: string }[] }>(
        gw.url,
        'GET',
        `/api/v1/ccs-activities/${created.id}/attachments`,
        {
          as: 'ccs.segou',
        },
      ),
    );
    expect(files.items.map((f) => f.id)).toEqual([photo.id]);

    const [event] = await recorder.waitFor(
      (m) => (m.value as { activityId?: string }).activityId === created.id,
    );
    expect(event.value).toMatchObject({ type: 'sports-event', participants: { total: 120, women: 45 } });
    expect(JSON.stringify(event.value)).not.toContain(tag);
  });

  it('refuses sub-counts above the total with a French message naming the field, and writes nothing', async () => {
    const body = match({
      theme: `Refusé ${tag}`,
      participants: { total: 120, women: 130, youth: 70, fds: 30 },
    });
    const r = await send<ErrorBody>('POST', '/api/v1/ccs-activities', 'ccs.segou', body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('PARTICIPANTS_EXCEED_TOTAL');
    expect(r.body.message).toBe(
      'Le nombre de femmes (130) dépasse le nombre total de participants (120) : chaque sous-total doit être inférieur ou égal au total.',
    );
    expect(r.body.details).toEqual([
      expect.objectContaining({ field: 'participants.women', code: 'exceedsTotal' }),
    ]);
    const n = await pg.query(`SELECT count(*)::int AS n FROM "security"."activity" WHERE "theme" = $1`, [
      body.theme,
    ]);
    expect(n.rows[0].n).toBe(0);
  });

  it('follows a grievance from receipt through referral to closure; the complainant stays with Ségou', async () => {
    const name = `Kadiatou Traoré ${tag}`;
    const g = ok(
      await send<Grievance>('POST', '/api/v1/grievances', 'ccs.segou', {
        ccsCode: 'CCS-SEGOU',
        receivedOn: daysAgo(6),
        channel: 'phone',
        category: 'complaint-against-force',
        placeCode: 'ML-SEG-SEG-SEG',
        summary: 'Racket signalé à un poste de contrôle',
        complainant: { name, phone: '+223 66 00 11 22' },
      }),
      201,
    );
    expect(JSON.stringify(g)).not.toContain(tag);
    const base = `/api/v1/grievances/${g.id}`;
    const referred = ok(
      await send<Grievance>('POST', `${base}/referral`, 'ccs.segou', {
        version: 1,
        service: 'gendarmerie',
        referredOn: daysAgo(5),
      }),
    );
    expect(referred.state).toBe('referred');
    ok(
      await send('POST', `${base}/follow-ups`, 'ccs.segou', {
        version: 2,
        date: daysAgo(2),
        note: 'Le commandant de brigade a reçu le CCS',
      }),
    );
    const closed = ok(
      await send<Grievance>('POST', `${base}/closure`, 'ccs.segou', {
        version: 3,
        closedOn: daysAgo(1),
        outcome: 'resolved',
      }),
    );
    expect(closed.state).toBe('closed');

    // Nara: no read, no change, whether the grievance exists or not.
    for (const id of [g.id, randomUUID()]) {
      const read = await call<ErrorBody>(gw.url, 'GET', `/api/v1/grievances/${id}`, { as: 'ccs.nara' });
      expect([read.status, read.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
      const write = await send<ErrorBody>('POST', `/api/v1/grievances/${id}/follow-ups`, 'ccs.nara', {
        version: 4,
        date: daysAgo(0),
        note: 'x',
      });
      expect([write.status, write.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    }

    // Ségou's secretary reads the identity; the manager reads the grievance without it.
    const hers = ok(await call<Grievance>(gw.url, 'GET', base, { as: 'ccs.segou' }));
    expect(hers.complainant).toEqual({ name, phone: '+223 66 00 11 22', note: null });
    const managers = await call<Grievance>(gw.url, 'GET', base, { as: 'manager' });
    expect(managers.status).toBe(200);
    expect('complainant' in managers.body).toBe(false);
    expect(managers.text).not.toContain(tag);
    const list = await call(gw.url, 'GET', '/api/v1/grievances?ccsCode=CCS-SEGOU&limit=100', {
      as: 'manager',
    });
    expect(list.text).not.toContain(tag);

    // Not in clear in the table; in no event.
    const row = await pg.query(`SELECT "complainant" FROM "security"."grievance" WHERE "id" = $1`, [g.id]);
    expect(row.rows[0].complainant).not.toContain(tag);
    expect(row.rows[0].complainant).not.toContain('Traoré');
    const events = await recorder.waitFor(
      (m) => (m.value as { grievanceId?: string }).grievanceId === g.id,
      4,
    );
    expect(events.map((e) => (e.value as { change: string }).change)).toEqual([
      'received',
      'referred',
      'follow-up',
      'closed',
    ]);
    expect(JSON.stringify(events)).not.toContain(tag);
    expect(JSON.stringify(events)).not.toContain('Racket');
    // Nor in the logs of the service (at debug level) or of the gateway.
    for (const app of [svc, gw]) expect(readFileSync(app.logFile, 'utf8')).not.toContain(tag);
  });
});
