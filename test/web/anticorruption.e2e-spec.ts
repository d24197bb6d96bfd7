import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tokenFor } from '@prosmed/testing';
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
} from './support/browser';

jest.setTimeout(180_000);

/**
 * The SNLCC action plan's circuit in a real browser at 360 x 740 against the real stack: the OCLEI focal
 * point proposes an update of her action with a budget in FCFA and a PDF as evidence, the Secrétariat
 * permanent consolidates it, the comité de pilotage returns it with a reason, she answers and resubmits,
 * it is consolidated again and validated; the committee closes a session of its own and reads its frozen
 * report. Every step is checked through the API. The plan's actions and the session are this run's own
 * (a run tag), imported and opened through the API: the database keeps earlier runs'.
 */
type Update = {
  id: string;
  state: string;
  period: string;
  status: string;
  progress: number;
  budgetSpent: number;
  version: number;
  comment: string;
  returnComment: string | null;
  indicatorValues: { indicatorId: string; value: number }[];
};
type Action = {
  code: string;
  title: string;
  responsibleCode: string;
  late: boolean;
  status: string;
  progress: number;
  budgetSpent: number;
  indicators: { id: string }[];
  updates: Update[];
};
type Page_<T> = { items: T[]; nextCursor: string | null };
type Report = { total: { executionRate: number; budgetPlanned: number; budgetSpent: number } };

const tag = randomBytes(3).toString('hex').toUpperCase();
const code = (n: number) => `ACT-W${tag}-0${n}`;
const [LATE, CURRENT, OTHER] = [code(1), code(2), code(3)];
const SESSION = `Session web ${tag}`;
const RETURN_REASON = `Joignez la liste de présence de l’atelier (${tag}).`;
const COLUMNS =
  'axe;objectif_specifique;objectif_specifique_libelle;objectif_operationnel;objectif_operationnel_libelle;' +
  'resultat;resultat_libelle;code_action;libelle_action;structure_responsable;structures_partenaires;' +
  'date_debut;date_fin;budget_fcfa;indicateur;unite;valeur_reference;cibles';
const row = (c: string, title: string, structure: string, end: string, budget: number) =>
  [
    'A2',
    `OS2-W${tag}`,
    `Objectif spécifique (essai web ${tag})`,
    `OO2.1-W${tag}`,
    `Objectif opérationnel (essai web ${tag})`,
    `R2.1.1-W${tag}`,
    `Résultat (essai web ${tag})`,
    c,
    title,
    structure,
    '',
    '2024-01-01',
    end,
    String(budget),
    'Ateliers tenus',
    'nombre',
    '0',
    '2026:4|2027:8',
  ].join(';');

let gw: AppProcess;
let svc: AppProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let updateId: string;
const started = Date.now();

