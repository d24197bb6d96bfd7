import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type AppProcess, startServiceProcess } from '../e2e/support/processes';
import {
  apiAs,
  launchChromium,
  PHONE as PHONE_SIZE,
  phoneContext,
  screenshot,
  scrollsSideways,
  signIn,
  signOut,
  startWebGateway,
  startAll,
} from './support/browser';
import { fileThroughSteps } from './support/land';

jest.setTimeout(120_000);

/**
 * The web app's foundation in a real browser against the real stack: sign-in on Keycloak's page, the
 * secretary's home and cases at 360 px, sign-out and another person's sign-in in the same browser, and a
 * filing made offline sent once when the network returns.
 */
let gw: AppProcess;
let land: AppProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const started = Date.now();

beforeAll(async () => {
  [gw, land, browser] = await startAll(
    startWebGateway(),
    startServiceProcess('land-conciliation'),
    launchChromium(),
  );
  context = await phoneContext(browser);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await Promise.all([gw?.stop(), land?.stop()]);
  console.log(`web foundation: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

const list = (p: Page) => p.getByTestId('cases').locator('li');

test('the secretary signs in on the Keycloak page and sees her tasks and her CoFo cases at 360 px', async () => {
  await signIn(page, 'secretaire.segou', gw.url);
  await expect(page.getByTestId('role').textContent()).resolves.toBe('Secrétaire de CoFo');
  await expect(page.getByTestId('network').textContent()).resolves.toBe('En ligne');
  const tasks = await page.locator('[data-area="land"] .tasks a').allTextContents();
  expect(tasks).toEqual(['Mes dossiers', 'Enregistrer une saisine']);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'home-secretary');

  // Her cases, as the API gives them to her (the database is shared: others may file meanwhile, so the
  // list is compared as a set only when nobody did), overdue ones first.
  const api = apiAs('secretaire.segou', gw.url);
  const serverNumbers = async () =>
    (await api.get<{ items: { number: string }[] }>('/api/v1/cases?cofoCode=SEG01&limit=100')).body.items
      .map((c) => c.number)
      .sort();
  const before = await serverNumbers();
  await page.locator('[data-area="land"] .tasks a', { hasText: 'Mes dossiers' }).click();
  await page.getByTestId('cases').waitFor();
  await page.getByText('Chargement…').waitFor({ state: 'detached' });
  const rows = await list(page).evaluateAll((lis) =>
    lis.map((li) => ({
      number: li.getAttribute('data-number') ?? '',
      overdue: li.querySelector('.overdue') !== null,
    })),
  );
  const after = await serverNumbers();
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.number.startsWith('COFO-SEG01-'))).toBe(true);
  if (JSON.stringify(before) === JSON.stringify(after)) {
    expect(rows.map((r) => r.number).sort()).toEqual(after);
  }
  const firstOnTime = rows.findIndex((r) => !r.overdue);
  expect(rows.slice(firstOnTime < 0 ? rows.length : firstOnTime).some((r) => r.overdue)).toBe(false);
  await expect(page.locator('h1').textContent()).resolves.toBe('Dossiers de la CoFo SEG01');
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'cases-secretary');

  // English on request, kept on the device.
  await page.locator('.top .lang button', { hasText: 'EN' }).click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Cases of CoFo SEG01');
  await page.reload();
  await page.getByTestId('user').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe('Cases of CoFo SEG01');
  await page.locator('.top .lang button', { hasText: 'FR' }).click();
});

test('she signs out at Keycloak, and another person signs in in the same browser', async () => {
  // A case she reads is kept in the tab for offline reading (its parties' names): not past her sign-out.
  const mine = await apiAs('secretaire.segou', gw.url).get<{ items: { id: string }[] }>(
    '/api/v1/cases?limit=1',
  );
  const caseId = mine.body.items[0].id;
  await page.goto(`${gw.url}/#/land/cases/${caseId}`);
  await page.locator('h1').waitFor();
  const kept = () =>
    page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('prosmed.land.case.')));
  expect(await kept()).toEqual([`prosmed.land.case.${caseId}`]);
  await signOut(page);
  expect(await page.getByTestId('user').count()).toBe(0);
  expect(await kept()).toEqual([]);
  await signIn(page, 'greffier.segou', gw.url);
  await expect(page.getByTestId('role').textContent()).resolves.toBe('Greffier du tribunal');
  const tasks = await page.locator('.tasks a').allTextContents();
  expect(tasks).toEqual(['PV transmis à mon tribunal']);
  // The secretary's screens are not hers.
  await page.goto(`${gw.url}/#/land/cases/new`);
  await page.getByTestId('user').waitFor();
  await expect(page.locator('main').textContent()).resolves.toBe(
    'Votre rôle ne donne pas accès à cette page.',
  );
  await screenshot(page, 'home-clerk');
  await signOut(page);
});

