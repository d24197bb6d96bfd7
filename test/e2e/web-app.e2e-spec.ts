import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { testConfig } from '@prosmed/testing';
import { type AppProcess, startGatewayProcess } from './support/processes';

jest.setTimeout(60_000);

/**
 * The web app on the gateway's origin, on a dist of the test's own (so this test needs no web build): its
 * files, its cache headers and CSP, the SPA fallback, and the API's JSON 404s untouched.
 */
let dist: string;
let gw: AppProcess;
let noDist: AppProcess;

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'prosmed-web-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>PROSMED</title><div id="app"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log("app");');
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  [gw, noDist] = await Promise.all([
    startGatewayProcess({ WEB_DIST_DIR: dist }, 'gateway-web'),
    startGatewayProcess({ WEB_DIST_DIR: path.join(dist, 'absent') }, 'gateway-no-web'),
  ]);
}, 180_000);
afterAll(async () => {
  await Promise.all([gw?.stop(), noDist?.stop()]);
  rmSync(dist, { recursive: true, force: true });
});

/** A raw request: the path is sent as written (fetch would resolve `..` before sending it). */
function raw(
  port: number,
  rawPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('/ is the app shell, HTML, never cached, under a CSP that allows the Keycloak issuer', async () => {
  const r = await raw(gw.port, '/', { accept: 'text/html' });
  expect(r.status).toBe(200);
  expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(r.headers['cache-control']).toBe('no-cache');
  expect(r.body).toContain('<div id="app">');
  const csp = String(r.headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain(`connect-src 'self' ${new URL(testConfig().keycloak.issuer).origin}`);
  expect(csp).not.toContain('unsafe-inline');
});

test('a hashed asset has its type and a long cache; the service worker is no-cache', async () => {
  const a = await raw(gw.port, '/assets/index-Ab12Cd34.js');
  expect(a.status).toBe(200);
  expect(a.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(a.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(a.body).toBe('console.log("app");');
  const sw = await raw(gw.port, '/sw.js');
  expect(sw.headers['cache-control']).toBe('no-cache');
  const head = await raw(gw.port, '/assets/index-Ab12Cd34.js', {}, 'HEAD');
  expect(head.status).toBe(200);
  expect(head.body).toBe('');
});

test('an app page a browser asks for falls back to index.html; a missing asset or a script fetch is a JSON 404', async () => {
  const page = await raw(gw.port, '/cases/new', { accept: 'text/html,application/xhtml+xml' });
  expect(page.status).toBe(200);
  expect(page.body).toContain('<div id="app">');
  for (const [p, accept] of [
    ['/assets/missing-123.js', 'text/html'],
    ['/cases/new', 'application/json'],
  ]) {
    const r = await raw(gw.port, p, { accept });
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
  }
});

test('/app-config.json names the issuer and the public client, from the configuration', async () => {
  const r = await raw(gw.port, '/app-config.json');
  expect(r.status).toBe(200);
  expect(JSON.parse(r.body)).toEqual({ issuer: testConfig().keycloak.issuer, clientId: 'prosmed-web' });
  expect(r.headers['cache-control']).toBe('no-cache');
});

test('the API keeps its JSON 404, even for a browser, and a POST to / is not the app', async () => {
  const r = await raw(gw.port, '/api/v1/unknown', { accept: 'text/html' });
  expect(r.status).toBe(404);
  expect(r.headers['content-type']).toMatch(/^application\/json/);
  expect((JSON.parse(r.body) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  const post = await raw(gw.port, '/', { accept: 'text/html', 'content-type': 'application/json' }, 'POST');
  expect(post.status).toBe(404);
  expect(post.body).not.toContain('<div id="app">');
});

test('a path traversal never leaks a file', async () => {
  for (const p of [
    '/..%2f..%2fetc/passwd',
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
    '/assets/..%5c..%5cpackage.json',
    '/..%00/index.html',
  ]) {
    const r = await raw(gw.port, p, { accept: 'text/html' });
    expect({ p, leaked: /root:|"name": "prosmed-platform"/.test(r.body) }).toEqual({ p, leaked: false });
    expect({ p, ok: r.status === 404 || r.status === 400 }).toEqual({ p, ok: true });
  }
});

test('with no built app the gateway still starts, and / is a clear JSON 404', async () => {
  const r = await raw(noDist.port, '/', { accept: 'text/html' });
  expect(r.status).toBe(404);
  expect((JSON.parse(r.body) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
  expect((await raw(noDist.port, '/api/health')).status).toBe(200);
});