beforeAll(async () => {
  // Settled one by one, so what did start is stopped by afterAll even when another part failed (a build
  // that fails must not leave the service and Chromium running, and jest waiting for them).
  const [g, s, b] = await Promise.allSettled([
    startWebGateway(),
    startServiceProcess('anticorruption'),
    launchChromium(),
  ]);
  if (g.status === 'fulfilled') gw = g.value;
  if (s.status === 'fulfilled') svc = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  for (const r of [g, s, b]) if (r.status === 'rejected') throw r.reason;
  // This run's actions: two of OCLEI (one ended in 2025, so late), one of MJDH; imported as the
  // Secrétariat would, from the plan's spreadsheet (the raw file is the body).
  const csv = [
    COLUMNS,
    row(LATE, `Former les agents de l’OCLEI (essai web ${tag})`, 'OCLEI', '2025-06-30', 45_000_000),
    row(CURRENT, `Publier les déclarations (essai web ${tag})`, 'OCLEI', '2027-12-31', 30_000_000),
    row(OTHER, `Former les magistrats (essai web ${tag})`, 'MJDH', '2027-12-31', 60_000_000),
  ].join('\n');
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${gw.url}/api/v1/plan/import?fileName=plan-web-${tag}.csv`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await tokenFor('snlcc.sp')}`,
        'Content-Type': 'text/csv',
        'Idempotency-Key': `plan-web-${tag}`,
      },
      body: Buffer.from(csv, 'utf8'),
    });
    if (res.status === 201) break;
    // The service may still be joining its consumer group.
    if (attempt > 20) throw new Error(`plan import: ${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 1500));
  }
  // A session of its own (its own title; closing it disturbs no other test).
  const session = await apiAs('snlcc.sp', gw.url).post<{ id: string }>('/api/v1/sessions', {
    title: SESSION,
    heldOn: new Date().toISOString().slice(0, 10),
    periodFrom: '2026-Q4',
    periodTo: '2026-Q4',
  });
  expect(session.status).toBe(201);
  context = await phoneContext(browser);
  page = await context.newPage();
}, 300_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await Promise.all([gw?.stop(), svc?.stop()]);
  console.log(`web anticorruption: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

const action = async (c: string, as = 'snlcc.sp') => {
  const r = await apiAs(as, gw.url).get<Action>(`/api/v1/actions/${c}`);
  expect(r.status).toBe(200);
  return r.body;
};
const theUpdate = async (as = 'snlcc.sp') => (await action(LATE, as)).updates.find((u) => u.id === updateId)!;
const spaces = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

async function allActions(as: string): Promise<Action[]> {
  const all: Action[] = [];
  for (let cursor: string | null = null; ;) {
    const r: { status: number; body: Page_<Action> } = await apiAs(as, gw.url).get<Page_<Action>>(
      `/api/v1/actions?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(r.status).toBe(200);
    all.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) return all;
  }
}

async function openTask(label: string) {
  await page.goto(`${gw.url}/#/`);
  await page.locator('[data-area="anticorruption"] .tasks a', { hasText: label }).click();
}

/** The Secrétariat or the committee finds this run's update in its queue. */
async function queueItem() {
  await page.getByTestId('queue').waitFor();
  await page.getByText('Chargement…').waitFor({ state: 'detached' });
  const li = page.locator(`[data-testid=queue] li[data-update="${updateId}"]`);
  await li.waitFor();
  return li;
}

test('the OCLEI focal point signs in on Keycloak and sees her structure’s actions, late ones first', async () => {
  await signIn(page, 'pf.oclei', gw.url);
  await expect(page.getByTestId('role').textContent()).resolves.toBe('Point focal');
  const tasks = await page.locator('[data-area="anticorruption"] .tasks a').allTextContents();
  expect(tasks).toEqual(['Les actions de ma structure']);
  await screenshot(page, 'ac-home-focal-point');

  const before = (await allActions('pf.oclei')).map((a) => a.code).sort();
  await openTask('Les actions de ma structure');
  await page.getByTestId('actions').waitFor();
  await page.getByText('Chargement…').waitFor({ state: 'detached' });
  await page.locator(`[data-testid=actions] li[data-code="${LATE}"]`).waitFor();
  const rows = await page
    .getByTestId('actions')
    .locator('li')
    .evaluateAll((lis) =>
      lis.map((li) => ({
        code: li.getAttribute('data-code') ?? '',
        late: li.getAttribute('data-late') === 'true',
      })),
    );
  const after = await allActions('pf.oclei');
  // Only OCLEI's (the API scopes her token; MJDH's action is not there), as the API lists them.
  expect(after.every((a) => a.responsibleCode === 'OCLEI')).toBe(true);
  expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining([LATE, CURRENT]));
  expect(rows.map((r) => r.code)).not.toContain(OTHER);
  if (JSON.stringify(before) === JSON.stringify(after.map((a) => a.code).sort())) {
    expect(rows.map((r) => r.code).sort()).toEqual(before);
  }
  // Late ones first, with the API's own lateness.
  const late = new Map(after.map((a) => [a.code, a.late]));
  expect(rows.map((r) => r.late)).toEqual(rows.map((r) => late.get(r.code)));
  const firstOnTime = rows.findIndex((r) => !r.late);
  expect(rows.slice(firstOnTime < 0 ? rows.length : firstOnTime).some((r) => r.late)).toBe(false);
  expect(rows.find((r) => r.code === LATE)?.late).toBe(true);
  expect(rows.find((r) => r.code === CURRENT)?.late).toBe(false);
  const lateRow = page.locator(`[data-testid=actions] li[data-code="${LATE}"]`);
  expect(spaces(await lateRow.textContent())).toContain('Fin le 30/06/2025');
  expect(spaces(await lateRow.textContent())).toContain('0 FCFA dépensés sur 45 000 000 FCFA');
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'ac-actions-focal-point');

  // MJDH's action typed in the address: the "not found or not yours" screen, none of its data.
  await page.goto(`${gw.url}/#/anticorruption/actions/${OTHER}`);
  await page.getByTestId('action-not-found').waitFor();
  await expect(page.locator('main h1').textContent()).resolves.toBe(
    'Action introuvable, ou hors de votre structure.',
  );
  expect(await page.locator('main').textContent()).not.toContain('magistrats');
  await screenshot(page, 'ac-action-not-yours');
});

test('she proposes an update with a budget in FCFA (decimals refused) and attaches a PDF', async () => {
  await page.goto(`${gw.url}/#/anticorruption/actions/${LATE}`);
  await page.getByTestId('action').waitFor();
  await page.locator('a', { hasText: 'Proposer une mise à jour' }).click();
  const form = page.getByTestId('update-form');
  await form.waitFor();
  await expect(page.locator('[name="period"]').inputValue()).resolves.toBe('2026-Q4');
  await page.locator('[name="status"]').selectOption('en cours');
  await page.locator('[name="progress"]').fill('40');
  await page.locator('[name="indicatorValues[0].value"]').fill('3');
  await page.locator('[name="comment"]').fill(`Deux ateliers tenus sur quatre (${tag}).`);
  // A decimal amount is refused as she types, and the form is not sent.
  await page.locator('[name="budgetSpent"]').fill('2500000,50');
  await expect(page.getByTestId('fcfa-preview').textContent()).resolves.toBe(
    'Un montant en FCFA est un nombre entier, sans décimales.',
  );
  await form.locator('button[type=submit]').click();
  await page.locator('[data-field="budgetSpent"] p.error').waitFor();
  expect((await action(LATE, 'pf.oclei')).updates).toHaveLength(0);
  await page.locator('[name="budgetSpent"]').fill('2500000');
  expect(spaces(await page.getByTestId('fcfa-preview').textContent())).toBe('Soit 2 500 000 FCFA');
  // What only the server checks (a comment over 2 000 characters): its French message beside the field.
  await page.locator('[name="comment"]').fill('x'.repeat(2001));
  await form.locator('button[type=submit]').click();
  const tooLong = page.locator('[data-field="comment"] p.error');
  await tooLong.waitFor();
  expect(await tooLong.textContent()).toMatch(/2\s?000/);
  await expect(page.locator('.form-error').textContent()).resolves.toMatch(/^La requête/);
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 0');
  expect((await action(LATE, 'pf.oclei')).updates).toHaveLength(0);
  await page.locator('[name="comment"]').fill(`Deux ateliers tenus sur quatre (${tag}).`);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'ac-propose-update', true);
  await form.locator('button[type=submit]').click();

  const li = page.locator(`[data-testid=updates] li[data-period="2026-Q4"]`);
  await li.waitFor();
  await expect(li.getAttribute('data-state')).resolves.toBe('proposed');
  const a = await action(LATE, 'pf.oclei');
  expect(a.updates).toHaveLength(1);
  const u = a.updates[0];
  updateId = u.id;
  expect(u).toMatchObject({
    state: 'proposed',
    period: '2026-Q4',
    status: 'en cours',
    progress: 40,
    budgetSpent: 2_500_000,
  });
  expect(u.indicatorValues).toEqual([{ indicatorId: a.indicators[0].id, value: 3 }]);
  // Only validated values count: the action itself is unchanged.
  expect([a.status, a.progress, a.budgetSpent]).toEqual(['non démarrée', 0, 0]);

  // Evidence: a file over 5 MB is stopped before sending; a small PDF is attached.
  const file = li.locator('input[type=file]');
  await file.setInputFiles({
    name: 'trop-gros.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 0x20),
  });
  await expect(li.locator('[data-field=evidence] p.error').textContent()).resolves.toBe(
    'Le fichier « trop-gros.pdf » dépasse 5 Mo : il n’a pas été envoyé.',
  );
  const pdf = Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${tag}\ntrailer <<>>\n%%EOF\n`);
  await file.setInputFiles({ name: 'liste-de-presence.pdf', mimeType: 'application/pdf', buffer: pdf });
  await li.locator('li[data-file="liste-de-presence.pdf"]').waitFor();
  const evidence = await apiAs('pf.oclei', gw.url).get<{
    items: { fileName: string; kind: string; size: number }[];
  }>(`/api/v1/updates/${updateId}/evidence`);
  expect(evidence.body.items.map((e) => [e.fileName, e.kind, e.size])).toEqual([
    ['liste-de-presence.pdf', 'pdf', pdf.length],
  ]);
  // A file the server does not take (its type read from its content) shows the server's refusal.
  await file.setInputFiles({
    name: 'programme.exe',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
  });
  await li.locator('[data-field=evidence] p.error').waitFor();
  expect(await li.locator('[data-field=evidence] p.error').textContent()).toMatch(/[a-zé]{3}/);
  expect(
    (await apiAs('pf.oclei', gw.url).get<{ items: unknown[] }>(`/api/v1/updates/${updateId}/evidence`)).body
      .items,
  ).toHaveLength(1);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'ac-action-proposed', true);
});

test('an update proposed with no network waits on the phone and is sent once when the network returns', async () => {
  await page.goto(`${gw.url}/#/anticorruption/actions/${CURRENT}/propose`);
  const form = page.getByTestId('update-form');
  await form.waitFor();
  await context.setOffline(true);
  await page.getByTestId('network').filter({ hasText: 'Hors ligne' }).waitFor();
  await page.locator('[name="progress"]').fill('10');
  await page.locator('[name="budgetSpent"]').fill('750000');
  await page.locator('[name="comment"]').fill(`Termes de référence rédigés (${tag}).`);
  await form.locator('button[type=submit]').click();
  // Kept on the device, shown as waiting in her list, nothing on the server.
  await page.locator('[data-testid=waiting-updates] li[data-status="waiting"]').waitFor();
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 1');
  await screenshot(page, 'ac-update-waiting');
  expect((await action(CURRENT, 'pf.oclei')).updates).toHaveLength(0);

  await context.setOffline(false);
  await page.getByTestId('outbox-count').filter({ hasText: 'En attente 0' }).waitFor({ timeout: 30_000 });
  await page.evaluate('window.dispatchEvent(new Event("online"))');
  await new Promise((r) => setTimeout(r, 1500));
  const sent = (await action(CURRENT, 'pf.oclei')).updates;
  expect(sent.map((u) => [u.period, u.state, u.progress, u.budgetSpent])).toEqual([
    ['2026-Q4', 'proposed', 10, 750_000],
  ]);
  await signOut(page);
});