test('a server refusal shows its French message beside the field it concerns', async () => {
  await signIn(page, 'secretaire.segou', gw.url);
  await page.goto(`${gw.url}/#/land/cases/new`);
  // A filing date in the future: only the server says no (DATE_IN_FUTURE), beside the date.
  await fillCase(page, `Refus ${randomUUID()}`, '2099-01-15');
  const fieldError = page.locator('[data-field="filedOn"] .error');
  await fieldError.waitFor();
  expect(await fieldError.textContent()).toMatch(/[a-zé]/);
  await expect(page.locator('.form-error').textContent()).resolves.toContain('dans le futur');
  // Refused at once: the form keeps it, the outbox does not.
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 0');
  await screenshot(page, 'file-case-refused');
});

test('a case filed with no network waits on the phone and is sent once when the network returns', async () => {
  const summary = `Hors ligne ${randomUUID()}`;
  // The app shell opens with no network once visited (service worker), signed in (this tab's session).
  await page.goto(`${gw.url}/#/land/cases/new`);
  await page.getByTestId('file-case').waitFor();
  await placesKept(page);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('file-case').waitFor();
  await page.getByTestId('network').filter({ hasText: 'Hors ligne' }).waitFor();
  // The place picker offers, with no network, the places of her CoFo already seen on this phone.
  await fillCase(page, summary);
  // Kept on the device, shown as waiting, nothing on the server.
  await page.getByTestId('waiting-cases').locator('li[data-status="waiting"]').waitFor();
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 1');
  await screenshot(page, 'offline-waiting');
  const api = apiAs('secretaire.segou', gw.url);
  const q = `/api/v1/cases?cofoCode=SEG01&q=${encodeURIComponent(summary)}`;
  expect((await api.get<{ items: unknown[] }>(q)).body.items).toHaveLength(0);

  await context.setOffline(false);
  await page.getByTestId('outbox-count').filter({ hasText: 'En attente 0' }).waitFor({ timeout: 30_000 });
  const found = await api.get<{ items: { summary: string; state: string; parties: unknown }[] }>(q);
  expect(found.status).toBe(200);
  expect(found.body.items.map((c) => [c.summary, c.state])).toEqual([[summary, 'filed']]);
  // It appears in her list, and a second flush has nothing left to send.
  await page.locator(`[data-testid=cases] li`, { hasText: summary }).waitFor({ timeout: 15_000 });
  await page.evaluate('window.dispatchEvent(new Event("online"))');
  await new Promise((r) => setTimeout(r, 1500));
  expect((await api.get<{ items: unknown[] }>(q)).body.items).toHaveLength(1);
  await screenshot(page, 'cases-after-sync');
});

