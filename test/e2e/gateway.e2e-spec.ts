import { readFileSync } from 'node:fs';
import path from 'node:path';
import { permissionsOf } from '@prosmed/auth';
import { demoUsers, REPO_ROOT } from '@prosmed/testing';
import { attackTokens } from './support/attacks';
import { call, eventually } from './support/http';
import { type AppProcess, startGatewayProcess } from './support/processes';

jest.setTimeout(60_000);

const ALLOWED_ORIGIN = 'http://web.prosmed.test';
type ErrorBody = {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown[];
  requestId: string;
};

let gw: AppProcess;
beforeAll(async () => {
  gw = await startGatewayProcess({ CORS_ORIGINS: ALLOWED_ORIGIN });
}, 180_000);
afterAll(async () => {
  await gw?.stop();
});

/** Every error answer has the one body, and its requestId is the X-Request-Id header. */
function expectErrorBody(
  r: { status: number; headers: Headers; body: unknown },
  status: number,
  code: string,
) {
  const b = r.body as ErrorBody;
  expect({ status: r.status, code: b.code }).toEqual({ status, code });
  expect(b.statusCode).toBe(status);
  expect(typeof b.message).toBe('string');
  expect(b.message.length).toBeGreaterThan(0);
  expect(b.requestId).toBe(r.headers.get('x-request-id'));
  expect(Object.keys(b).sort()).toEqual(
    (b.details
      ? ['code', 'details', 'message', 'requestId', 'statusCode']
      : ['code', 'message', 'requestId', 'statusCode']
    ).sort(),
  );
}

