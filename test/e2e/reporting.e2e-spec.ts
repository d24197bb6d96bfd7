import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { extractPdfText, tokenFor } from '@prosmed/testing';
import { call, waitForLand, type ApiResponse } from './support/http';
import { type AppProcess, startGatewayProcess, startServiceProcess } from './support/processes';

jest.setTimeout(180_000);

/**
 * A quarter of the programme entered through the services' APIs as the people who do it (the M&E officer
 * records the CoFo awareness sessions, a CoFo secretary and a clerk take a case to homologation), then the
 * manager drafts the quarter's report and finds the totals in the JSON, the XLSX cells and the PDF text.
 * Real HTTP, real Keycloak tokens, the gateway, land and reporting as processes over the real Kafka.
 *
 * The database outlives a run, so each run takes a past quarter that holds no data yet: the totals are then
 * exactly what this run entered (the Q4-2023 sentences themselves are checked in report-builder.spec.ts).
 */
let land: AppProcess;
let security: AppProcess;
let reporting: AppProcess;
let gw: AppProcess;

beforeAll(async () => {
  [land, security, reporting] = await Promise.all([
    startServiceProcess('land-conciliation'),
    startServiceProcess('security-committees'),
    startServiceProcess('reporting'),
  ]);
  gw = await startGatewayProcess();
  await waitForLand(gw.url);
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await Promise.all([land?.stop(), security?.stop(), reporting?.stop()]);
});

interface ErrorBody {
  code: string;
  message: string;
  details?: { field: string; code: string }[];
}
interface Figure {
  value: number;
  female: number | null;
  male: number | null;
  youth: number | null;
}
interface Values {
  total: Figure;
  rows: (Figure & { placeCode: string; placeName: string })[];
}
interface Report {
  id: string;
  version: number;
  state: string;
  periodLabel: string;
  sections: {
    key: string;
    narrative: string | null;
    paragraphs: string[];
    indicators: (Figure & { code: string })[];
    table: { rows: { label: string; total: number; female: number | null }[] } | null;
    photos: { attachmentId: string; caption: string }[];
  }[];
}

function ok<T>(r: ApiResponse<T>, status = 200): T {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}
/**
 * A write with an Idempotency-Key, retried with the same key while the service is not answering yet (504
 * or 503: a consumer group still settling after the services started): applied once all the same.
 */
async function send<T>(
  method: string,
  path: string,
  as: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  const h = { 'idempotency-key': randomUUID(), ...headers };
  for (let attempt = 1; ; attempt++) {
    const r = await call<T>(gw.url, method, path, { as, body, headers: h });
    if ((r.status !== 504 && r.status !== 503) || attempt === 5) return r;
  }
}
const get = <T>(path: string, as = 'manager') => call<T>(gw.url, 'GET', path, { as });

/**
 * A past quarter nobody entered data for (random, checked empty), and a day in it. From 2017 (CCS-SEGOU's
 * first year) to 2023 (the old map, the one the report's cercles are on).
 */
async function freshQuarter(): Promise<{ period: string; day: (offset: number) => string }> {
  const quarters = Array.from({ length: 28 }, (_, i) => ({ year: 2017 + Math.floor(i / 4), q: 1 + (i % 4) }))
    .map((v) => ({ v, order: Math.random() }))
    .sort((a, b) => a.order - b.order)
    .map(({ v }) => v);
  for (const { year, q } of quarters) {
    const period = `${year}Q${q}`;
    const acts = ok(await get<{ items: unknown[] }>(`/api/v1/activities?period=${period}&limit=1`));
    const hom = ok(await get<Values>(`/api/v1/indicators/r1-case-parties/values?period=${period}`));
    const ccs = ok(await get<Values>(`/api/v1/indicators/r2-ccs-activities/values?period=${period}`));
    if (acts.items.length === 0 && hom.total.value === 0 && ccs.total.value === 0) {
      const start = Date.UTC(year, (q - 1) * 3, 1);
      return { period, day: (offset) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10) };
    }
  }
  throw new Error(
    'every quarter from 2017 to 2023 has data from earlier runs: run on a new database (PROSMED_DB=another npm test)',
  );
}

