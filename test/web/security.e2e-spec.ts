import { randomUUID } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type AppProcess, startServiceProcess } from '../e2e/support/processes';
import {
  apiAs,
  launchChromium,
  phoneContext,
  screenshot,
  scrollsSideways,
  signIn,
  signOut,
  startWebGateway,
  startAll,
} from './support/browser';

jest.setTimeout(120_000);

/**
 * The CCS secretary's screens in a real browser at 360 px against the real stack (gateway serving the
 * build, the CCS service, the land service for places, Keycloak): ccs.segou records the Q4-2023 report's
 * football match (the participants' check refuses 130 women of 120 as she types), attaches a photo,
 * follows a recommendation, receives a grievance and takes it through referral, a note and closure; every
 * record is checked through the API; ccs.nara, in the same browser after sign-out, sees none of it.
 */
let gw: AppProcess;
let security: AppProcess;
let land: AppProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const started = Date.now();
const tag = randomUUID().slice(0, 8);
const theme = `Match de football pour la cohésion sociale ${tag}`;
const summary = `Menaces contre les commerçants du marché ${tag}`;
const complainant = `Awa Diarra ${tag}`;
let activityId = '';
let grievanceId = '';

/** A small PNG photo (16 x 16, green and amber stripes), made here. */
function photo(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([head, body, crc]);
  };
  const size = 16;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) rows.push(...(y < 8 ? [11, 93, 59] : [232, 170, 20]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  [gw, security, land, browser] = await startAll(
    startWebGateway(),
    startServiceProcess('security-committees'),
    startServiceProcess('land-conciliation'),
    launchChromium(),
  );
  context = await phoneContext(browser);
  page = await context.newPage();
}, 240_000);