test('the Secrétariat permanent consolidates it', async () => {
  await signIn(page, 'snlcc.sp', gw.url);
  await openTask('Mises à jour à consolider');
  const li = await queueItem();
  expect(spaces(await li.textContent())).toContain('2 500 000 FCFA');
  await li.locator('li[data-file="liste-de-presence.pdf"]').waitFor();
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'ac-queue-secretariat');
  await li.getByTestId('consolidate').click();
  await page.getByTestId('step-done').waitFor();
  await li.waitFor({ state: 'detached' });
  expect((await theUpdate()).state).toBe('consolidated');
  await signOut(page);
});

test('the comité de pilotage returns it, a reason being required', async () => {
  await signIn(page, 'copil.membre', gw.url);
  await openTask('Mises à jour à valider');
  const li = await queueItem();
  await li.getByTestId('return').click();
  await expect(li.locator('[data-field=comment] p.error').textContent()).resolves.toBe(
    'Le motif du renvoi est obligatoire.',
  );
  expect((await theUpdate()).state).toBe('consolidated');
  // The server's own refusal (a reason over 2 000 characters) is shown beside the field too.
  await li.locator('textarea[name=comment]').fill('y'.repeat(2001));
  await li.getByTestId('return').click();
  await li.locator('[data-field=comment] p.error', { hasText: /2\s?000/ }).waitFor();
  expect((await theUpdate()).state).toBe('consolidated');
  await li.locator('textarea[name=comment]').fill(RETURN_REASON);
  await screenshot(page, 'ac-queue-committee');
  await li.getByTestId('return').click();
  await li.waitFor({ state: 'detached' });
  const u = await theUpdate();
  expect([u.state, u.returnComment]).toEqual(['returned', RETURN_REASON]);
  await signOut(page);
});

