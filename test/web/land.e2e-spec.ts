import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
import { fileThroughSteps, typed } from './support/land';

jest.setTimeout(120_000);

/**
 * The land screens in a real browser against the real stack, as the CoFo secretary of San and the clerk of
 * the tribunal of San: a case filed step by step with the place picker, a session and a conciliation PV
 * with marks, the printed PV, the homologation request, the clerk's decision; every record checked through
 * the API. secretaire.san and greffier.san only (the foundation test signs in the Ségou users).
 */
let gw: AppProcess;
let land: AppProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const tag = randomUUID().slice(0, 8);
const started = Date.now();
/** A village of the commune of San with an accent in its name, imported once (identical rows are skipped). */
const VILLAGE = { code: 'ML-SEG-SAN-SAN-W01', name: 'Ségoubougou' };
const todayUtc = () => new Date().toISOString().slice(0, 10);

interface Case {
  id: string;
  number: string;
  state: string;
  version: number;
  disputeType: string;
  land: { villageCode: string; description: string };
  partiesList: {
    id: string;
    name: string;
    sex: string | null;
    ageGroup: string;
    role: string;
    kind: string;
    memberCount: number | null;
  }[];
  steps: { kind: string; date: string; membersPresent: string[]; summary: string }[];
  referral: { court: string | null; referredOn: string | null } | null;
  pvs: {
    id: string;
    kind: string;
    status: string;
    marks: { partyId: string; kind: string }[];
    memberMarks: { name: string; kind: string }[];
    agreedPoints: string[];
    stepsTried: string[];
    failureReason: string | null;
    homologation: {
      decision: string | null;
      decisionNumber: string | null;
      decisionDate: string | null;
    } | null;
  }[];
}

const secretary = () => apiAs('secretaire.san', gw.url);
let caseId = '';
/** The case sent 40 days ago: decided at the end, so runs do not pile up in the tribunal's queue. */
let overdueCase: Case | undefined;