// A test that fails offline leaves the network back for the next one.
afterEach(async () => {
  await context?.setOffline(false).catch(() => undefined);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await Promise.all([gw?.stop(), security?.stop(), land?.stop()]);
  console.log(`web security: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

const field = (name: string) => page.locator(`[name="${name}"]`);
const fieldError = (name: string) => page.locator(`[data-field="${name}"] .error`);

/** Picks a place in the picker by typing its name without accents; every option is in her territory. */
async function pickPlace(typed: string, code: string, territory: string) {
  await page.getByTestId('placeCode-search').fill(typed);
  const option = page.locator(`[data-testid="placeCode-options"] button[data-code="${code}"]`);
  await option.waitFor();
  const codes = await page
    .locator('[data-testid="placeCode-options"] button')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-code') ?? ''));
  expect(codes.length).toBeGreaterThan(0);
  expect(codes.every((c) => c === territory || c.startsWith(`${territory}-`))).toBe(true);
  await option.click();
  await page.getByTestId('placeCode-chosen').waitFor();
}

test('ccs.segou signs in on Keycloak and sees her tasks at 360 px', async () => {
  await signIn(page, 'ccs.segou', gw.url);
  await expect(page.getByTestId('role').textContent()).resolves.toBe('Secrétaire de CCS');
  const tasks = await page.locator('[data-area="security"] .tasks a').allTextContents();
  expect(tasks).toEqual([
    'Mes activités',
    'Enregistrer une activité',
    'Mes plaintes',
    'Recevoir une plainte',
  ]);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'security-home');
});

test('she records the Q4-2023 football match; the check refuses 130 women of 120 as she types', async () => {
  await page.locator('[data-area="security"] .tasks a', { hasText: 'Enregistrer une activité' }).click();
  await page.getByTestId('record-activity').waitFor();
  await field('type').selectOption('sports-event');
  await field('startOn').fill('18/11/2023');
  await pickPlace('segou', 'ML-SEG-SEG-SEG', 'ML-SEG-SEG');
  await field('theme').fill(theme);
  await page.locator('input[name="forces"][value="police"]').check();
  await page.locator('input[name="forces"][value="gendarmerie"]').check();
  await field('participants.total').fill('120');
  await field('participants.women').pressSequentially('130');
  // As she types, before anything is sent: the message names the field, the save button is off.
  await expect(fieldError('participants.women').textContent()).resolves.toBe(
    'Femmes : 130, c’est plus que le total des participants (120).',
  );
  expect(await page.getByTestId('submit').isDisabled()).toBe(true);
  expect(await scrollsSideways(page)).toBe(false);
  await fieldError('participants.women').scrollIntoViewIfNeeded();
  await screenshot(page, 'security-activity-women-over-total');

  await field('participants.women').fill('45');
  await fieldError('participants.women').waitFor({ state: 'detached' });
  expect(await page.getByTestId('submit').isDisabled()).toBe(false);
  await field('participants.youth').fill('70');
  await field('participants.fds').fill('30');
  await field('outcomes').fill('Match joué dans un bon esprit entre jeunes et FDS.');
  await field('recommendations').fill('Éclairer le terrain municipal\nOrganiser un match retour à San');
  await screenshot(page, 'security-activity-form', true);
  await page.getByTestId('submit').click();

  await page.getByTestId('activity').waitFor();
  activityId = (await page.getByTestId('activity').getAttribute('data-id')) ?? '';
  expect(activityId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('participants-line').textContent()).resolves.toBe(
    '120 participants dont 45 femmes, 70 jeunes, 30 FDS',
  );
  expect(await page.locator('main').textContent()).toContain('18/11/2023');
  expect(await scrollsSideways(page)).toBe(false);

  const api = apiAs('ccs.segou', gw.url);
  const got = await api.get<Record<string, unknown>>(`/api/v1/ccs-activities/${activityId}`);
  expect(got.status).toBe(200);
  expect(got.body).toMatchObject({
    ccsCode: 'CCS-SEGOU',
    type: 'sports-event',
    startOn: '2023-11-18',
    endOn: '2023-11-18',
    placeCode: 'ML-SEG-SEG-SEG',
    theme,
    forces: ['police', 'gendarmerie'],
    participants: { total: 120, women: 45, youth: 70, fds: 30, children: null },
    outcomes: 'Match joué dans un bon esprit entre jeunes et FDS.',
    recommendations: [
      expect.objectContaining({ text: 'Éclairer le terrain municipal', state: 'pending' }),
      expect.objectContaining({ text: 'Organiser un match retour à San', state: 'pending' }),
    ],
  });
});

test('she attaches a photo from the phone and sees it; a PDF named like a photo is refused by the server', async () => {
  const png = photo();
  await page.getByTestId('photo').setInputFiles({ name: 'match.png', mimeType: 'image/png', buffer: png });
  const row = page.locator('[data-testid="attachments"] li', { hasText: 'match.png' });
  await row.waitFor();
  await row.getByTestId('thumb').waitFor();
  expect(
    await row
      .getByTestId('thumb')
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
  ).toBe(16);
  await expect(row.getAttribute('data-kind')).resolves.toBe('png');
  // Opened: fetched with her token, handed to the phone as the file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: 'Ouvrir' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('match.png');
  const chunks: Buffer[] = [];
  for await (const c of (await download.createReadStream()) as AsyncIterable<Buffer>) chunks.push(c);
  expect(Buffer.concat(chunks).subarray(0, 8)).toEqual(png.subarray(0, 8));

  // The content says PDF, the name says PNG: the server sniffs it and refuses; its message is shown.
  await page.getByTestId('file').setInputFiles({
    name: 'photo2.png',
    mimeType: 'image/png',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  });
  await expect(page.getByTestId('file-error').textContent()).resolves.toContain(
    'pas ce que son nom annonce (extension .png, contenu PDF)',
  );
  // A file over 5 MiB is refused before it is sent.
  await page.getByTestId('file').setInputFiles({
    name: 'grosse-photo.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 1),
  });
  await expect(page.getByTestId('file-error').textContent()).resolves.toBe(
    'Le fichier fait 5 Mio : au plus 5 Mio.',
  );
  // Offline, the photo is not sent and she is told it must wait for the network.
  await context.setOffline(true);
  await page.getByTestId('photo').setInputFiles({ name: 'match-2.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('file-error').textContent()).resolves.toContain(
    'Pas de réseau : la photo ne peut pas être envoyée maintenant',
  );
  await context.setOffline(false);
  expect(await scrollsSideways(page)).toBe(false);
  await page.getByTestId('attachments').scrollIntoViewIfNeeded();
  await screenshot(page, 'security-activity-photo');

  const api = apiAs('ccs.segou', gw.url);
  const files = await api.get<{ items: { fileName: string; kind: string; size: number }[] }>(
    `/api/v1/ccs-activities/${activityId}/attachments`,
  );
  expect(files.status).toBe(200);
  expect(files.body.items).toEqual([expect.objectContaining({ fileName: 'match.png', kind: 'png' })]);
});

test('she follows a recommendation up, and the activity is in her list, newest first', async () => {
  const rec = page.locator('[data-testid="recommendations"] li', { hasText: 'Éclairer le terrain' });
  await rec.locator('select').selectOption('in-progress');
  await rec.locator('input').fill('La mairie a prévu des lampadaires');
  await rec.locator('button').click();
  await page
    .locator('[data-testid="recommendations"] li[data-state="in-progress"]', { hasText: 'Éclairer' })
    .waitFor();
  await page
    .locator('[data-testid="history"] li[data-action="activity.recommendation.in-progress"]')
    .waitFor();
  await screenshot(page, 'security-activity', true);

  const api = apiAs('ccs.segou', gw.url);
  const got = await api.get<{ recommendations: { text: string; state: string; note: string | null }[] }>(
    `/api/v1/ccs-activities/${activityId}`,
  );
  expect(got.body.recommendations[0]).toMatchObject({
    text: 'Éclairer le terrain municipal',
    state: 'in-progress',
    note: 'La mairie a prévu des lampadaires',
  });

  await page.goto(`${gw.url}/#/security/activities`);
  const row = page.locator(`[data-testid="activities"] li[data-id="${activityId}"]`);
  // The list pages 50 at a time, newest (by start day) first: on a database that earlier runs filled, the
  // 2023 match may be many pages down. "Afficher plus" until it is there; each click waits for the page.
  const rows = page.locator('[data-testid="activities"] li');
  await Promise.race([row.waitFor(), page.getByTestId('more').waitFor()]);
  for (let i = 0; i < 200 && !(await row.count()) && (await page.getByTestId('more').count()); i++) {
    const shown = await rows.count();
    await page.getByTestId('more').click();
    for (let wait = 0; wait < 100 && (await rows.count()) === shown; wait++) await page.waitForTimeout(100);
  }
  await row.waitFor();
  expect(await row.textContent()).toContain(theme);
  const starts = await page
    .locator('[data-testid="activities"] li')
    .evaluateAll((lis) => lis.map((li) => li.textContent ?? ''));
  expect(starts.length).toBeGreaterThan(0);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'security-activities');
});

