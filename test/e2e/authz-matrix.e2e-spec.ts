import { hasPermission, isPermission, PERMISSION_EXTENSION, type PermissionName } from '@prosmed/auth';
import { demoUsers } from '@prosmed/testing';
import { call, waitForLand } from './support/http';
import { type AppProcess, startGatewayProcess, startLandProcess } from './support/processes';

jest.setTimeout(120_000);

/**
 * How to call each route of the OpenAPI document. A route the document has and this table does not fails
 * the test: adding a route means adding its row. Write routes get an empty body: a caller the table
 * allows gets 400 VALIDATION_FAILED from the gateway's own validation (nothing is created), one it denies
 * gets 403 FORBIDDEN_ROLE before validation.
 */
/** A well-formed id of nothing: allowed readers get 404 (or 403 OUT_OF_SCOPE when scoped). */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

const ROUTE_ROWS: Record<string, { params?: Record<string, string>; query?: string; body?: unknown }> = {
  'GET /api/v1/me': {},
  'GET /api/v1/cofos': {},
  'POST /api/v1/cofos': { body: {} },
  'GET /api/v1/cofos/{code}': { params: { code: 'SEG01' } },
  'PATCH /api/v1/cofos/{code}': { params: { code: 'SEG01' }, body: {} },
  'GET /api/v1/tribunals': {},
  'POST /api/v1/tribunals': { body: {} },
  'GET /api/v1/tribunals/{code}': { params: { code: 'TI-SEGOU' } },
  'PATCH /api/v1/tribunals/{code}': { params: { code: 'TI-SEGOU' }, body: {} },
  'GET /api/v1/cases': {},
  'POST /api/v1/cases': { body: {} },
  'GET /api/v1/cases/{caseId}': { params: { caseId: NO_SUCH_ID } },
  'POST /api/v1/cases/{caseId}/steps': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/pvs': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/homologation-request': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/homologation-decision': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/referral': { params: { caseId: NO_SUCH_ID }, body: {} },
  'POST /api/v1/cases/{caseId}/closure': { params: { caseId: NO_SUCH_ID }, body: {} },
  'GET /api/v1/homologations': {},
  'GET /api/v1/pvs/{pvId}.pdf': { params: { pvId: NO_SUCH_ID } },
  'GET /api/v1/places': { query: 'q=segou' },
  'GET /api/v1/places/{code}': { params: { code: 'ML-SEG-SAN' } },
  'POST /api/v1/places/import': { body: {} },
};

type Route = { key: string; method: string; path: string; permission: PermissionName };

let land: AppProcess;
let gw: AppProcess;
let routes: Route[];

beforeAll(async () => {
  land = await startLandProcess();
  gw = await startGatewayProcess();
  await waitForLand(gw.url);
  const doc = await call<{ paths: Record<string, Record<string, Record<string, unknown>>> }>(
    gw.url,
    'GET',
    '/api/docs-json',
  );
  routes = Object.entries(doc.body.paths)
    .filter(([p]) => p.startsWith('/api/v1/'))
    .flatMap(([p, item]) =>
      Object.entries(item).map(([m, op]) => {
        const ext = op[PERMISSION_EXTENSION] as { permission?: string } | undefined;
        const permission = ext?.permission ?? '(none)';
        if (!isPermission(permission))
          throw new Error(`${m.toUpperCase()} ${p} declares no known permission`);
        return { key: `${m.toUpperCase()} ${p}`, method: m.toUpperCase(), path: p, permission };
      }),
    );
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await land?.stop();
});

describe('authorisation matrix generated from the OpenAPI document', () => {
  it('has a row for every /api/v1 route and no row for a route that is gone', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(ROUTE_ROWS).sort());
  });

  it('allows and denies every demo user on every route as the permission table says, through real HTTP', async () => {
    const users = demoUsers();
    expect(users.length).toBeGreaterThanOrEqual(9);
    const mismatches: string[] = [];
    const cells: string[] = [];
    for (const route of routes) {
      const row = ROUTE_ROWS[route.key];
      const url =
        route.path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(row.params?.[k] ?? k)) +
        (row.query ? `?${row.query}` : '');
      for (const user of users) {
        const allowed = hasPermission(user.roles, route.permission);
        const r = await call<{ code?: string }>(gw.url, route.method, url, {
          as: user.username,
          body: row.body,
        });
        const code = r.body?.code;
        const ok = allowed
          ? r.status < 500 &&
            r.status !== 401 &&
            code !== 'FORBIDDEN_ROLE' &&
            (route.method === 'GET'
              ? [200, 403, 404].includes(r.status)
              : r.status === 400 && code === 'VALIDATION_FAILED')
          : r.status === 403 && code === 'FORBIDDEN_ROLE';
        if (route.method === 'GET' && allowed && r.status === 403) expect(code).toBe('OUT_OF_SCOPE');
        cells.push(
          `${route.key} ${user.username}: ${allowed ? 'allow' : 'deny'} -> ${r.status} ${code ?? ''}`,
        );
        if (!ok) mismatches.push(cells[cells.length - 1]);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toHaveLength(routes.length * users.length);
  });

  it('is not vacuous: every route has callers it allows and, but for /me, callers it denies', () => {
    const users = demoUsers();
    for (const route of routes) {
      const allowed = users.filter((u) => hasPermission(u.roles, route.permission)).length;
      expect({ route: route.key, someAllowed: allowed > 0 }).toEqual({ route: route.key, someAllowed: true });
      if (route.permission !== 'me:read') {
        expect({ route: route.key, someDenied: allowed < users.length }).toEqual({
          route: route.key,
          someDenied: true,
        });
      }
    }
  });
});