beforeAll(async () => {
  [gw, land, browser] = await startAll(
    startWebGateway(),
    startServiceProcess('land-conciliation'),
    launchChromium(),
  );
  const imported = await apiAs('admin.prosmed', gw.url).post('/api/v1/places/import', {
    csv: `code,name,level,parent_code,map,valid_from,valid_to\n${VILLAGE.code},${VILLAGE.name},village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23`,
  });
  expect([200, 201]).toContain(imported.status);
  context = await phoneContext(browser);
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await Promise.all([gw?.stop(), land?.stop()]);
  console.log(`web land: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

async function readCase(id: string, as = 'secretaire.san'): Promise<Case> {
  const r = await apiAs(as, gw.url).get<Case>(`/api/v1/cases/${id}`);
  expect(r.status).toBe(200);
  return r.body;
}

/** The case screen shows this state (after a command, the app comes back to it and reads it again). */
async function caseInState(state: string): Promise<void> {
  await page.locator(`[data-testid="case"][data-state="${state}"]`).waitFor({ timeout: 20_000 });
}

test('the secretary files a case step by step; the place picker finds her villages without accents, only hers', async () => {
  await signIn(page, 'secretaire.san', gw.url);
  await page.locator('[data-area="land"] .tasks a', { hasText: 'Enregistrer une saisine' }).click();
  await page.getByTestId('file-case').waitFor();
  // Dates as people write them here, whatever the browser's language.
  await expect(page.locator('[name="filedOn"]').inputValue()).resolves.toBe(typed(todayUtc()));
  await screenshot(page, 'land-file-step1');

  // The picker first, on its own: "Segou" typed without accent finds the village of San with one, and
  // never the Ségou of another CoFo (commune, cercle, région: all in the API's answer).
  await page.locator('[name="summary"]').fill('x');
  await page.getByTestId('next').click();
  await page.locator('[name="parties[0].name"]').fill('x');
  await page.locator('[name="parties[0].sex"]').selectOption('F');
  await page.locator('[name="parties[1].name"]').fill('x');
  await page.locator('[name="parties[1].sex"]').selectOption('M');
  await page.getByTestId('next').click();
  await page.getByTestId('place-search').fill('Segou');
  const choices = page.locator('[data-testid="place-choices"] button');
  await choices.first().waitFor();
  await page.waitForTimeout(800); // the API's answer after the local one
  const offered = await choices.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-code')));
  expect(offered).toEqual([VILLAGE.code]);
  const api = await apiAs('secretaire.san', gw.url).get<{ code: string }[]>(
    '/api/v1/places?q=Segou&limit=100',
  );
  expect(api.body.map((p) => p.code)).toEqual(expect.arrayContaining(['ML-SEG-SEG-SEG', VILLAGE.code]));
  await screenshot(page, 'land-place-picker');
  expect(await scrollsSideways(page)).toBe(false);

  // Now the whole filing, from the start.
  await page.goto(`${gw.url}/#/`);
  await page.goto(`${gw.url}/#/land/cases/new`);
  const summary = `Héritage contesté ${tag}`;
  await fileThroughSteps(page, {
    disputeType: 'heritage-succession',
    summary,
    parties: [
      { name: `Awa Coulibaly ${tag}`, sex: 'F', ageGroup: 'youth-15-35' },
      { name: 'Bakary Diarra', sex: 'M', ageGroup: 'adult-36-59' },
      { name: 'Famille Dembélé', role: 'temoin', group: 8 },
    ],
    place: { typed: 'segoub', code: VILLAGE.code },
    description: 'Champ de mil au bord du marigot',
  });
  await page.getByTestId('case').waitFor({ timeout: 20_000 });
  caseId = decodeURIComponent(new URL(page.url()).hash.split('/')[3]);

  const found = await secretary().get<{ items: { id: string; number: string }[] }>(
    `/api/v1/cases?cofoCode=SAN01&q=${encodeURIComponent(tag)}`,
  );
  expect(found.body.items.map((c) => c.id)).toEqual([caseId]);
  const c = await readCase(caseId);
  expect(c.number).toMatch(/^COFO-SAN01-\d{4}-\d{4}$/);
  expect([c.state, c.disputeType, c.land.villageCode]).toEqual([
    'filed',
    'heritage-succession',
    VILLAGE.code,
  ]);
  expect(c.partiesList.map((p) => [p.kind, p.sex, p.ageGroup, p.role, p.memberCount])).toEqual([
    ['person', 'F', 'youth-15-35', 'demandeur', null],
    ['person', 'M', 'adult-36-59', 'defendeur', null],
    ['group', null, 'unknown', 'temoin', 8],
  ]);
  await expect(page.locator('h1').textContent()).resolves.toBe(c.number);
  await screenshot(page, 'land-case-filed', true);

  // Her list: the case, linked, among her CoFo's only.
  await page.goto(`${gw.url}/#/land/cases`);
  const row = page.locator(`[data-testid="cases"] li[data-id="${caseId}"]`);
  await row.waitFor();
  const numbers = await page
    .getByTestId('cases')
    .locator('li')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-number') ?? ''));
  expect(numbers.every((n) => n.startsWith('COFO-SAN01-'))).toBe(true);
  await screenshot(page, 'land-my-cases');
});

test('a refusal shows the server French message beside its field, on the step that has it', async () => {
  await page.goto(`${gw.url}/#/land/cases/new`);
  await fileThroughSteps(page, {
    filedOn: '2099-01-15',
    summary: `Refus ${tag}`,
    parties: [
      { name: 'Awa Coulibaly', sex: 'F' },
      { name: 'Moussa Keita', sex: 'M' },
    ],
    place: { typed: 'san', code: 'ML-SEG-SAN-SAN' },
    description: 'Champ',
  });
  await page.locator('[data-testid="wizard-step"][data-step="case"]').waitFor();
  const fieldError = page.locator('[data-field="filedOn"] .error');
  await fieldError.waitFor();
  expect(await fieldError.textContent()).toContain('est dans le futur');
  // Refused at once: the form keeps it, the outbox does not.
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 0');
  await screenshot(page, 'land-file-refused');

  // A filing without a défendeur never leaves the phone: the parties step says what is missing.
  await page.locator('[name="filedOn"]').fill(typed(todayUtc()));
  await page.getByTestId('next').click();
  await page.locator('[name="parties[1].role"]').selectOption('temoin');
  await page.getByTestId('next').click();
  await expect(page.locator('[data-field="parties"]').textContent()).resolves.toBe(
    'Il faut au moins un demandeur et un défendeur.',
  );
});

test('she records a session and a conciliation PV with every mark, prints it, and sends it for homologation', async () => {
  await page.goto(`${gw.url}/#/land/cases/${caseId}`);
  await caseInState('filed');

  // A conciliation session.
  await page.locator('[data-action="step"]').click();
  await page.getByTestId('step-form').waitFor();
  await page.locator('[name="kind"]').selectOption('conciliation-session');
  await page.locator('[name="membersPresent"]').fill('Moussa Keïta\nFatoumata Coulibaly');
  await page.locator('[name="summary"]').fill(`Première séance, les deux parties présentes ${tag}`);
  await screenshot(page, 'land-step-form');
  await page.getByTestId('save').click();
  await caseInState('in-instruction');
  let c = await readCase(caseId);
  expect(c.steps.map((s) => [s.kind, s.membersPresent])).toEqual([
    ['conciliation-session', ['Moussa Keïta', 'Fatoumata Coulibaly']],
  ]);

  // The PV de conciliation: points agreed, each party's mark, each member's mark.
  await page.locator('[data-action="pv"]').click();
  await page.getByTestId('pv-form').waitFor();
  await page.locator('[name="membersPresent[0].name"]').fill('Moussa Keïta');
  await page.locator('[name="membersPresent[0].role"]').fill('président');
  await page.locator('[name="member-mark-0"]').selectOption('signature');
  await page.getByTestId('add-member').click();
  await page.locator('[name="membersPresent[1].name"]').fill('Fatoumata Coulibaly');
  await page.locator('[name="membersPresent[1].role"]').fill('secrétaire');
  await page.locator('[name="member-mark-1"]').selectOption('thumbprint');
  await page
    .locator('[name="agreedPoints"]')
    .fill('Le champ est partagé en deux parts égales\nLa limite suit les karités');
  await page.locator('[name="party-mark-0"]').selectOption('signature');
  await page.locator('[name="party-mark-1"]').selectOption('thumbprint');
  await page.locator('[name="party-mark-2"]').selectOption('represented');
  await page.locator('[name="party-represented-2"]').fill('Le chef de famille');
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'land-pv-form', true);
  await page.getByTestId('save').click();
  await caseInState('conciliated');
  c = await readCase(caseId);
  const [a, b, w] = c.partiesList.map((p) => p.id);
  expect(c.pvs).toHaveLength(1);
  expect(c.pvs[0]).toMatchObject({
    kind: 'conciliation',
    status: 'in-force',
    agreedPoints: ['Le champ est partagé en deux parts égales', 'La limite suit les karités'],
    marks: [
      { partyId: a, kind: 'signature' },
      { partyId: b, kind: 'thumbprint' },
      { partyId: w, kind: 'represented', representedBy: 'Le chef de famille' },
    ],
    memberMarks: [
      { name: 'Moussa Keïta', kind: 'signature' },
      { name: 'Fatoumata Coulibaly', kind: 'thumbprint' },
    ],
  });

  // The printed PV: fetched with the token, handed over as a file; it is a PDF.
  const [response, download] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/v1/pvs/${c.pvs[0].id}.pdf`)),
    page.waitForEvent('download'),
    page.locator('[data-action="pdf"]').click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('application/pdf');
  // The file the phone gets is the one the API sent: a PDF (its body read from the download itself).
  const pdf = await readFile((await download.path()) ?? '');
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1000);
  expect(download.suggestedFilename()).toBe(`PV-${c.number}-v1.pdf`);
  await screenshot(page, 'land-case-conciliated', true);

  // Sent to the tribunal of San.
  await page.locator('[data-action="homologation"]').click();
  await page.getByTestId('homologation-form').waitFor();
  await screenshot(page, 'land-homologation-request');
  await page.getByTestId('save').click();
  await caseInState('homologation-requested');
  c = await readCase(caseId);
  expect(c.state).toBe('homologation-requested');
});

test('a command refused when the outbox sends it is fixed from the outbox in its own form', async () => {
  // Another case of hers (filed through the API), whose step is typed with no network and a wrong date.
  const filed = await secretary().post<{ id: string }>('/api/v1/cases', {
    cofoCode: 'SAN01',
    filedOn: todayUtc(),
    disputeType: 'limites-de-champs',
    summary: `Limite ${tag}`,
    parties: [
      { kind: 'person', name: 'Awa Traoré', sex: 'F', role: 'demandeur' },
      { kind: 'person', name: 'Issa Sangaré', sex: 'M', role: 'defendeur' },
    ],
    land: { villageCode: VILLAGE.code, description: 'Champ' },
  });
  expect(filed.status).toBe(201);
  const id = filed.body.id;
  await page.goto(`${gw.url}/#/land/cases/${id}/step`);
  await page.getByTestId('step-form').waitFor();
  await context.setOffline(true);
  await page.locator('[name="date"]').fill('01/02/2099');
  await page.locator('[name="membersPresent"]').fill('Moussa Keïta');
  await page.locator('[name="summary"]').fill('Visite');
  await page.getByTestId('save').click();
  await page.getByTestId('case').waitFor(); // the copy read before, and the step waiting
  await expect(page.getByTestId('outbox-count').textContent()).resolves.toBe('En attente 1');
  await context.setOffline(false);

  await page.goto(`${gw.url}/#/outbox`);
  const refused = page.locator('.outbox li[data-status="refused"]');
  await refused.waitFor({ timeout: 30_000 });
  await expect(
    refused.locator('[data-testid="refusal"] li[data-field="date"]').textContent(),
  ).resolves.toContain('futur');
  await screenshot(page, 'land-outbox-refused');
  await refused.getByRole('link', { name: 'Corriger' }).click();
  await page.getByTestId('step-form').waitFor();
  await expect(page.locator('[data-field="date"] .error').textContent()).resolves.toContain('futur');
  await screenshot(page, 'land-outbox-fix');
  await page.locator('[name="date"]').fill(typed(todayUtc()));
  await page.getByTestId('save').click();
  await page.getByTestId('case').waitFor();
  await page.getByTestId('outbox-count').filter({ hasText: 'En attente 0' }).waitFor({ timeout: 15_000 });
  const c = await readCase(id);
  expect(c.steps.map((s) => [s.kind, s.date])).toEqual([['conciliation-session', todayUtc()]]);
});