test('she receives a grievance (identity confidential) and takes it through referral, a note and closure', async () => {
  await page.goto(`${gw.url}/#/security/grievances/new`);
  await page.getByTestId('receive-grievance').waitFor();
  await expect(page.getByTestId('confidential').textContent()).resolves.toContain('seul votre CCS la voit');
  await field('channel').selectOption('phone');
  await field('category').selectOption('threat');
  await pickPlace('SÉGOU', 'ML-SEG-SEG-SEG', 'ML-SEG-SEG');
  await field('summary').fill(summary);
  await field('complainant.name').fill(complainant);
  await field('complainant.phone').fill('+223 76 00 00 00');
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'security-grievance-form', true);
  await page.getByTestId('submit').click();

  await page.getByTestId('grievance').waitFor();
  grievanceId = (await page.getByTestId('grievance').getAttribute('data-id')) ?? '';
  await expect(page.getByTestId('state').textContent()).resolves.toBe('Reçue');
  await expect(page.getByTestId('identity').textContent()).resolves.toContain(complainant);

  // Referred to the gendarmerie today.
  await page.getByTestId('open-refer').click();
  await page.locator('[data-testid="step-refer"] select[name="service"]').selectOption('gendarmerie');
  await page.locator('[data-testid="step-refer"] textarea').fill('Transmise au commandant de brigade');
  await page.getByTestId('submit-refer').click();
  await page.locator('[data-testid="grievance"][data-state="referred"]').waitFor();
  await expect(page.getByTestId('referral').textContent()).resolves.toContain('Transmise à Gendarmerie le');

  // A follow-up note.
  await page.getByTestId('open-follow-up').click();
  await page
    .locator('[data-testid="step-follow-up"] textarea')
    .fill('Les auteurs présumés ont été convoqués');
  await page.getByTestId('submit-follow-up').click();
  await page.locator('[data-testid="grievance"][data-state="in-follow-up"]').waitFor();

  // Closed, resolved.
  await page.getByTestId('open-close').click();
  await page.locator('[data-testid="step-close"] select[name="outcome"]').selectOption('resolved');
  await page.locator('[data-testid="step-close"] textarea').fill('Les commerçants ne sont plus inquiétés');
  await page.getByTestId('submit-close').click();
  await page.locator('[data-testid="grievance"][data-state="closed"]').waitFor();
  await expect(page.getByTestId('outcome').textContent()).resolves.toContain('Résolue');
  expect(
    await page
      .locator('[data-testid="notes"] li')
      .evaluateAll((l) => l.map((x) => x.getAttribute('data-kind'))),
  ).toEqual(['referral', 'follow-up', 'closure']);
  expect(await page.locator('[data-testid="open-refer"]').count()).toBe(0);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'security-grievance', true);

  const api = apiAs('ccs.segou', gw.url);
  const got = await api.get<Record<string, unknown>>(`/api/v1/grievances/${grievanceId}`);
  expect(got.status).toBe(200);
  expect(got.body).toMatchObject({
    ccsCode: 'CCS-SEGOU',
    channel: 'phone',
    category: 'threat',
    placeCode: 'ML-SEG-SEG-SEG',
    summary,
    state: 'closed',
    referral: { service: 'gendarmerie' },
    outcome: 'resolved',
    complainant: { name: complainant, phone: '+223 76 00 00 00', note: null },
    notes: [
      expect.objectContaining({ kind: 'referral', note: 'Transmise au commandant de brigade' }),
      expect.objectContaining({ kind: 'follow-up', note: 'Les auteurs présumés ont été convoqués' }),
      expect.objectContaining({ kind: 'closure', note: 'Les commerçants ne sont plus inquiétés' }),
    ],
  });

  // Her list: the grievance, with its days open, and never the complainant's identity.
  await page.goto(`${gw.url}/#/security/grievances`);
  const row = page.locator(`[data-testid="grievances"] li[data-id="${grievanceId}"]`);
  await row.waitFor();
  expect(await row.textContent()).toContain('Close après 0 jour(s)');
  expect(await page.locator('main').textContent()).not.toContain(complainant);
  const overdue = await page
    .locator('[data-testid="grievances"] li')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-overdue') === 'true'));
  // Overdue ones first: no overdue one after a grievance that is not.
  expect(overdue.indexOf(false) === -1 || !overdue.slice(overdue.indexOf(false)).includes(true)).toBe(true);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'security-grievances');
});