describe('operations routes (public)', () => {
  it('answers liveness with helmet headers and a request id', async () => {
    const r = await call(gw.url, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
    expect(r.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it('is ready when Kafka, Keycloak and PostgreSQL answer', async () => {
    const r = await call(gw.url, 'GET', '/api/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', checks: { kafka: 'ok', keycloak: 'ok', postgres: 'ok' } });
  });

  it('exposes Prometheus metrics by route template and status', async () => {
    await call(gw.url, 'GET', '/api/v1/cofos/SEG01');
    const r = await call(gw.url, 'GET', '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/plain');
    expect(r.text).toMatch(
      /http_requests_total\{method="GET",route="\/api\/health",status="200",service="gateway"\} \d+/,
    );
    const buckets = r.text.split('\n').filter((l) => l.startsWith('http_request_duration_seconds_bucket{'));
    expect(buckets.some((l) => l.includes('route="/api/v1/cofos/:code"') && l.includes('status="401"'))).toBe(
      true,
    );
    expect(r.text).toContain('# TYPE kafka_request_reply_duration_seconds histogram');
    expect(r.text).not.toContain('SEG01');
  });

  it('serves Swagger UI with a CSP that lets it log in against Keycloak, and the OpenAPI document', async () => {
    // From /api/docs/ Swagger UI sends Keycloak's answer to /api/docs/oauth2-redirect.html.
    const bare = await fetch(`${gw.url}/api/docs`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/api/docs/');
    const redirectPage = await call(gw.url, 'GET', '/api/docs/oauth2-redirect.html');
    expect(redirectPage.status).toBe(200);
    expect(redirectPage.text).toContain('oauth2-redirect.js');
    const ui = await call(gw.url, 'GET', '/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui-bundle.js');
    const csp = ui.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8080");
    expect(ui.headers.get('cross-origin-opener-policy')).toBeNull();
    const init = await call(gw.url, 'GET', '/api/docs/swagger-ui-init.js');
    expect(init.text).toMatch(/"usePkceWithAuthorizationCodeGrant":\s*true/);
    expect(init.text).toMatch(/"clientId":\s*"prosmed-web"/);
    const doc = await call<{ paths: Record<string, unknown> }>(gw.url, 'GET', '/api/docs-json');
    const committed = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8'),
    ) as typeof doc.body;
    expect(Object.keys(doc.body.paths)).toEqual(Object.keys(committed.paths));
  });
});

describe('one error model', () => {
  it('404 for an unknown route, with the error body', async () => {
    for (const [method, p] of [
      ['GET', '/api/v1/nothing-here'],
      ['DELETE', '/api/v1/cofos/SEG01'],
      // Not `/`: it is the web app once built (test/e2e/web-app.e2e-spec.ts); a missing file is this 404.
      ['GET', '/nothing-here.json'],
    ]) {
      const r = await call(gw.url, method, p);
      expectErrorBody(r, 404, 'ROUTE_NOT_FOUND');
    }
  });

  it('keeps a valid X-Request-Id, replaces an unsafe one, and logs the request under it', async () => {
    const id = `e2e-${Date.now()}-abcdef`;
    const r = await call(gw.url, 'GET', '/api/v1/me', { headers: { 'x-request-id': id } });
    expect(r.headers.get('x-request-id')).toBe(id);
    expect((r.body as ErrorBody).requestId).toBe(id);
    const bad = await call(gw.url, 'GET', '/api/health', { headers: { 'x-request-id': 'x y' } });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => gw.logLines().some((l) => l.requestId === id && l.msg === 'request'));
    const line = gw.logLines().find((l) => l.requestId === id && l.msg === 'request');
    expect(line).toMatchObject({
      method: 'GET',
      route: '/api/v1/me',
      status: 401,
      code: 'AUTH_MISSING_TOKEN',
    });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('speaks French by default and English when Accept-Language prefers it', async () => {
    const fr = await call(gw.url, 'GET', '/api/v1/me');
    expect((fr.body as ErrorBody).message).toBe("Jeton d'accès manquant : connectez-vous.");
    const en = await call(gw.url, 'GET', '/api/v1/me', {
      headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' },
    });
    expect((en.body as ErrorBody).message).toBe('Missing access token: sign in.');
    const other = await call(gw.url, 'GET', '/api/v1/me', { headers: { 'accept-language': 'de-DE' } });
    expect((other.body as ErrorBody).message).toBe("Jeton d'accès manquant : connectez-vous.");
  });

  it('415 for a body that is not JSON', async () => {
    const r = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      raw: 'code=SEG01',
      contentType: 'application/x-www-form-urlencoded',
    });
    expectErrorBody(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const patch = await call(gw.url, 'PATCH', '/api/v1/cofos/SEG01', {
      as: 'admin.prosmed',
      raw: '{}',
      contentType: 'text/plain',
    });
    expectErrorBody(patch, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('400 MALFORMED_JSON for broken JSON', async () => {
    const r = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      raw: '{"code": "SEG01",',
      contentType: 'application/json',
    });
    expectErrorBody(r, 400, 'MALFORMED_JSON');
  });

  it('413 beyond the body limit (256 kB by default)', async () => {
    const big = JSON.stringify({ code: 'BIG01', name: 'x'.repeat(300 * 1024) });
    const r = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      raw: big,
      contentType: 'application/json',
    });
    expectErrorBody(r, 413, 'PAYLOAD_TOO_LARGE');
    expect((r.body as ErrorBody).message).toContain('256 kB');
  });

  it('400 VALIDATION_FAILED with field details, unknown fields refused', async () => {
    const r = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body: {
        code: 'seg 01',
        level: 'region',
        placeCode: 'ML-SEG-SEG',
        members: [{ name: 'A', sex: 'X', role: 'membre' }],
        isAdmin: true,
      },
    });
    expectErrorBody(r, 400, 'VALIDATION_FAILED');
    const fields = ((r.body as ErrorBody).details as { field: string; code: string }[]).map(
      (d) => `${d.field}:${d.code}`,
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'code:matches',
        'level:isIn',
        'name:isString',
        'members[0].sex:isIn',
        'isAdmin:whitelistValidation',
      ]),
    );
    const q = await call(gw.url, 'GET', '/api/v1/cofos?limit=1000&debug=1', { as: 'manager' });
    expectErrorBody(q, 400, 'VALIDATION_FAILED');
    expect(((q.body as ErrorBody).details as { field: string }[]).map((d) => d.field).sort()).toEqual([
      'debug',
      'limit',
    ]);
  });

  it('400 for an Idempotency-Key that is not a key', async () => {
    const r = await call(gw.url, 'POST', '/api/v1/cofos', {
      as: 'admin.prosmed',
      body: {},
      headers: { 'idempotency-key': 'no' },
    });
    expectErrorBody(r, 400, 'IDEMPOTENCY_KEY_INVALID');
  });
});

