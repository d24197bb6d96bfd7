import { randomBytes, randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import { tokenFor } from '@prosmed/testing';
import { call, type ApiResponse } from './support/http';
import { type AppProcess, startGatewayProcess, startServiceProcess } from './support/processes';

jest.setTimeout(120_000);

type ErrorBody = {
  code: string;
  message: string;
  details?: { field: string; code: string; message: string }[];
};
type Update = { id: string; state: string; version: number; progress: number; returnComment: string | null };
type Action = {
  code: string;
  late: boolean;
  status: string;
  progress: number;
  history: { action: string }[];
};
type Report = {
  total: { executionRate: number; budgetSpent: number; actions: number };
  byAxis: { key: string }[];
};

const tag = randomBytes(3).toString('hex').toUpperCase();
const COLUMNS =
  'axe;objectif_specifique;objectif_specifique_libelle;objectif_operationnel;objectif_operationnel_libelle;' +
  'resultat;resultat_libelle;code_action;libelle_action;structure_responsable;structures_partenaires;' +
  'date_debut;date_fin;budget_fcfa;indicateur;unite;valeur_reference;cibles';
const RESPONSIBLE = ['OCLEI', 'MJDH', 'MEF', 'MATD', 'MCENI'];

/** One template row; `i` spreads the actions over the 4 axes and the demo structures. */
function planRow(
  i: number,
  over: Partial<Record<'axe' | 'code' | 'start' | 'end' | 'budget', string>> = {},
): string {
  const axis = over.axe ?? `A${(i % 4) + 1}`;
  const n = (i % 4) + 1;
  const os = `OS${n}-${tag}`;
  const oo = `OO${n}.1-${tag}`;
  const r = `R${n}.1.1-${tag}`;
  return [
    axis,
    os,
    `Objectif spécifique ${n} (essai ${tag})`,
    oo,
    `Objectif opérationnel ${n}.1 (essai ${tag})`,
    r,
    `Résultat ${n}.1.1 (essai ${tag})`,
    over.code ?? `ACT-${tag}-${String(i).padStart(2, '0')}`,
    `Action d’essai numéro ${i}`,
    RESPONSIBLE[i % RESPONSIBLE.length],
    i % 2 ? 'OCLEI' : '',
    over.start ?? '2024-01-01',
    over.end ?? (i < 4 ? '2024-12-31' : '2027-12-31'),
    over.budget ?? String(10_000_000 + i * 1_000_000),
    'Livrables produits',
    'nombre',
    '0',
    '2024:2|2025:4',
  ].join(';');
}

const csv = (rows: string[]) => Buffer.from([COLUMNS, ...rows].join('\n'), 'utf8');

/** The plan file as the raw body of the upload route, its name in the query string. */
const importPlan = <T>(as: string, fileName: string, bytes: Uint8Array, headers?: Record<string, string>) =>
  call<T>(gw.url, 'POST', `/api/v1/plan/import?fileName=${encodeURIComponent(fileName)}`, {
    as,
    raw: bytes,
    contentType: 'application/octet-stream',
    headers,
  });
const actionCode = (i: number) => `ACT-${tag}-${String(i).padStart(2, '0')}`;

let svc: AppProcess;
let gw: AppProcess;

beforeAll(async () => {
  svc = await startServiceProcess('anticorruption');
  gw = await startGatewayProcess();
  const until = Date.now() + 60_000;
  for (;;) {
    const r = await call(gw.url, 'GET', '/api/v1/structures', { as: 'admin.prosmed' });
    if (r.status === 200) break;
    if (Date.now() > until) throw new Error(`anticorruption not answering: ${r.status} ${r.text}`);
  }
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await svc?.stop();
});

const post = <T>(path: string, as: string, body: unknown, headers?: Record<string, string>) =>
  call<T>(gw.url, 'POST', `/api/v1/${path}`, { as, body, headers });
const get = <T>(path: string, as: string, headers?: Record<string, string>) =>
  call<T>(gw.url, 'GET', `/api/v1/${path}`, { as, headers });

async function fetchBytes(path: string): Promise<Response> {
  return fetch(`${gw.url}${path}`, { headers: { authorization: `Bearer ${await tokenFor('manager')}` } });
}

function ok<T>(r: ApiResponse<T>, status = 200): T {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

describe('SNLCC action plan through the gateway (real Keycloak, Kafka, PostgreSQL)', () => {
  it('refuses a malformed plan, lists every bad row by row and column in French (and English), writes nothing', async () => {
    const rows = [
      planRow(0),
      planRow(1, { start: '2024-13-01' }),
      planRow(2, { budget: '1500000.75' }),
      planRow(3, { axe: 'A7' }),
      planRow(4, { code: actionCode(0) }),
    ];
    const fr = await importPlan<ErrorBody>('snlcc.sp', 'mauvais.csv', csv(rows));
    expect(fr.status).toBe(400);
    expect(fr.body.code).toBe('PLAN_IMPORT_INVALID');
    expect(fr.body.message).toMatch(/^Import refusé/);
    const cells = fr.body.details!.map((d) => `${d.field}:${d.code}`);
    expect(cells).toEqual(
      expect.arrayContaining([
        'rows[3].date_debut:IMPORT_BAD_DATE',
        'rows[4].budget_fcfa:IMPORT_BAD_BUDGET',
        'rows[5].axe:IMPORT_UNKNOWN_AXIS',
        'rows[6].code_action:IMPORT_DUPLICATE_CODE',
      ]),
    );
    expect(fr.body.details!.find((d) => d.code === 'IMPORT_BAD_DATE')!.message).toMatch(
      /^Ligne 3, colonne « date_debut » : « .+ » n’est pas une date AAAA-MM-JJ/,
    );
    const en = await importPlan<ErrorBody>('snlcc.sp', 'mauvais.csv', csv(rows), { 'accept-language': 'en' });
    expect(en.body.details!.find((d) => d.code === 'IMPORT_BAD_DATE')!.message).toMatch(
      /^Row 3, column "date_debut"/,
    );
    // Row 2 was fine, yet nothing of the file was written.
    expect((await get<ErrorBody>(`actions/${actionCode(0)}`, 'admin.prosmed')).body.code).toBe(
      'ACTION_NOT_FOUND',
    );
    // A file named .xlsx that is text, and a PDF: refused from their content.
    const renamed = await importPlan<ErrorBody>('snlcc.sp', 'plan.xlsx', Buffer.from('axe;code\n'));
    expect([renamed.status, renamed.body.code]).toEqual([400, 'ATTACHMENT_TYPE_MISMATCH']);
    const pdf = await importPlan<ErrorBody>('snlcc.sp', 'plan', Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect([pdf.status, pdf.body.code]).toEqual([400, 'ATTACHMENT_TYPE_NOT_ALLOWED']);
    const denied = await importPlan<ErrorBody>('pf.oclei', 'plan.csv', csv([planRow(0)]));
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });

  it('imports a plan of 20 actions across the 4 axes from the template, and exports it back the same', async () => {
    const template = await call(gw.url, 'GET', '/api/v1/plan/template?format=csv', { as: 'pf.oclei' });
    expect(template.status).toBe(200);
    expect(template.text.replace(/^\ufeff/, '').split(/\r?\n/)[0]).toBe(COLUMNS);
    // The XLSX template, filled in as a person would: its example row replaced by the plan's 20 rows.
    const xlsxTemplate = await fetchBytes('/api/v1/plan/template?format=xlsx');
    const wb = new Workbook();
    await wb.xlsx.load(await xlsxTemplate.arrayBuffer());
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.split(';')]);
    sheet.spliceRows(2, sheet.rowCount - 1);
    const rows = Array.from({ length: 20 }, (_, i) => planRow(i));
    for (const r of rows) {
      const cells: (string | number | Date)[] = r.split(';');
      cells[11] = new Date(`${cells[11] as string}T00:00:00Z`);
      cells[13] = Number(cells[13]);
      sheet.addRow(cells);
    }
    const filled = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = ok(await importPlan('snlcc.sp', 'plan-snlcc.xlsx', filled), 201);
    expect(res).toEqual({ actions: 20, objectives: 8, results: 4 });
    const exported = await call(gw.url, 'GET', `/api/v1/plan/export?format=csv&codePrefix=ACT-${tag}`, {
      as: 'manager',
    });
    expect(exported.status).toBe(200);
    const lines = exported.text
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines).toEqual([COLUMNS, ...rows]);
    const xlsx = await call(gw.url, 'GET', `/api/v1/plan/export?format=xlsx&codePrefix=ACT-${tag}`, {
      as: 'manager',
    });
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    // The XLSX export imports back: every code is now taken, each reported on its own row.
    const bytes = new Uint8Array(
      await (await fetchBytes(`/api/v1/plan/export?format=xlsx&codePrefix=ACT-${tag}`)).arrayBuffer(),
    );
    const back = await importPlan<ErrorBody>('snlcc.sp', 'plan.xlsx', bytes);
    expect(back.body.code).toBe('PLAN_IMPORT_INVALID');
    expect(back.body.details!.map((d) => d.code)).toEqual(Array(20).fill('IMPORT_CODE_TAKEN'));
  });

  it('runs the validation circuit with scope, versions, history, a frozen session report and lateness', async () => {
    // Actions 0 and 5 are OCLEI's, 1 is MJDH's; action 0 ended on 2024-12-31.
    const [a0, a5, a1] = [actionCode(0), actionCode(5), actionCode(1)];
    const values = {
      period: '2024-Q4',
      status: 'en cours',
      progress: 40,
      budgetSpent: 2_000_000,
      comment: 'Atelier tenu.',
    };
    const key = randomUUID();
    const first = await post<Update>(`actions/${a0}/updates`, 'pf.oclei', values, { 'idempotency-key': key });
    const u0 = ok(first, 201);
    const replay = await post<Update>(`actions/${a0}/updates`, 'pf.oclei', values, {
      'idempotency-key': key,
    });
    expect([replay.status, replay.body.id]).toEqual([201, u0.id]);
    const u5 = ok(await post<Update>(`actions/${a5}/updates`, 'pf.oclei', { ...values, progress: 60 }), 201);

    // Another structure's action, and one that does not exist: the same answer, no hint.
    const other = await post<ErrorBody>(`actions/${a1}/updates`, 'pf.oclei', values);
    const none = await post<ErrorBody>(`actions/ACT-${tag}-NONE/updates`, 'pf.oclei', values);
    expect([other.status, other.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect([none.status, none.body.code, none.body.message]).toEqual([
      403,
      'OUT_OF_SCOPE',
      other.body.message,
    ]);
    expect((await get<ErrorBody>(`actions/${a1}`, 'pf.oclei')).body.code).toBe('OUT_OF_SCOPE');
    const bad = await post<ErrorBody>(`actions/${a0}/updates`, 'pf.oclei', {
      ...values,
      progress: 101,
      budgetSpent: 1.5,
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.body.message).toMatch(/^La requête/);

    const c0 = ok(await post<Update>(`updates/${u0.id}/consolidation`, 'snlcc.sp', { version: u0.version }));
    const c5 = ok(await post<Update>(`updates/${u5.id}/consolidation`, 'snlcc.sp', { version: u5.version }));
    expect(c0.state).toBe('consolidated');
    const stale = await post<ErrorBody>(`updates/${u5.id}/validation`, 'copil.membre', {
      version: u5.version,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const noComment = await post<ErrorBody>(`updates/${u0.id}/return`, 'copil.membre', {
      version: c0.version,
    });
    expect([noComment.status, noComment.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const r0 = ok(
      await post<Update>(`updates/${u0.id}/return`, 'copil.membre', {
        version: c0.version,
        comment: 'Joignez le rapport.',
      }),
    );
    expect([r0.state, r0.returnComment]).toEqual(['returned', 'Joignez le rapport.']);
    // The focal point joins the report asked for; MJDH's focal point cannot see it, the manager can.
    const report = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const added = await call<{ id: string; kind: string }>(
      gw.url,
      'POST',
      `/api/v1/updates/${u0.id}/evidence?fileName=rapport.pdf`,
      { as: 'pf.oclei', raw: report, contentType: 'application/pdf' },
    );
    expect([added.status, added.body.kind]).toEqual([201, 'pdf']);
    const notHers = await call<ErrorBody>(
      gw.url,
      'POST',
      `/api/v1/updates/${u0.id}/evidence?fileName=x.pdf`,
      {
        as: 'pf.justice',
        raw: report,
        contentType: 'application/pdf',
      },
    );
    expect([notHers.status, notHers.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    expect((await get<ErrorBody>(`updates/${u0.id}/evidence`, 'pf.justice')).body.code).toBe('OUT_OF_SCOPE');
    const listed = ok(await get<{ items: { id: string }[] }>(`updates/${u0.id}/evidence`, 'manager'));
    expect(listed.items.map((i) => i.id)).toEqual([added.body.id]);
    const file = await get(`updates/${u0.id}/evidence/${added.body.id}`, 'copil.membre');
    expect([file.status, file.text]).toEqual([200, report.toString('latin1')]);
    const v5 = ok(await post<Update>(`updates/${u5.id}/validation`, 'copil.membre', { version: c5.version }));
    expect(v5.state).toBe('validated');
    const again = await post<ErrorBody>(`updates/${u5.id}/return`, 'copil.membre', {
      version: v5.version,
      comment: 'x',
    });
    expect([again.status, again.body.code]).toEqual([409, 'UPDATE_VALIDATED']);
    const late5 = await call<ErrorBody>(
      gw.url,
      'POST',
      `/api/v1/updates/${u5.id}/evidence?fileName=tard.pdf`,
      {
        as: 'pf.oclei',
        raw: Buffer.from('%PDF-1.4\n%%EOF\n'),
        contentType: 'application/pdf',
      },
    );
    expect([late5.status, late5.body.code]).toEqual([409, 'UPDATE_VALIDATED']);

    // Only validated values count: action 5 shows 60 %, action 0 (returned) still nothing, and is late.
    expect(ok(await get<Action>(`actions/${a5}`, 'pf.oclei'))).toMatchObject({
      status: 'en cours',
      progress: 60,
    });
    const late = ok(await get<Action>(`actions/${a0}`, 'snlcc.sp'));
    expect(late).toMatchObject({ status: 'non démarrée', late: true });
    expect(late.history.map((h) => h.action)).toEqual([
      'update.proposed',
      'update.consolidated',
      'update.returned',
      'update.evidence-added',
    ]);
    // Every page of OCLEI's late actions (earlier runs on the same database add their own).
    const lateCodes: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page: { items: Action[]; nextCursor: string | null } = ok(
        await get<{ items: Action[]; nextCursor: string | null }>(
          `actions?late=true&structure=OCLEI&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          'manager',
        ),
      );
      expect(page.items.every((a) => a.late)).toBe(true);
      lateCodes.push(...page.items.map((a) => a.code));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(lateCodes).toContain(a0);

    // The committee session covering 2024-Q4 is closed: its report is frozen.
    const session = ok(
      await post<{ id: string; version: number }>('sessions', 'snlcc.sp', {
        title: `Session d’essai ${tag}`,
        heldOn: '2025-01-20',
        periodFrom: '2024-Q4',
        periodTo: '2024-Q4',
      }),
      201,
    );
    const withMinutes = ok(
      await call<{ version: number }>(gw.url, 'PUT', `/api/v1/sessions/${session.id}/minutes`, {
        as: 'snlcc.sp',
        body: {
          version: session.version,
          minutes: 'Examen des mises à jour du trimestre.',
          decisions: ['Relancer'],
        },
      }),
    );
    const notYet = await get<ErrorBody>(`sessions/${session.id}/report`, 'manager');
    expect(notYet.body.code).toBe('SESSION_NOT_CLOSED');
    ok(await post(`sessions/${session.id}/closure`, 'copil.membre', { version: withMinutes.version }));
    const frozen = ok(await get<Report>(`sessions/${session.id}/report`, 'manager'));
    expect(frozen.byAxis.map((a) => a.key)).toEqual(['A1', 'A2', 'A3', 'A4']);

    // The focal point answers the return; the update is validated after the closing.
    const s0 = ok(
      await post<Update>(`updates/${u0.id}/resubmission`, 'pf.oclei', {
        version: r0.version,
        status: 'en cours',
        progress: 80,
        budgetSpent: 9_000_000,
        comment: 'Rapport joint.',
      }),
    );
    const c0b = ok(await post<Update>(`updates/${u0.id}/consolidation`, 'snlcc.sp', { version: s0.version }));
    ok(await post(`updates/${u0.id}/validation`, 'copil.membre', { version: c0b.version }));
    const live = ok(await get<Report>('plan/execution?period=2024-Q4', 'manager'));
    expect(live.total.budgetSpent).toBeGreaterThanOrEqual(frozen.total.budgetSpent + 9_000_000);
    expect(ok(await get<Report>(`sessions/${session.id}/report`, 'manager'))).toEqual(frozen);
    const closedAgain = await post<ErrorBody>(`sessions/${session.id}/closure`, 'copil.membre', {
      version: 3,
    });
    expect(closedAgain.body.code).toBe('SESSION_CLOSED');
    const xlsx = await call(gw.url, 'GET', `/api/v1/sessions/${session.id}/report.xlsx`, { as: 'manager' });
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('lists the structures without an update and reminds each once per period', async () => {
    const period = '2027-Q4';
    const missing = ok(
      await get<{ structures: string[]; deadline: string; remindFrom: string }>(
        `reminders/missing?period=${period}`,
        'snlcc.sp',
      ),
    );
    expect([missing.deadline, missing.remindFrom]).toEqual(['2028-01-15', '2028-01-08']);
    expect(missing.structures).toEqual(expect.arrayContaining(['OCLEI', 'MJDH']));
    const run = ok(await post<{ reminded: string[] }>('reminders', 'snlcc.sp', { period }));
    const rerun = ok(await post<{ reminded: string[] }>('reminders', 'snlcc.sp', { period }));
    expect(rerun.reminded).toEqual([]);
    expect(run.reminded.length + rerun.reminded.length).toBeLessThanOrEqual(missing.structures.length);
    const denied = await post<ErrorBody>('reminders', 'pf.oclei', { period });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });
});