test('a place outside her territory is offered only on request, and the server refuses it beside the field', async () => {
  const refusedTheme = `Sensibilisation refusée ${tag}`;
  await page.goto(`${gw.url}/#/security/activities/new`);
  await page.getByTestId('record-activity').waitFor();
  await page.getByTestId('placeCode-search').fill('San');
  await page.getByTestId('placeCode-show-others').click();
  await page.locator('[data-testid="placeCode-options"] button[data-code="ML-SEG-SAN"]').click();
  await field('theme').fill(refusedTheme);
  await field('participants.total').fill('10');
  await field('participants.women').fill('5');
  await field('participants.youth').fill('5');
  await field('participants.fds').fill('0');
  await page.getByTestId('submit').click();
  await expect(fieldError('placeCode').textContent()).resolves.toContain(
    "Le lieu ML-SEG-SAN n'est pas dans le territoire du CCS CCS-SEGOU",
  );
  expect(await scrollsSideways(page)).toBe(false);
  await fieldError('placeCode').scrollIntoViewIfNeeded();
  await screenshot(page, 'security-activity-place-refused');
  const api = apiAs('ccs.segou', gw.url);
  const today = new Date().toISOString().slice(0, 10);
  const list = await api.get<{ items: { theme: string }[] }>(
    `/api/v1/ccs-activities?ccsCode=CCS-SEGOU&from=${today}&limit=100`,
  );
  expect(list.body.items.some((a) => a.theme === refusedTheme)).toBe(false);
});

