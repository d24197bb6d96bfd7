import { hasPermission, isPermission, PERMISSION_EXTENSION, type PermissionName } from '@prosmed/auth';
import { demoUsers } from '@prosmed/testing';
import { call, waitForLand } from './support/http';
import { ANTICORRUPTION_ROUTE_ROWS } from './routes/anticorruption';
import { LAND_ROUTE_ROWS } from './routes/land';
import { REPORTING_ROUTE_ROWS } from './routes/reporting';
import { type RouteRows } from './routes/route-row';
import { SECURITY_ROUTE_ROWS } from './routes/security';
import { type AppProcess, startGatewayProcess, startServiceProcesses } from './support/processes';

jest.setTimeout(120_000);

/**
 * How to call each route of the OpenAPI document (rows in ./routes/, one file per service). A route the
 * document has and this table does not fails
 * the test: adding a route means adding its row. Write routes get an empty body: a caller the table
 * allows gets 400 VALIDATION_FAILED from the gateway's own validation (nothing is created), one it denies
 * gets 403 FORBIDDEN_ROLE before validation.
 */
const ROUTE_ROWS: RouteRows = {
  ...LAND_ROUTE_ROWS,
  ...SECURITY_ROUTE_ROWS,
  ...ANTICORRUPTION_ROUTE_ROWS,
  ...REPORTING_ROUTE_ROWS,
};

type Route = { key: string; method: string; path: string; permission: PermissionName };

let services: AppProcess[] = [];
let gw: AppProcess;
let routes: Route[];

beforeAll(async () => {
  services = await startServiceProcesses();
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
  await Promise.all(services.map((s) => s.stop()));
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