test('the focal point reads why, answers and resubmits', async () => {
  await signIn(page, 'pf.oclei', gw.url);
  await page.goto(`${gw.url}/#/anticorruption/actions/${LATE}`);
  const li = page.locator(`[data-testid=updates] li[data-update="${updateId}"]`);
  await li.waitFor();
  await expect(li.getAttribute('data-state')).resolves.toBe('returned');
  await expect(li.getByTestId('return-comment').textContent()).resolves.toBe(
    `Renvoyée par le comité : « ${RETURN_REASON} »`,
  );
  expect(await page.getByTestId('history').textContent()).toContain(RETURN_REASON);
  // Seen at the top of the action, without scrolling.
  await expect(page.getByTestId('returned-banner').isVisible()).resolves.toBe(true);
  expect(await page.getByTestId('returned-banner').textContent()).toContain(RETURN_REASON);
  expect((await page.getByTestId('returned-banner').boundingBox())!.y).toBeLessThan(740);
  await screenshot(page, 'ac-action-returned');
  await li.getByTestId('resubmit').click();
  const form = page.getByTestId('update-form');
  await form.waitFor();
  // The returned values are there to correct.
  await expect(page.locator('[name="progress"]').inputValue()).resolves.toBe('40');
  expect(spaces(await page.locator('[name="budgetSpent"]').inputValue())).toBe('2 500 000');
  await page.locator('[name="progress"]').fill('60');
  await page.locator('[name="budgetSpent"]').fill('4 000 000');
  await page.locator('[name="comment"]').fill(`Liste de présence jointe ; troisième atelier tenu (${tag}).`);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'ac-resubmit', true);
  await form.locator('button[type=submit]').click();
  await page
    .locator(`[data-testid=updates] li[data-update="${updateId}"][data-state="resubmitted"]`)
    .waitFor();
  const u = await theUpdate('pf.oclei');
  expect(u).toMatchObject({ state: 'resubmitted', progress: 60, budgetSpent: 4_000_000 });
  await signOut(page);
});

