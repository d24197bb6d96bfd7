import { hasPermission, type PermissionName } from '@prosmed/auth';
import { CATALOGUE, pathFieldsOf, uploadHttpParts, type AnyMessageDef } from '@prosmed/contracts';
import { demoUsers } from '@prosmed/testing';
import { call, waitForLand } from './support/http';
import { type AppProcess, startGatewayProcess, startServiceProcesses } from './support/processes';

jest.setTimeout(120_000);

/**
 * Every route's documented example, sent as a user allowed to call it, is never refused as invalid: what
 * Swagger proposes works as it is. And every error code a service answered during the run is declared in
 * its catalogue entry (the gateway counts the others), so the OpenAPI document cannot lie.
 */

/** Users tried in this order: the most scoped first, so commands run in the examples' own CoFo. */
const PREFERRED = [
  'secretaire.segou',
  'greffier.segou',
  'ccs.segou',
  'pf.oclei',
  'snlcc.sp',
  'copil.membre',
  'suivi.evaluation',
  'admin.prosmed',
  'manager',
];

function callerFor(def: AnyMessageDef): string | undefined {
  if (def.permission === 'public') return undefined;
  const users = demoUsers();
  const name = PREFERRED.find((u) =>
    hasPermission(users.find((d) => d.username === u)?.roles ?? [], def.permission as PermissionName),
  );
  if (!name) throw new Error(`no demo user may call ${def.id}`);
  return name;
}

function requestOf(def: AnyMessageDef): { path: string; body?: unknown; raw?: Buffer } {
  const http = def.http!;
  const example = JSON.parse(JSON.stringify(http.example)) as Record<string, unknown>;
  const fields = pathFieldsOf(http.path);
  let path = http.path;
  for (const f of fields) path = path.replace(`:${f}`, encodeURIComponent(String(example[f])));
  const rest = Object.fromEntries(Object.entries(example).filter(([k]) => !fields.includes(k)));
  const prefix = def.permission === 'public' ? '/api/public/' : '/api/v1/';
  if (http.method === 'GET') {
    const query = new URLSearchParams(
      Object.entries(rest).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return { path: `${prefix}${path}${query ? `?${query}` : ''}` };
  }
  if (http.upload) {
    // An upload route takes the file as the raw body and its name in the query string.
    const parts = uploadHttpParts(example, fields);
    return { path: `${prefix}${path}?${parts.query}`, raw: parts.body };
  }
  return { path: `${prefix}${path}`, body: rest };
}

let services: AppProcess[] = [];
let gw: AppProcess;

beforeAll(async () => {
  services = await startServiceProcesses();
  gw = await startGatewayProcess();
  await waitForLand(gw.url);
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await Promise.all(services.map((s) => s.stop()));
});

describe('the catalogue through the real gateway', () => {
  it.each(CATALOGUE.filter((d) => d.http).map((d) => [d.id, d] as const))(
    '%s: its example is never VALIDATION_FAILED nor a 5xx',
    async (_, def) => {
      const { path, body, raw } = requestOf(def);
      const res = await call<{ code?: string; details?: unknown }>(gw.url, def.http!.method, path, {
        as: callerFor(def),
        body,
        raw,
        contentType: raw ? 'application/octet-stream' : undefined,
      });
      expect({ status: res.status, code: res.body.code, details: res.body.details }).not.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(res.status).toBeLessThan(500);
    },
  );

  it('answered no error code that its catalogue entry does not declare', async () => {
    const metrics = await call<string>(gw.url, 'GET', '/metrics');
    const undeclared = metrics.text
      .split('\n')
      .filter((l) => l.startsWith('gateway_undeclared_error_codes_total{') && !l.endsWith(' 0'));
    expect(undeclared).toEqual([]);
  });
});