/** A case of hers filed through the API (the screens under test come after). */
async function fileByApi(summary: string, filedOn = todayUtc()): Promise<Case> {
  const filed = await secretary().post<Case>('/api/v1/cases', {
    cofoCode: 'SAN01',
    filedOn,
    disputeType: 'agriculteurs-eleveurs',
    summary,
    parties: [
      { kind: 'person', name: 'Aminata Dembélé', sex: 'F', role: 'demandeur' },
      { kind: 'person', name: 'Hamadoun Barry', sex: 'M', role: 'defendeur' },
    ],
    land: { villageCode: VILLAGE.code, description: 'Champ traversé par les troupeaux' },
  });
  expect(filed.status).toBe(201);
  return filed.body;
}

test('a PV at the tribunal past the configured delay is overdue, first in her list, by the API flag', async () => {
  // Filed, concluded and sent 40 days ago: the homologation has waited past the 30 days of the service.
  const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  let c = await fileByApi(`En retard ${tag}`, day(45));
  const pv = await secretary().post<Case>(`/api/v1/cases/${c.id}/pvs`, {
    version: c.version,
    kind: 'conciliation',
    drawnUpOn: day(42),
    membersPresent: [{ name: 'Moussa Keïta', role: 'président' }],
    agreedPoints: ['Le passage des troupeaux suit le couloir balisé'],
    marks: c.partiesList.map((p) => ({ partyId: p.id, kind: 'thumbprint' })),
  });
  expect(pv.status).toBe(200);
  c = pv.body;
  const sent = await secretary().post<Case>(`/api/v1/cases/${c.id}/homologation-request`, {
    version: c.version,
    requestedOn: day(40),
  });
  expect(sent.status).toBe(200);
  overdueCase = sent.body;

  await page.goto(`${gw.url}/#/land/cases`);
  const row = page.locator(`[data-testid="cases"] li[data-id="${c.id}"]`);
  await row.locator('.overdue').waitFor();
  await expect(row.locator('.overdue-hint').textContent()).resolves.toBe(
    'PV au tribunal depuis 40 jour(s), sans décision',
  );
  const rows = await page
    .getByTestId('cases')
    .locator('li')
    .evaluateAll((lis) => lis.map((li) => li.querySelector('.overdue') !== null));
  const firstOnTime = rows.indexOf(false);
  expect(rows.slice(firstOnTime < 0 ? rows.length : firstOnTime)).not.toContain(true);
  // The flag is the API's: every case flagged is one the homologation queue calls overdue.
  const late = await secretary().get<{ items: { caseId: string; overdue: boolean }[] }>(
    '/api/v1/homologations?status=overdue&limit=100',
  );
  expect(late.body.items.find((i) => i.caseId === c.id)?.overdue).toBe(true);
  await screenshot(page, 'land-my-cases-overdue');
});