test('offline, an activity is kept on the phone, shown waiting, and sent once when the network returns', async () => {
  const offlineTheme = `Réunion du CCS hors ligne ${tag}`;
  const api = apiAs('ccs.segou', gw.url);
  const onServer = async () =>
    (
      await api.get<{ items: { theme: string }[] }>(
        '/api/v1/ccs-activities?ccsCode=CCS-SEGOU&from=2023-11-20&to=2023-11-20&limit=100',
      )
    ).body.items.filter((a) => a.theme === offlineTheme).length;

  // A fresh form (the refused one above is still on the same address).
  await page.goto(`${gw.url}/#/security/activities`);
  await page.goto(`${gw.url}/#/security/activities/new`);
  await page.getByTestId('record-activity').waitFor();
  await context.setOffline(true);
  await page.getByTestId('network').filter({ hasText: 'Hors ligne' }).waitFor();
  await field('startOn').fill('20/11/2023');
  // The place search needs the network: she types the code she knows.
  await field('placeCode').fill('ML-SEG-SEG-SEG');
  await field('theme').fill(offlineTheme);
  await field('participants.total').fill('20');
  await field('participants.women').fill('8');
  await field('participants.youth').fill('5');
  await field('participants.fds').fill('2');
  await page.getByTestId('submit').click();
  const waiting = page.locator('[data-testid="waiting-activities"] li', { hasText: offlineTheme });
  await waiting.waitFor();
  await expect(waiting.textContent()).resolves.toContain('En attente d’envoi');
  await screenshot(page, 'security-activity-waiting');
  expect(await onServer()).toBe(0);

  await context.setOffline(false);
  await waiting.waitFor({ state: 'detached', timeout: 30_000 });
  expect(await onServer()).toBe(1);
});

test('an activity refused when the outbox sends it is reopened from the outbox, fixed and sent', async () => {
  const fixTheme = `Journée porte ouverte des FDS ${tag}`;
  const api = apiAs('ccs.segou', gw.url);
  const onServer = async () =>
    (
      await api.get<{ items: { theme: string; placeCode: string }[] }>(
        '/api/v1/ccs-activities?ccsCode=CCS-SEGOU&from=2023-11-21&to=2023-11-21&limit=100',
      )
    ).body.items.filter((a) => a.theme === fixTheme);

  await page.goto(`${gw.url}/#/security/activities`);
  await page.goto(`${gw.url}/#/security/activities/new`);
  await page.getByTestId('record-activity').waitFor();
  await context.setOffline(true);
  await page.getByTestId('network').filter({ hasText: 'Hors ligne' }).waitFor();
  await field('type').selectOption('fds-open-day');
  await field('startOn').fill('21/11/2023');
  await field('placeCode').fill('ML-SEG-SAN'); // San: another CCS's cercle
  await field('theme').fill(fixTheme);
  await field('participants.total').fill('30');
  await field('participants.women').fill('10');
  await field('participants.youth').fill('10');
  await field('participants.fds').fill('10');
  await page.getByTestId('submit').click();
  const item = page.locator('[data-testid="waiting-activities"] li', { hasText: fixTheme });
  await item.waitFor();
  await context.setOffline(false);
  // Sent when the network returns, refused by the server: it stays, with the server's message.
  await page
    .locator('[data-testid="waiting-activities"] li[data-status="refused"]', { hasText: fixTheme })
    .waitFor({
      timeout: 30_000,
    });
  expect(await item.textContent()).toContain("n'est pas dans le territoire du CCS CCS-SEGOU");

  await page.getByTestId('outbox-count').click();
  await page.locator('.outbox li', { hasText: fixTheme }).getByText('Corriger').click();
  await page.getByTestId('record-activity').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe('Corriger l’activité refusée');
  await expect(fieldError('placeCode').textContent()).resolves.toContain(
    "Le lieu ML-SEG-SAN n'est pas dans le territoire du CCS CCS-SEGOU",
  );
  await expect(field('theme').inputValue()).resolves.toBe(fixTheme);
  await expect(field('participants.total').inputValue()).resolves.toBe('30');
  await fieldError('placeCode').scrollIntoViewIfNeeded();
  await screenshot(page, 'security-activity-fix');
  await page.getByTestId('placeCode-chosen').getByRole('button').click();
  await pickPlace('segou', 'ML-SEG-SEG-SEG', 'ML-SEG-SEG');
  await page.getByTestId('submit').click();
  await page.getByTestId('activity').waitFor();
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 0');
  expect(await onServer()).toEqual([
    expect.objectContaining({ theme: fixTheme, placeCode: 'ML-SEG-SEG-SEG' }),
  ]);
});