test('the access token is refreshed before it expires, so a form being filled never meets a 401', async () => {
  const ctx = await phoneContext(browser);
  try {
    const p = await ctx.newPage();
    await p.clock.install();
    await signIn(p, 'secretaire.segou', gw.url);
    const tokens = async () =>
      JSON.parse((await p.evaluate('sessionStorage.getItem("prosmed.tokens")')) as string) as {
        accessToken: string;
        expiresAt: number;
      };
    const first = await tokens();
    await p.goto(`${gw.url}/#/land/cases/new`);
    await p.locator('[name="summary"]').fill('Saisie commencée avant le rafraîchissement');
    // Four and a half minutes later (the token lives five): the app has refreshed it by itself.
    await p.clock.fastForward('04:30');
    let second = await tokens();
    for (let i = 0; i < 50 && second.accessToken === first.accessToken; i++) {
      await new Promise((r) => setTimeout(r, 200));
      second = await tokens();
    }
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.expiresAt).toBeGreaterThan(first.expiresAt);
    // The form kept what was typed, and the app still reads with the new token.
    await expect(p.locator('[name="summary"]').inputValue()).resolves.toBe(
      'Saisie commencée avant le rafraîchissement',
    );
    await p.goto(`${gw.url}/#/land/cases`);
    await p.getByTestId('cases').waitFor();
    await p.getByText('Chargement…').waitFor({ state: 'detached' });
    expect(await p.locator('.error').count()).toBe(0);
  } finally {
    await ctx.close();
  }
});

/** The form's steps (test/web/support/land.ts), the land picked by typing "Segou" (SEG01's commune). */
async function fillCase(p: Page, summary: string, filedOn?: string): Promise<void> {
  if (!p.url().includes('#/land/cases/new')) await p.goto(`${gw.url}/#/land/cases/new`);
  await fileThroughSteps(p, {
    filedOn,
    summary,
    parties: [
      { name: 'Awa Coulibaly', sex: 'F' },
      { name: 'Moussa Keita', sex: 'M' },
    ],
    place: { typed: 'Segou', code: 'ML-SEG-SEG-SEG' },
    description: 'Champ au bord du fleuve',
  });
}

/** The form keeps the CoFo's territory and its places on the phone once read (for the picker offline). */
async function placesKept(p: Page): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await p.evaluate('localStorage.getItem("prosmed.land.places.SEG01")')) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the places of SEG01 were never kept');
}

test('a filing whose answer was lost is sent again with the same key, and the server keeps one case', async () => {
  // No service worker in this context, so the page's own request is the one routed.
  const ctx = await browser.newContext({ viewport: PHONE_SIZE, locale: 'fr-FR', serviceWorkers: 'block' });
  try {
    const p = await ctx.newPage();
    await signIn(p, 'secretaire.segou', gw.url);
    const keys: string[] = [];
    let lost = false;
    await p.route('**/api/v1/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (lost) return route.continue();
      // The server gets it and files the case; the phone never hears the answer.
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const summary = `Réponse perdue ${randomUUID()}`;
    await fillCase(p, summary);
    await p.getByTestId('waiting-cases').locator('li[data-status="waiting"]').waitFor();
    await p.evaluate('window.dispatchEvent(new Event("online"))');
    await p.getByTestId('outbox-count').filter({ hasText: 'En attente 0' }).waitFor({ timeout: 30_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    const found = await apiAs('secretaire.segou', gw.url).get<{ items: unknown[] }>(
      `/api/v1/cases?cofoCode=SEG01&q=${encodeURIComponent(summary)}`,
    );
    expect(found.body.items).toHaveLength(1);
  } finally {
    await ctx.close();
  }
});

test('a filing refused when the outbox sends it stays there with the server message, to discard', async () => {
  await page.goto(`${gw.url}/#/`);
  await page.getByTestId('user').waitFor();
  await context.setOffline(true);
  const summary = `Refus différé ${randomUUID()}`;
  await fillCase(page, summary, '2099-01-15');
  await page.getByTestId('waiting-cases').locator('li[data-status="waiting"]').waitFor();
  await context.setOffline(false);
  await page.goto(`${gw.url}/#/outbox`);
  const refused = page.locator('.outbox li[data-status="refused"]', { hasText: summary });
  await refused.waitFor({ timeout: 30_000 });
  expect(((await refused.locator('.error').textContent()) ?? '').length).toBeGreaterThan(10);
  await screenshot(page, 'outbox-refused');
  await refused.getByRole('button', { name: 'Abandonner' }).click();
  await refused.waitFor({ state: 'detached' });
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 0');
});