test('a PV de non-conciliation, then the referral to the tribunal', async () => {
  const c = await fileByApi(`Non-conciliation ${tag}`);
  await page.goto(`${gw.url}/#/land/cases/${c.id}/pv`);
  await page.getByTestId('pv-form').waitFor();
  await page.locator('[name="kind"]').selectOption('non-conciliation');
  await page.locator('[name="membersPresent[0].name"]').fill('Moussa Keïta');
  await page.locator('[name="membersPresent[0].role"]').fill('président');
  await page.locator('[name="member-mark-0"]').selectOption('signature');
  await page.locator('[name="stepsTried"]').fill('Deux séances de conciliation\nVisite du couloir');
  await page.locator('[name="failureReason"]').fill('Le défendeur refuse tout partage');
  await page.getByTestId('save').click();
  await caseInState('not-conciliated');
  await page.locator('[data-action="referral"]').click();
  await page.getByTestId('referral-form').waitFor();
  await page.locator('[name="court"]').fill("Tribunal d'instance de San");
  await screenshot(page, 'land-referral-form');
  await page.getByTestId('save').click();
  await caseInState('referred');
  const after = await readCase(c.id);
  expect(after.pvs[0]).toMatchObject({
    kind: 'non-conciliation',
    stepsTried: ['Deux séances de conciliation', 'Visite du couloir'],
    failureReason: 'Le défendeur refuse tout partage',
    memberMarks: [{ name: 'Moussa Keïta', kind: 'signature' }],
  });
  expect(after.referral).toMatchObject({ court: "Tribunal d'instance de San", referredOn: todayUtc() });
});