test('the Secrétariat consolidates it again and the committee validates it', async () => {
  await signIn(page, 'snlcc.sp', gw.url);
  await openTask('Mises à jour à consolider');
  const li = await queueItem();
  await li.getByTestId('consolidate').click();
  await li.waitFor({ state: 'detached' });
  expect((await theUpdate()).state).toBe('consolidated');
  await signOut(page);

  await signIn(page, 'copil.membre', gw.url);
  await openTask('Mises à jour à valider');
  const again = await queueItem();
  expect(spaces(await again.textContent())).toContain('4 000 000 FCFA');
  await again.getByTestId('validate').click();
  await again.waitFor({ state: 'detached' });
  expect((await theUpdate()).state).toBe('validated');
  // Now it counts: the action shows the validated values.
  const a = await action(LATE);
  expect([a.status, a.progress, a.budgetSpent]).toEqual(['en cours', 60, 4_000_000]);
  await page.goto(`${gw.url}/#/anticorruption/actions/${LATE}`);
  await expect(page.getByTestId('action-status').textContent()).resolves.toBe(
    'Statut validé : en cours · avancement 60 %',
  );
  expect(spaces(await page.getByTestId('action-budget').textContent())).toBe(
    'Budget : 4 000 000 FCFA dépensés sur 45 000 000 FCFA',
  );
  // Read only: the committee has none of the focal point's buttons.
  expect(await page.locator('a', { hasText: 'Proposer une mise à jour' }).count()).toBe(0);
  expect(await page.locator('input[type=file]').count()).toBe(0);
});

test('the committee closes its session after a confirmation and reads the frozen report', async () => {
  await openTask('Sessions du comité de pilotage');
  const li = page.locator(`[data-testid=sessions] li[data-title="${SESSION}"]`);
  await li.waitFor();
  await expect(li.getAttribute('data-state')).resolves.toBe('open');
  await li.getByTestId('close-session').click();
  await li.getByTestId('confirm-close').waitFor();
  await screenshot(page, 'ac-session-confirm');
  await li.getByTestId('confirm-yes').click();
  await page.locator(`[data-testid=sessions] li[data-title="${SESSION}"][data-state="closed"]`).waitFor();
  const sessions = await apiAs('copil.membre', gw.url).get<{
    items: { id: string; title: string; state: string }[];
  }>('/api/v1/sessions');
  const s = sessions.body.items.find((x) => x.title === SESSION)!;
  expect(s.state).toBe('closed');

  await page.locator(`[data-testid=sessions] li[data-title="${SESSION}"]`).getByTestId('read-report').click();
  await page.getByTestId('session-report').waitFor();
  await page.getByTestId('report-session').filter({ hasText: SESSION }).waitFor();
  const report = await apiAs('copil.membre', gw.url).get<Report>(`/api/v1/sessions/${s.id}/report`);
  expect(report.status).toBe(200);
  const total = page.getByTestId('report-total');
  const fr1 = (n: number) =>
    n.toLocaleString('fr-FR', { maximumFractionDigits: 1 }).replace(/[\u00a0\u202f]/g, ' ');
  const fcfa = (n: number) => `${n.toLocaleString('fr-FR').replace(/[\u00a0\u202f]/g, ' ')} FCFA`;
  expect(spaces(await total.getByTestId('execution-rate').textContent())).toBe(
    `${fr1(report.body.total.executionRate)} %`,
  );
  expect(spaces(await total.getByTestId('budget-planned').textContent())).toBe(
    fcfa(report.body.total.budgetPlanned),
  );
  expect(spaces(await total.getByTestId('budget-spent').textContent())).toBe(
    fcfa(report.body.total.budgetSpent),
  );
  expect(report.body.total.budgetSpent).toBeGreaterThanOrEqual(4_000_000);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'ac-session-report');
  await signOut(page);
});
