import { Client } from 'pg';
import { testConfig } from '@prosmed/testing';
import { call } from './support/http';
import { NO_SUCH_ID } from './routes/route-row';
import { type AppProcess, startGatewayProcess, startServiceProcess } from './support/processes';

jest.setTimeout(120_000);

type ErrorBody = { code: string; message: string; details?: { field: string; code: string }[] };

/**
 * Bad input on every SNLCC route: each answer is a 4xx with its stable code and a French message, and
 * nothing is written (every write of the service leaves an audit row: their count does not move).
 */
const CASES: [string, string, string, unknown, number, string][] = [
  ['GET', '/api/v1/structures?kind=ong', 'pf.oclei', undefined, 400, 'VALIDATION_FAILED'],
  [
    'POST',
    '/api/v1/structures',
    'snlcc.sp',
    { code: 'oclei', name: '', kind: 'ngo' },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'POST',
    '/api/v1/structures',
    'snlcc.sp',
    { code: 'OCLEI', name: 'Doublon', kind: 'agency' },
    409,
    'STRUCTURE_CODE_TAKEN',
  ],
  ['GET', '/api/v1/actions?axis=A9&late=peut-etre', 'manager', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', '/api/v1/actions/act%20un', 'manager', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', '/api/v1/actions/ACT-NO-SUCH', 'manager', undefined, 404, 'ACTION_NOT_FOUND'],
  ['GET', '/api/v1/plan/template?format=pdf', 'pf.oclei', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', '/api/v1/plan/export?format=ods', 'manager', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', '/api/v1/plan/execution?period=2024-T1', 'manager', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', '/api/v1/plan/execution.xlsx?period=2024', 'manager', undefined, 400, 'VALIDATION_FAILED'],
  [
    'POST',
    '/api/v1/actions/ACT-2.1.1.01/updates',
    'pf.oclei',
    { period: '2024-Q1', status: 'finie', progress: 150, budgetSpent: 1.5, comment: '' },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'POST',
    '/api/v1/actions/ACT-1.1.1.01/updates',
    'pf.oclei',
    { period: '2024-Q1', status: 'en cours', progress: 10, budgetSpent: 0, comment: 'MJDH' },
    403,
    'OUT_OF_SCOPE',
  ],
  [
    'POST',
    `/api/v1/updates/${NO_SUCH_ID}/consolidation`,
    'snlcc.sp',
    { version: 1 },
    404,
    'UPDATE_NOT_FOUND',
  ],
  ['POST', '/api/v1/updates/pas-un-id/consolidation', 'snlcc.sp', { version: 1 }, 400, 'VALIDATION_FAILED'],
  [
    'POST',
    `/api/v1/updates/${NO_SUCH_ID}/validation`,
    'copil.membre',
    { version: 0 },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'POST',
    `/api/v1/updates/${NO_SUCH_ID}/return`,
    'copil.membre',
    { version: 1, comment: ' ' },
    400,
    'VALIDATION_FAILED',
  ],
  [
    'POST',
    `/api/v1/updates/${NO_SUCH_ID}/resubmission`,
    'pf.oclei',
    { version: 1 },
    400,
    'VALIDATION_FAILED',
  ],
  ['GET', '/api/v1/updates?state=draft', 'snlcc.sp', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', `/api/v1/updates/${NO_SUCH_ID}/evidence`, 'pf.oclei', undefined, 403, 'OUT_OF_SCOPE'],
  ['GET', `/api/v1/updates/${NO_SUCH_ID}/evidence/x`, 'manager', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', '/api/v1/reminders/missing', 'snlcc.sp', undefined, 400, 'VALIDATION_FAILED'],
  ['POST', '/api/v1/reminders', 'snlcc.sp', { period: '2024-Q0' }, 400, 'VALIDATION_FAILED'],
  [
    'POST',
    '/api/v1/sessions',
    'snlcc.sp',
    { title: 'S', heldOn: '2024-04-15', periodFrom: '2024-Q2', periodTo: '2024-Q1' },
    422,
    'SESSION_PERIODS_REVERSED',
  ],
  [
    'PUT',
    `/api/v1/sessions/${NO_SUCH_ID}/minutes`,
    'snlcc.sp',
    { version: 1, minutes: 'PV', decisions: [] },
    404,
    'SESSION_NOT_FOUND',
  ],
  [
    'POST',
    `/api/v1/sessions/${NO_SUCH_ID}/closure`,
    'copil.membre',
    { version: 1 },
    404,
    'SESSION_NOT_FOUND',
  ],
  ['GET', '/api/v1/sessions?state=draft', 'manager', undefined, 400, 'VALIDATION_FAILED'],
  ['GET', `/api/v1/sessions/${NO_SUCH_ID}/report`, 'manager', undefined, 404, 'SESSION_NOT_FOUND'],
  ['GET', '/api/v1/sessions/x/report.xlsx', 'manager', undefined, 400, 'VALIDATION_FAILED'],
  ['POST', '/api/v1/work-plans', 'snlcc.sp', { year: 2031, items: [] }, 400, 'VALIDATION_FAILED'],
  [
    'POST',
    '/api/v1/work-plans/2024/adoption',
    'snlcc.sp',
    { version: 1, sessionId: 'x' },
    400,
    'VALIDATION_FAILED',
  ],
  ['GET', '/api/v1/work-plans/1999', 'manager', undefined, 400, 'VALIDATION_FAILED'],
];

let svc: AppProcess;
let gw: AppProcess;
let db: Client;

beforeAll(async () => {
  svc = await startServiceProcess('anticorruption');
  gw = await startGatewayProcess();
  const pg = testConfig('anticorruption-e2e').postgres;
  db = new Client({
    host: pg.host,
    port: pg.port,
    user: pg.user,
    password: pg.password || undefined,
    database: pg.database,
  });
  await db.connect();
  const until = Date.now() + 60_000;
  for (;;) {
    const r = await call(gw.url, 'GET', '/api/v1/structures', { as: 'admin.prosmed' });
    if (r.status === 200) break;
    if (Date.now() > until) throw new Error(`anticorruption not answering: ${r.status} ${r.text}`);
  }
}, 240_000);

afterAll(async () => {
  await db?.end();
  await gw?.stop();
  await svc?.stop();
});

const audited = async (): Promise<number> =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "anticorruption"."audit_log"`)).rows[0].n);

describe('bad input on every SNLCC route', () => {
  it('answers each with a 4xx, its code and a French message, and writes nothing', async () => {
    const before = await audited();
    const wrong: string[] = [];
    for (const [method, path, as, body, status, code] of CASES) {
      const r = await call<ErrorBody>(gw.url, method, path, { as, body });
      const french =
        typeof r.body?.message === 'string' && /[àâçéèêîôûœ]|^[A-ZÉ][^.]*(:|\.)/.test(r.body.message);
      if (r.status !== status || r.body?.code !== code || !french) {
        wrong.push(`${method} ${path} as ${as}: ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await audited()).toBe(before);
  });

  it('refuses an empty or oversized plan file with its code', async () => {
    const empty = await call<ErrorBody>(gw.url, 'POST', '/api/v1/plan/import?fileName=plan.csv', {
      as: 'snlcc.sp',
      raw: new Uint8Array(0),
      contentType: 'text/csv',
    });
    expect(empty.status).toBe(400);
    const big = await call<ErrorBody>(gw.url, 'POST', '/api/v1/plan/import?fileName=plan.csv', {
      as: 'snlcc.sp',
      raw: new Uint8Array(2 * 1024 * 1024 + 1).fill(65),
      contentType: 'text/csv',
    });
    expect([big.status, big.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(big.body.message).toMatch(/^Le corps de la requête dépasse/);
  });
});