test('the clerk of San signs in after her, sees the PVs sent to her tribunal oldest first, and homologates it', async () => {
  await signOut(page);
  await signIn(page, 'greffier.san', gw.url);
  await page.locator('.tasks a', { hasText: 'PV transmis à mon tribunal' }).click();
  const item = page.locator(`[data-testid="homologations"] li[data-case="${caseId}"]`);
  await item.waitFor();
  const shown = await page
    .getByTestId('homologations')
    .locator('li')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-case')));
  const queue = await apiAs('greffier.san', gw.url).get<{ items: { caseId: string; requestedOn: string }[] }>(
    '/api/v1/homologations?status=pending&limit=100',
  );
  // Oldest first by the date each PV was sent (the API pages by the moment the request was recorded).
  const byId = new Map(queue.body.items.map((i) => [i.caseId, i.requestedOn]));
  const dates = shown.map((id) => byId.get(id ?? '') ?? '');
  expect(dates).toEqual([...dates].sort());
  expect([...shown].sort()).toEqual(queue.body.items.map((i) => i.caseId).sort());
  await screenshot(page, 'land-clerk-queue');

  await item.locator('a').click();
  await caseInState('homologation-requested');
  await page.locator('[data-action="decision"]').click();
  await page.getByTestId('decision-form').waitFor();
  await page.locator('[name="decision"]').selectOption('homologated');
  await page.locator('[name="decisionNumber"]').fill(`HOM-${tag}`);
  await screenshot(page, 'land-decision-form');
  await page.getByTestId('save').click();
  await caseInState('homologated');
  await expect(page.getByTestId('homologation').textContent()).resolves.toContain(`HOM-${tag}`);
  await screenshot(page, 'land-case-homologated', true);

  const c = await readCase(caseId, 'greffier.san');
  expect(c.state).toBe('homologated');
  expect(c.pvs[0].homologation).toMatchObject({
    decision: 'homologated',
    decisionNumber: `HOM-${tag}`,
    decisionDate: todayUtc(),
  });
  await signOut(page);

  // The overdue one of this run leaves the queue (rejected, with its reason), recorded by her tribunal.
  if (overdueCase) {
    const done = await apiAs('greffier.san', gw.url).post(
      `/api/v1/cases/${overdueCase.id}/homologation-decision`,
      {
        version: overdueCase.version,
        decision: 'rejected',
        decisionDate: todayUtc(),
        rejectionReason: 'Dossier de test : décision pour vider la file',
      },
    );
    expect(done.status).toBe(200);
  }
});