async function eventually<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`${what} not reached: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function download(path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${gw.url}${path}`, {
    headers: { authorization: `Bearer ${await tokenFor('manager')}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

describe('a quarter of the programme, from the services’ APIs to the quarterly report', () => {
  it('counts the CoFo awareness sessions and a homologation, and prints them in the report', async () => {
    const { period, day } = await freshQuarter();
    const session = (
      audience: string,
      placeCode: string,
      total: number,
      women: number | undefined,
      d: number,
    ) => ({
      resultArea: 'R1',
      kind: 'awareness-session',
      title: 'Public show sur la gestion des conflits fonciers',
      audience,
      placeCode,
      startDate: day(d),
      endDate: day(d),
      partner: 'ONG AZHAR',
      participants: women === undefined ? { total } : { total, women },
    });

    // The M&E officer records 31 (no woman) + 589 (402 women) + 252 (154 women); a retried request creates nothing.
    const idem = { 'idempotency-key': randomUUID() };
    const first = ok(
      await send<{ id: string }>(
        'POST',
        '/api/v1/activities',
        'suivi.evaluation',
        session('local-authorities', 'ML-SEG-SEG', 31, 0, 3),
        idem,
      ),
      201,
    );
    const retry = await send<{ id: string }>(
      'POST',
      '/api/v1/activities',
      'suivi.evaluation',
      session('local-authorities', 'ML-SEG-SEG', 31, 0, 3),
      idem,
    );
    expect([retry.status, retry.body.id]).toEqual([201, first.id]);
    ok(
      await send(
        'POST',
        '/api/v1/activities',
        'suivi.evaluation',
        session('women-youth-associations', 'ML-SEG-BLA', 589, 402, 10),
      ),
      201,
    );
    ok(
      await send(
        'POST',
        '/api/v1/activities',
        'suivi.evaluation',
        session('community-members', 'ML-SEG-SAN-SAN', 252, 154, 20),
      ),
      201,
    );

    // Bad input: a sub-count above the total, in French naming the field, and nothing written; wrong role.
    const bad = await send<ErrorBody>(
      'POST',
      '/api/v1/activities',
      'suivi.evaluation',
      session('general', 'ML-SEG-SAN', 252, 300, 21),
    );
    expect([bad.status, bad.body.code]).toEqual([400, 'SUBCOUNT_EXCEEDS_TOTAL']);
    expect(bad.body.message).toContain('femmes');
    expect(bad.body.message).toBe(
      'Le nombre de femmes (300) dépasse le total des participants (252) : chaque sous-total doit être inférieur ou égal au total.',
    );
    expect(bad.body.details).toEqual([{ field: 'participants.women', code: 'atMostTotal' }]);
    const denied = await send<ErrorBody>(
      'POST',
      '/api/v1/activities',
      'secretaire.segou',
      session('general', 'ML-SEG-SAN', 5, 1, 21),
    );
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    expect(ok(await get<{ items: unknown[] }>(`/api/v1/activities?period=${period}`)).items).toHaveLength(3);

    // A land case of the quarter taken to homologation through the land API (2 parties: 1 woman, 1 youth).
    const filed = ok(
      await send<{ id: string; version: number; partiesList: { id: string }[] }>(
        'POST',
        '/api/v1/cases',
        'secretaire.segou',
        {
          cofoCode: 'SEG01',
          filedOn: day(5),
          disputeType: 'limites-de-champs',
          summary: 'Limite entre deux champs de mil',
          parties: [
            { kind: 'person', name: 'Awa Traoré', sex: 'F', ageGroup: 'youth-15-35', role: 'demandeur' },
            { kind: 'person', name: 'Bakary Traoré', sex: 'M', ageGroup: 'adult-36-59', role: 'defendeur' },
          ],
          land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Champ de mil au nord du village' },
        },
      ),
      201,
    );
    const withPv = ok(
      await send<{ version: number }>('POST', `/api/v1/cases/${filed.id}/pvs`, 'secretaire.segou', {
        version: filed.version,
        kind: 'conciliation',
        drawnUpOn: day(11),
        membersPresent: [{ name: 'Moussa Keïta', role: 'président', sex: 'M' }],
        agreedPoints: ['La limite suit la haie de jatropha'],
        marks: [
          { partyId: filed.partiesList[0].id, kind: 'thumbprint' },
          { partyId: filed.partiesList[1].id, kind: 'signature' },
        ],
      }),
    );
    const asked = ok(
      await send<{ version: number }>(
        'POST',
        `/api/v1/cases/${filed.id}/homologation-request`,
        'secretaire.segou',
        { version: withPv.version, requestedOn: day(12) },
      ),
    );
    ok(
      await send('POST', `/api/v1/cases/${filed.id}/homologation-decision`, 'greffier.segou', {
        version: asked.version,
        decision: 'homologated',
        decisionNumber: `HOM-${period}`,
        decisionDate: day(20),
      }),
    );

    // A CCS activity through the security API (its event counted in Résultat 2).
    ok(
      await send('POST', '/api/v1/ccs-activities', 'ccs.segou', {
        ccsCode: 'CCS-SEGOU',
        type: 'sports-event',
        startOn: day(15),
        placeCode: 'ML-SEG-SEG-SEG',
        theme: 'Match de football FDS-population',
        forces: ['police'],
        participants: { total: 120, women: 45, youth: 70, fds: 30 },
      }),
      201,
    );
    await eventually(
      async () =>
        ok(await get<Values>(`/api/v1/indicators/r2-ccs-participants/values?period=${period}`)).total,
      (t) => t.value === 120 && t.female === 45 && t.youth === 70,
      'CCS activity counted',
    );

    // The land events reach the read models: the homologation is visible in its indicator.
    await eventually(
      async () =>
        ok(await get<Values>(`/api/v1/indicators/r1-pv-homologated/values?period=${period}`)).total.value,
      (v) => v === 1,
      'homologation counted',
    );
    const parties = ok(
      await get<Values>(`/api/v1/indicators/r1-case-parties/values?period=${period}`, 'suivi.evaluation'),
    );
    expect(parties.total).toEqual({ value: 2, female: 1, male: 1, youth: 1 });
    // Age groups beyond youth are indicators of their own (seeded by migration, counted over the history).
    const adults = ok(await get<Values>(`/api/v1/indicators/r1-case-parties-36-59/values?period=${period}`));
    expect(adults.total.value).toBe(1);

    // The awareness sessions by cercle on the old map, and by région on the new one through the crosswalk.
    const byCercle = ok(
      await get<Values>(
        `/api/v1/indicators/r1-awareness-people/values?period=${period}&level=cercle&map=pre2024`,
      ),
    );
    expect(byCercle.total).toEqual({ value: 872, female: 556, male: 316, youth: 0 });
    expect(byCercle.rows.map((r) => [r.placeName, r.value, r.female])).toEqual([
      ['Bla', 589, 402],
      ['San', 252, 154],
      ['Ségou', 31, 0],
    ]);
    const byRegion = ok(
      await get<Values>(
        `/api/v1/indicators/r1-awareness-people/values?period=${period}&level=region&map=post2024`,
      ),
    );
    expect(byRegion.total.value).toBe(872);
    expect(byRegion.rows.find((r) => r.placeCode === 'ML2-SAN')?.value).toBe(252);

    // The quarter's report, its sentences and tables in the JSON.
    const report = ok(await send<Report>('POST', '/api/v1/reports', 'manager', { period }), 201);
    expect(report.sections.map((s) => s.key)).toEqual(['highlights', 'R1', 'R2', 'R3', 'R4', 'COPIL']);
    const r1 = report.sections[1];
    expect(r1.paragraphs[0]).toBe(
      '3 séances de sensibilisation : 872 personnes (556 femmes) touchées, soit 31 autorités locales et traditionnelles, ' +
        '589 (402 femmes) personnes membres d’associations de femmes et jeunes et 252 (154 femmes) autres membres des ' +
        'communautés, dans les cercles de Ségou, Bla et San.',
    );
    expect(r1.paragraphs).toContain('PV de conciliation homologués par les tribunaux : 1 PV.');
    expect(r1.indicators.find((i) => i.code === 'r1-awareness-people')).toMatchObject({
      value: 872,
      female: 556,
    });
    expect(r1.table?.rows.map((r) => [r.label, r.total, r.female])).toEqual([
      ['Bla', 589, 402],
      ['San', 252, 154],
      ['Ségou', 31, 0],
    ]);
    expect(report.sections[2].paragraphs).toEqual(
      expect.arrayContaining([
        'Activités de sensibilisation et de restauration de la confiance organisées par les CCS : 1 activité.',
        'Personnes touchées par les activités des CCS : 120 personnes (45 femmes).',
      ]),
    );
    expect(JSON.stringify(report)).not.toMatch(/Awa Traoré|Bakary|ONG AZHAR|Match de football/);

    // A photo with its caption under Résultat 1 (a 1 x 1 PNG), then the narrative; publishing freezes it.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const caption = 'Public show à Bla, avec un focus sur les femmes et les jeunes. © PNUD Mali';
    const withPhoto = await call<Report>(
      gw.url,
      'POST',
      `/api/v1/reports/${report.id}/photos?fileName=public-show.png&section=R1&caption=${encodeURIComponent(caption)}`,
      { as: 'manager', raw: png, contentType: 'image/png', headers: { 'idempotency-key': randomUUID() } },
    );
    expect(withPhoto.status).toBe(201);
    expect(withPhoto.body.sections[1].photos).toEqual([
      { attachmentId: expect.any(String), section: 'R1', caption },
    ]);
    const notAPhoto = await call<ErrorBody>(
      gw.url,
      'POST',
      `/api/v1/reports/${report.id}/photos?fileName=photo.png&section=R1&caption=x`,
      {
        as: 'manager',
        raw: Buffer.from('%PDF-1.4 not a photo'),
        contentType: 'image/png',
        headers: { 'idempotency-key': randomUUID() },
      },
    );
    expect([notAPhoto.status, notAPhoto.body.code]).toEqual([400, 'ATTACHMENT_TYPE_MISMATCH']);

    // The manager writes the narrative, publishes: the version is frozen.
    const edited = ok(
      await send<Report>('PATCH', `/api/v1/reports/${report.id}`, 'manager', {
        version: report.version,
        narratives: [{ section: 'R1', text: 'Le trimestre a renforcé les CoFo de Ségou et de San.' }],
      }),
    );
    expect(edited.sections[1].narrative).toBe('Le trimestre a renforcé les CoFo de Ségou et de San.');
    const stale = await send<ErrorBody>('PATCH', `/api/v1/reports/${report.id}`, 'manager', {
      version: report.version,
      narratives: [{ section: 'R2', text: 'x' }],
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const published = ok(
      await send<Report>('POST', `/api/v1/reports/${report.id}/publication`, 'manager', {
        version: edited.version,
      }),
    );
    expect(published.state).toBe('published');
    const frozen = await send<ErrorBody>('PATCH', `/api/v1/reports/${report.id}`, 'manager', {
      version: published.version,
      narratives: [{ section: 'R2', text: 'x' }],
    });
    expect([frozen.status, frozen.body.code]).toEqual([409, 'REPORT_PUBLISHED']);

    // XLSX: a sheet per result area, the numbers as numbers.
    const xlsx = await download(`/api/v1/reports/${report.id}/xlsx?version=${published.version}`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Principaux résultats',
      'Résultat 1',
      'Résultat 2',
      'Résultat 3',
      'Résultat 4',
      'Comité de pilotage',
    ]);
    const rows: unknown[][] = [];
    wb.getWorksheet('Résultat 1')?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(
      expect.arrayContaining([
        'Personnes sensibilisées sur les mécanismes de gestion des conflits fonciers',
        'personnes',
        872,
        556,
        316,
      ]),
    );
    expect(rows).toContainEqual(['Bla', 589, 402, 187, 0]);

    // PDF: French, the figures and sentences as a reader copies them from the paper.
    const pdf = await download(`/api/v1/reports/${report.id}/pdf`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const text = (await extractPdfText(pdf.bytes)).replace(/\s+/g, ' ');
    for (const expected of [
      'RAPPORT TRIMESTRIEL',
      report.periodLabel,
      'Principaux résultats',
      '872 personnes (556 femmes) touchées',
      '589 (402 femmes)',
      'Le trimestre a renforcé les CoFo',
      'Public show à Bla, avec un focus sur les femmes et les jeunes.',
    ]) {
      expect(text).toContain(expected);
    }

    // CSV and DHIS2, and a public export that masks the small counts.
    const csv = (await download(`/api/v1/reports/${report.id}/csv`)).bytes.toString('utf8');
    expect(csv).toContain(
      `${period};R1;r1-awareness-people;Personnes sensibilisées sur les mécanismes de gestion des conflits fonciers;personnes;ML;872;556;316;0`,
    );
    const dhis2 = ok(
      await get<{
        dataValues: { dataElement: string; orgUnit: string; categoryOptionCombo: string; value: string }[];
      }>(`/api/v1/reports/${report.id}/dhis2`),
    );
    expect(dhis2.dataValues).toEqual(
      expect.arrayContaining([
        { dataElement: 'PRSMD_R1_AWARE', period, orgUnit: 'ML', categoryOptionCombo: 'SEX_F', value: '556' },
        {
          dataElement: 'PRSMD_R1_AWARE',
          period,
          orgUnit: 'ML-SEG-BLA',
          categoryOptionCombo: 'default',
          value: '589',
        },
      ]),
    );
    const masked = ok(await get<typeof dhis2>(`/api/v1/reports/${report.id}/dhis2?suppressBelow=50`));
    const aware = (orgUnit: string) =>
      masked.dataValues.find(
        (v) =>
          v.dataElement === 'PRSMD_R1_AWARE' && v.orgUnit === orgUnit && v.categoryOptionCombo === 'default',
      )?.value;
    // Ségou's 31 people fall under the threshold of a public export; Bla's 589 do not.
    expect([aware('ML-SEG-SEG'), aware('ML-SEG-BLA')]).toEqual([undefined, '589']);
  });

  it('answers bad input with 4xx codes, never a 500', async () => {
    const period = await get<ErrorBody>(
      '/api/v1/indicators/r1-awareness-people/values?period=2023-12-31..2023-01-01',
    );
    expect([period.status, period.body.code]).toEqual([400, 'PERIOD_INVALID']);
    const missing = await get<ErrorBody>('/api/v1/indicators/no-such-indicator/values?period=2023Q4');
    expect([missing.status, missing.body.code]).toEqual([404, 'INDICATOR_NOT_FOUND']);
    const def = await send<ErrorBody>('POST', '/api/v1/indicators', 'admin.prosmed', {
      code: 'r9-typo',
      resultArea: 'R1',
      label: 'Faute de frappe',
      unit: 'x',
      measure: 'count',
      sources: [{ eventTypes: ['land.case.lost.v1'] }],
    });
    expect([def.status, def.body.code]).toEqual([400, 'INDICATOR_DEFINITION_INVALID']);
    const notMe = await send<ErrorBody>('POST', '/api/v1/indicators', 'suivi.evaluation', {});
    expect([notMe.status, notMe.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });
});
