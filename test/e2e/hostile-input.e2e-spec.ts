import { randomUUID } from 'node:crypto';
import { call, waitForLand, type ApiResponse } from './support/http';
import { type AppProcess, startGatewayProcess, startLandProcess } from './support/processes';

jest.setTimeout(120_000);

/**
 * What a user can send that used to end in a 500 (issue 10), through the real HTTP stack: JSON nested
 * thousands of levels deep, and NUL or other control characters in text. The gateway answers 400 with a
 * stable code before anything reaches a service. And the public check of a PV, as a phone's browser asks
 * for it (`Accept: text/html`) or as a program does.
 */
let land: AppProcess;
let gw: AppProcess;

beforeAll(async () => {
  land = await startLandProcess();
  gw = await startGatewayProcess();
  await waitForLand(gw.url);
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await land?.stop();
});

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { field: string; code: string }[];
  requestId: string;
}
interface Case {
  id: string;
  number: string;
  version: number;
  partiesList: { id: string }[];
  pvs: { id: string; verificationCode: string; status: string; pvVersion: number }[];
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const filing = (over: Record<string, unknown> = {}) => ({
  cofoCode: 'SEG01',
  filedOn: daysAgo(30),
  disputeType: 'limites-de-champs',
  summary: 'Limite contestée entre deux champs de mil',
  parties: [
    { kind: 'person', name: 'Oumou Sangaré', sex: 'F', ageGroup: 'adult-36-59', role: 'demandeur' },
    { kind: 'person', name: 'Adama Traoré', sex: 'M', ageGroup: 'adult-36-59', role: 'defendeur' },
  ],
  land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Champ de mil au bord du fleuve', surfaceHa: 2.5 },
  ...over,
});

function post<T = Case>(path: string, body: unknown, headers: Record<string, string> = {}) {
  return call<T>(gw.url, 'POST', path, {
    as: 'secretaire.segou',
    body,
    headers: { 'idempotency-key': randomUUID(), ...headers },
  });
}
function postRaw<T = ErrorBody>(path: string, raw: string, headers: Record<string, string> = {}) {
  return call<T>(gw.url, 'POST', path, {
    as: 'secretaire.segou',
    raw,
    contentType: 'application/json',
    headers: { 'idempotency-key': randomUUID(), ...headers },
  });
}
function ok<T>(r: ApiResponse<T>, status = 200): T {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

/** The land service never saw this request (it logs each message it handles with the request id). */
function landNeverSaw(r: ApiResponse<unknown>): void {
  const id = r.headers.get('x-request-id');
  expect(id).toBeTruthy();
  expect(land.logLines().some((l) => l.requestId === id)).toBe(false);
}

describe('JSON nested too deep', () => {
  it('is 400 JSON_TOO_DEEP, in French or English, for 5,000 levels in a field or at the root', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const inField = JSON.stringify(filing()).replace('"Limite contestée entre deux champs de mil"', deep);
    expect(inField.length).toBeGreaterThan(10_000);
    const fr = await postRaw('/api/v1/cases', inField);
    expect(fr.status).toBe(400);
    expect(fr.body).toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP' });
    expect(fr.body.message).toBe(
      "Le JSON de la requête est trop imbriqué : au plus 32 niveaux de tableaux et d'objets.",
    );
    landNeverSaw(fr);

    const en = await postRaw('/api/v1/cases', deep, { 'accept-language': 'en' });
    expect(en.body).toMatchObject({ statusCode: 400, code: 'JSON_TOO_DEEP' });
    expect(en.body.message).toBe(
      'The request JSON is nested too deeply: at most 32 levels of arrays and objects.',
    );

    // 60 kB of objects: still under the body limit, still refused before parsing.
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect((await postRaw('/api/v1/cases', objects)).body.code).toBe('JSON_TOO_DEEP');
  });

  it('lets 32 levels through to the validation, which answers its own 400', async () => {
    const body = { ...filing(), summary: JSON.parse(`${'['.repeat(31)}"x"${']'.repeat(31)}`) as unknown };
    const r = await post<ErrorBody>('/api/v1/cases', body);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details?.map((d) => d.field)).toContain('summary');
  });
});

describe('a URL too long for the HTTP parser', () => {
  it('is 431 HEADERS_TOO_LARGE with the error body and the request id, not a bare 431', async () => {
    const requestId = `e2e-long-url-${randomUUID()}`;
    const res = await fetch(`${gw.url}/api/v1/places?q=${'A'.repeat(17_000)}`, {
      headers: { 'x-request-id': requestId, 'accept-language': 'en' },
    });
    expect(res.status).toBe(431);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    const body = (await res.json()) as ErrorBody;
    expect(body).toMatchObject({ statusCode: 431, code: 'HEADERS_TOO_LARGE', requestId });
    expect(body.message).toMatch(/exceed the maximum size \(16 kB\)/);
  });
});