test('offline, a grievance step waits on the grievance screen, no other step meanwhile, and is sent', async () => {
  const offlineSummary = `Conflit entre éleveurs et agriculteurs ${tag}`;
  await page.goto(`${gw.url}/#/security/grievances`);
  await page.goto(`${gw.url}/#/security/grievances/new`);
  await page.getByTestId('receive-grievance').waitFor();
  await field('category').selectOption('conflict');
  await pickPlace('segou', 'ML-SEG-SEG-SEG', 'ML-SEG-SEG');
  await field('summary').fill(offlineSummary);
  await page.getByTestId('submit').click();
  await page.getByTestId('grievance').waitFor();
  const id = (await page.getByTestId('grievance').getAttribute('data-id')) ?? '';
  await expect(page.getByTestId('identity').textContent()).resolves.toContain('Aucune identité enregistrée.');

  await context.setOffline(true);
  await page.getByTestId('open-refer').click();
  await page.locator('[data-testid="step-refer"] select[name="service"]').selectOption('mayor');
  await page.getByTestId('submit-refer').click();
  await page.locator('[data-testid="pending-steps"] li[data-status="waiting"]').waitFor();
  expect(await page.getByTestId('open-follow-up').count()).toBe(0);
  expect(await page.getByTestId('open-close').count()).toBe(0);
  await screenshot(page, 'security-grievance-step-waiting');

  await context.setOffline(false);
  await page
    .locator(`[data-testid="grievance"][data-id="${id}"][data-state="referred"]`)
    .waitFor({ timeout: 30_000 });
  await page.getByTestId('pending-steps').waitFor({ state: 'detached' });
  await expect(page.getByTestId('referral').textContent()).resolves.toContain('Transmise à Mairie le');
  const got = await apiAs('ccs.segou', gw.url).get<{ state: string; referral: { service: string } }>(
    `/api/v1/grievances/${id}`,
  );
  expect(got.body).toMatchObject({ state: 'referred', referral: { service: 'mayor' } });
});

test('ccs.nara, signed in after ccs.segou signs out, sees neither her activity nor her grievance', async () => {
  await signOut(page);
  await signIn(page, 'ccs.nara', gw.url);
  await page.goto(`${gw.url}/#/security/activities`);
  await page.getByTestId('activities').waitFor({ state: 'attached' });
  await page.getByText('Chargement…').waitFor({ state: 'detached' });
  await expect(page.locator('h1').textContent()).resolves.toBe('Activités du CCS-NARA');
  expect(await page.locator('main').textContent()).not.toContain(tag);
  expect(await page.locator(`[data-testid="activities"] li[data-id="${activityId}"]`).count()).toBe(0);

  await page.goto(`${gw.url}/#/security/grievances`);
  await page.getByTestId('grievances').waitFor({ state: 'attached' });
  await page.getByText('Chargement…').waitFor({ state: 'detached' });
  expect(await page.locator('main').textContent()).not.toContain(tag);

  // Opened by its address, the record is refused with the server's message.
  await page.goto(`${gw.url}/#/security/grievances/${grievanceId}`);
  await page.locator('main .error').waitFor();
  expect(await page.locator('main').textContent()).not.toContain(complainant);
  await screenshot(page, 'security-nara-refused');

  const api = apiAs('ccs.nara', gw.url);
  expect((await api.get(`/api/v1/ccs-activities/${activityId}`)).status).toBe(403);
  expect((await api.get(`/api/v1/grievances/${grievanceId}`)).status).toBe(403);
  const list = await api.get<{ items: { id: string }[] }>('/api/v1/grievances?limit=100');
  expect(list.body.items.some((g) => g.id === grievanceId)).toBe(false);
});