describe('authentication', () => {
  it('401 AUTH_MISSING_TOKEN without a token, with WWW-Authenticate', async () => {
    const r = await call(gw.url, 'GET', '/api/v1/cofos');
    expectErrorBody(r, 401, 'AUTH_MISSING_TOKEN');
    expect(r.headers.get('www-authenticate')).toBe('Bearer realm="prosmed"');
  });

  it('401 AUTH_INVALID_TOKEN for every forged, foreign or malformed token', async () => {
    const attacks = await attackTokens();
    const schemes = { 'Basic credentials': 'Basic YWRtaW46YWRtaW4=', 'Bearer without token': 'Bearer ' };
    for (const [name, token] of Object.entries(attacks)) {
      const r = await call(gw.url, 'GET', '/api/v1/me', { authorization: `Bearer ${token}` });
      expect({ name, status: r.status, code: (r.body as ErrorBody).code }).toEqual({
        name,
        status: 401,
        code: 'AUTH_INVALID_TOKEN',
      });
      expect(r.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const basic = await call(gw.url, 'GET', '/api/v1/me', { authorization: schemes['Basic credentials'] });
    expectErrorBody(basic, 401, 'AUTH_INVALID_TOKEN');
    expect(Object.keys(attacks)).toHaveLength(13);
  });

  it('GET /api/v1/me tells every demo user who they are', async () => {
    for (const u of demoUsers()) {
      const r = await call<Record<string, unknown>>(gw.url, 'GET', '/api/v1/me', { as: u.username });
      expect(r.status).toBe(200);
      expect(r.body.username).toBe(u.username);
      expect(r.body.roles).toEqual(expect.arrayContaining(u.roles));
      expect(r.body.permissions).toEqual(permissionsOf(r.body.roles as string[]));
      const scopes: Record<string, string> = {};
      if (u.attributes.cofo_id) scopes.cofoId = u.attributes.cofo_id;
      if (u.attributes.tribunal_id) scopes.tribunalId = u.attributes.tribunal_id;
      if (u.attributes.ccs_id) scopes.ccsId = u.attributes.ccs_id;
      if (u.attributes.structure_id) scopes.structureId = u.attributes.structure_id;
      expect({ user: u.username, scopes: r.body.scopes }).toEqual({ user: u.username, scopes });
    }
  });

  it('403 FORBIDDEN_ROLE before anything is forwarded', async () => {
    const r = await call(gw.url, 'POST', '/api/v1/cofos', { as: 'manager', body: {} });
    expectErrorBody(r, 403, 'FORBIDDEN_ROLE');
    expect((r.body as ErrorBody).message).toContain('cofo:write');
  });
});

describe('CORS', () => {
  it('answers a preflight from a configured origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${gw.url}/api/v1/cofos`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const ok = await preflight(ALLOWED_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const evil = await preflight('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${gw.url}/api/health`, { headers: { origin: 'http://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limit per caller', () => {
  let limited: AppProcess;
  beforeAll(async () => {
    limited = await startGatewayProcess(
      { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000' },
      'gateway-limited',
    );
  }, 120_000);
  afterAll(async () => {
    await limited?.stop();
  });

  it('429 RATE_LIMITED with Retry-After past the limit, per user', async () => {
    for (let i = 0; i < 5; i++)
      expect((await call(limited.url, 'GET', '/api/v1/me', { as: 'greffier.san' })).status).toBe(200);
    const r = await call(limited.url, 'GET', '/api/v1/me', {
      as: 'greffier.san',
      headers: { 'accept-language': 'en' },
    });
    expectErrorBody(r, 429, 'RATE_LIMITED');
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((r.body as ErrorBody).message).toBe(`Too many requests: retry in ${retryAfter} s.`);
    // Another user has a budget of her own; health probes are not limited.
    expect((await call(limited.url, 'GET', '/api/v1/me', { as: 'greffier.segou' })).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await call(limited.url, 'GET', '/api/health')).status).toBe(200);
  });

  it('counts callers without a valid token by IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await call(limited.url, 'GET', '/api/v1/me', { authorization: 'Bearer x.y.z' })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
