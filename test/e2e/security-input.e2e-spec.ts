import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ERROR_CATALOGUE } from '@prosmed/contracts';
import { pgConnection, testConfig } from '@prosmed/testing';
import { call, type ApiResponse } from './support/http';
import { type AppProcess, startGatewayProcess, startServiceProcess } from './support/processes';

jest.setTimeout(120_000);

/**
 * Bad input on every route of the CCS service, through the real gateway with real tokens: a 400 with its
 * code and the French message, and nothing written.
 */
let svc: AppProcess;
let gw: AppProcess;
let pg: Client;

beforeAll(async () => {
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
  await pg?.end();
  await gw?.stop();
  await svc?.stop();
});

interface ErrorBody {
  code: string;
  message: string;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function send<T>(method: string, path: string, as: string, body?: unknown): Promise<ApiResponse<T>> {
  return call<T>(gw.url, method, path, { as, body, headers: { 'idempotency-key': randomUUID() } });
}

const match = () => ({
  ccsCode: 'CCS-SEGOU',
  type: 'sports-event',
  startOn: daysAgo(3),
  placeCode: 'ML-SEG-SEG-SEG',
  theme: 'Match',
  forces: ['police'],
  participants: { total: 120, women: 45, youth: 70, fds: 30 },
});

describe('bad input on the CCS routes through the gateway', () => {
  it('answers bad input on every CCS route with a 4xx, its code and a French message, writing nothing', async () => {
    const id = randomUUID();
    const cases: [string, string, string, unknown][] = [
      ['POST', '/api/v1/ccs', 'admin.prosmed', { code: 'x' }],
      ['PATCH', '/api/v1/ccs/CCS-SEGOU', 'admin.prosmed', { version: 0 }],
      ['GET', '/api/v1/ccs?level=national', 'manager', undefined],
      ['GET', '/api/v1/ccs/not a code', 'manager', undefined],
      ['POST', '/api/v1/ccs-activities', 'ccs.segou', { ...match(), type: 'concert' }],
      ['PATCH', `/api/v1/ccs-activities/${id}`, 'ccs.segou', { version: 1, forces: ['army'] }],
      [
        'POST',
        `/api/v1/ccs-activities/${id}/recommendations/nope`,
        'ccs.segou',
        { version: 1, state: 'done' },
      ],
      ['GET', '/api/v1/ccs-activities?from=yesterday', 'manager', undefined],
      ['GET', '/api/v1/ccs-activities/42', 'manager', undefined],
      ['POST', '/api/v1/grievances', 'ccs.segou', { ccsCode: 'CCS-SEGOU', category: 'rumour' }],
      ['POST', `/api/v1/grievances/${id}/referral`, 'ccs.segou', { version: 1, service: 'army' }],
      ['POST', `/api/v1/grievances/${id}/follow-ups`, 'ccs.segou', { version: 1, note: '' }],
      ['POST', `/api/v1/grievances/${id}/closure`, 'ccs.segou', { version: 1, outcome: 'forgotten' }],
      ['GET', '/api/v1/grievances?overdue=maybe', 'manager', undefined],
      ['GET', '/api/v1/grievances/abc', 'manager', undefined],
      ['POST', '/api/v1/infrastructures', 'ccs.segou', { ccsCode: 'CCS-SEGOU', works: 'painted' }],
      ['PATCH', `/api/v1/infrastructures/${id}`, 'ccs.segou', { version: 1, handedOverOn: '14/12/2023' }],
      ['GET', '/api/v1/infrastructures?handedOver=perhaps', 'manager', undefined],
      ['GET', '/api/v1/infrastructures/abc', 'manager', undefined],
      ['POST', '/api/v1/trainings', 'ccs.segou', { ccsCode: 'CCS-SEGOU', trainees: [{ body: 'army' }] }],
      ['GET', '/api/v1/trainings?topic=cooking', 'manager', undefined],
      ['GET', '/api/v1/trainings/abc', 'manager', undefined],
    ];
    const started = (await pg.query(`SELECT now() AS t`)).rows[0].t as Date;
    const wrong: string[] = [];
    for (const [method, path, as, body] of cases) {
      const r = await send<ErrorBody>(method, path, as, body);
      const expected = ERROR_CATALOGUE.VALIDATION_FAILED.fr;
      if (r.status !== 400 || r.body.code !== 'VALIDATION_FAILED' || r.body.message !== expected) {
        wrong.push(`${method} ${path}: ${r.status} ${r.text.slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Refused by the gateway's validation: no row of any CCS table was written by these users since.
    const written = await pg.query(
      `SELECT (SELECT count(*) FROM "security"."activity" WHERE "created_at" >= $1 AND "created_by" = 'ccs.segou')
            + (SELECT count(*) FROM "security"."grievance" WHERE "created_at" >= $1 AND "created_by" = 'ccs.segou')
            + (SELECT count(*) FROM "security"."infrastructure" WHERE "created_at" >= $1 AND "created_by" = 'ccs.segou')
            + (SELECT count(*) FROM "security"."training" WHERE "created_at" >= $1 AND "created_by" = 'ccs.segou')
            + (SELECT count(*) FROM "security"."ccs" WHERE "updated_at" >= $1) AS n`,
      [started],
    );
    expect(Number(written.rows[0].n)).toBe(0);
  });
});