describe('control characters in text', () => {
  it('refuses a NUL in a party name with the field, and files nothing', async () => {
    const body = filing();
    (body.parties as { name: string }[])[1].name = 'Adama\u0000Traoré';
    const r = await post<ErrorBody>('/api/v1/cases', body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      code: 'CONTROL_CHARACTER',
      details: [{ field: 'parties[1].name', code: 'noControlCharacters' }],
    });
    expect(r.body.message).toContain('caractère de contrôle');
    landNeverSaw(r);
  });

  it('refuses escape and bell characters in a summary and a land description, listing both', async () => {
    const r = await post<ErrorBody>(
      '/api/v1/cases',
      filing({
        summary: 'Limite\u001b[31m contestée',
        land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Champ\u0007', surfaceHa: 1 },
      }),
      { 'accept-language': 'en' },
    );
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('CONTROL_CHARACTER');
    expect(r.body.message).toContain('forbidden control character');
    expect(r.body.details?.map((d) => d.field)).toEqual(['summary', 'land.description']);
  });

  it('keeps tabs and line breaks, and refuses a NUL in a PV member name', async () => {
    const c = ok(
      await post('/api/v1/cases', filing({ summary: 'Première ligne\n\tdeuxième ligne\r\nfin' })),
      201,
    );
    const r = await post<ErrorBody>(`/api/v1/cases/${c.id}/pvs`, {
      version: c.version,
      kind: 'conciliation',
      drawnUpOn: daysAgo(10),
      membersPresent: [{ name: 'Moussa\u0000Keïta', role: 'président', sex: 'M' }],
      agreedPoints: ['La limite suit la rangée de karités'],
      marks: [],
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      code: 'CONTROL_CHARACTER',
      details: [{ field: 'membersPresent[0].name', code: 'noControlCharacters' }],
    });
    landNeverSaw(r);
  });
});

describe('the public check of a printed PV', () => {
  let superseded: string;
  let inForce: string;
  let number: string;

  beforeAll(async () => {
    const c = ok(await post('/api/v1/cases', filing()), 201);
    number = c.number;
    const step = ok(
      await post(`/api/v1/cases/${c.id}/steps`, {
        version: c.version,
        kind: 'conciliation-session',
        date: daysAgo(12),
        membersPresent: ['Moussa Keïta'],
        summary: 'Séance de conciliation',
      }),
    );
    const pv = {
      kind: 'conciliation',
      drawnUpOn: daysAgo(10),
      membersPresent: [{ name: 'Moussa Keïta', role: 'président', sex: 'M' }],
      agreedPoints: ['La limite suit la rangée de karités'],
      marks: [
        { partyId: c.partiesList[0].id, kind: 'thumbprint' },
        { partyId: c.partiesList[1].id, kind: 'signature' },
      ],
    };
    const v1 = ok(await post(`/api/v1/cases/${c.id}/pvs`, { version: step.version, ...pv }));
    const v2 = ok(
      await post(`/api/v1/cases/${c.id}/pvs`, {
        version: v1.version,
        ...pv,
        correctionReason: 'Faute de frappe dans la description',
      }),
    );
    superseded = v2.pvs.find((p) => p.pvVersion === 1)!.verificationCode;
    inForce = v2.pvs.find((p) => p.pvVersion === 2)!.verificationCode;
  });

  const page = (code: string, headers: Record<string, string> = {}) =>
    call(gw.url, 'GET', `/api/public/pvs/check/${code}`, {
      headers: {
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'accept-language': 'fr-FR,fr;q=0.9',
        ...headers,
      },
    });

  it('answers a browser with a small French page: valid, with the case number, the CoFo and the date', async () => {
    const r = await page(inForce);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.text).toContain('<html lang="fr">');
    expect(r.text).toContain('PV valide');
    expect(r.text).toContain(number);
    expect(r.text).toContain('(SEG01)');
    const d = daysAgo(10);
    expect(r.text).toContain(`${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`);
    expect(r.text).not.toMatch(/Sangaré|Traoré|Keïta/);
  });

  it('says superseded for the older version, unknown for a code that matches nothing, English on request', async () => {
    expect((await page(superseded)).text).toContain('PV remplacé');
    expect((await page('AAAA-BBBB-CCCC')).text).toContain('PV inconnu');
    const en = await page(inForce, { 'accept-language': 'en' });
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('Valid PV');
  });

  it('keeps JSON for programs', async () => {
    const r = await call(gw.url, 'GET', `/api/public/pvs/check/${inForce}`);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(r.body).toMatchObject({ exists: true, caseNumber: number, status: 'in-force', cofoCode: 'SEG01' });
  });
});
