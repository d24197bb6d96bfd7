import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { demoUser, REPO_ROOT, tokenFor } from '@prosmed/testing';
import { type AppProcess, startGatewayProcess } from '../../e2e/support/processes';

/**
 * The browser tests' kit: Debian's Chromium driven by playwright-core, the real gateway serving the built
 * app on a port Keycloak knows (the realm's prosmed-web redirect URIs 3191 to 3195), sign-in on the real
 * Keycloak page, the API as a demo user to check records, screenshots in .run/screenshots/web.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_TEST_PORTS = [3191, 3192, 3193, 3194, 3195] as const;
export const SCREENSHOTS = path.join(REPO_ROOT, '.run', 'screenshots', 'web');
export const WEB_DIST = path.join(REPO_ROOT, 'apps', 'web', 'dist');
/** A 360 x 740 phone, the size the secretary's screens are written for. */
export const PHONE = { width: 360, height: 740 } as const;

/** Builds the app once per jest run (scripts/test.sh builds it before and sets PROSMED_WEB_BUILT=1). */
export function buildWebOnce(): void {
  if (process.env.PROSMED_WEB_BUILT === '1' && existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const r = spawnSync('npm', ['run', '-s', 'web:build'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`npm run web:build failed (exit ${r.status ?? r.signal})`);
  process.env.PROSMED_WEB_BUILT = '1';
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's (apt-get install -y chromium; scripts/test.sh does it as root) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // As root (CI containers) Chromium refuses to start with its sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/** The first free port of WEB_TEST_PORTS (two test runs at once take two of them). */
async function webPort(): Promise<number> {
  for (const port of WEB_TEST_PORTS) {
    const net = await import('node:net');
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(
    `ports ${WEB_TEST_PORTS.join(', ')} are all taken: the browser tests need one (realm redirect URIs)`,
  );
}

/** The real gateway serving the freshly built app, on a port the realm accepts as redirect URI. */
export async function startWebGateway(): Promise<AppProcess> {
  buildWebOnce();
  const port = await webPort();
  return startGatewayProcess({ GATEWAY_PORT: String(port), WEB_DIST_DIR: WEB_DIST }, `gateway-web-${port}`);
}

/** A new browser context as a phone: 360 x 740, French, with the service worker allowed. */
export function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale: 'fr-FR', deviceScaleFactor: 1 });
}

/**
 * Signs in as a demo user ON THE REAL KEYCLOAK PAGE: opens the app, presses "Se connecter", fills
 * Keycloak's form with the realm file's password, and waits until the app shows her name.
 */
export async function signIn(page: Page, username: string, baseUrl: string): Promise<void> {
  const user = demoUser(username);
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/`);
  await page.getByTestId('sign-in').click();
  await page.waitForURL((u) => u.pathname.includes('/protocol/openid-connect/'), { timeout: 20_000 });
  // Keycloak 26's brute-force guard refuses the right password while another login of the same user is in
  // progress (another test's token grant on the shared Keycloak): its page says so, and we try again.
  for (let attempt = 1; ; attempt++) {
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(user.password);
    await page.locator('#kc-login').click();
    try {
      await page.waitForURL((u) => u.href.startsWith(baseUrl), { timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.waitForTimeout(1_500 * attempt);
    }
  }
  await page.getByTestId('user').waitFor({ timeout: 20_000 });
}

/** Signs out through the app's button (Keycloak's end-session), back on the app's sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.locator('button.signout').click();
  await page.getByTestId('sign-in').waitFor({ timeout: 20_000 });
}

/** The screen as the person sees it (the phone's viewport; `fullPage` for the whole length). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** True when the page scrolls sideways (it must not at 360 px). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate('document.documentElement.scrollWidth > document.documentElement.clientWidth');
}

export interface ApiAs {
  get<T = unknown>(p: string): Promise<{ status: number; body: T }>;
  post<T = unknown>(
    p: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
}

/** The API as a demo user (password grant of the development client, `tokenFor`): to check records. */
export function apiAs(username: string, baseUrl: string): ApiAs {
  const call = async <T>(method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${p}`, {
      method,
      headers: {
        Authorization: `Bearer ${await tokenFor(username)}`,
        'Accept-Language': 'fr',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    get: (p) => call('GET', p),
    post: (p, body, headers) => call('POST', p, body, headers),
  };
}

/**
 * Starts the parts of a browser test at once (gateway, services, Chromium). When one fails, the ones that
 * did start are stopped before the error goes on: a failed start must not leave processes that keep jest
 * waiting.
 */
export async function startAll<T extends unknown[]>(
  ...starts: { [K in keyof T]: Promise<T[K]> }
): Promise<T> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
  await Promise.all(
    settled.map(async (r) => {
      if (r.status !== 'fulfilled') return;
      const part = r.value as { stop?: () => Promise<unknown>; close?: () => Promise<unknown> };
      await (part.stop ?? part.close)?.call(part).catch(() => undefined);
    }),
  );
  throw failed.reason;
}
