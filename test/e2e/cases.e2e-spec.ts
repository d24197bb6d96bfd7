import { randomUUID } from 'node:crypto';
import { extractPdfText, tokenFor } from '@prosmed/testing';
import { call, waitForLand, type ApiResponse } from './support/http';
import { type AppProcess, startGatewayProcess, startLandProcess } from './support/processes';

jest.setTimeout(120_000);

/**
 * The land procedure end to end, as the people who use it: a CoFo secretary of Ségou files a case and
 * records the PV, the clerk of the tribunal of Ségou homologates it, the paper is printed and checked;
 * real HTTP, real Keycloak tokens, the gateway and the land service as processes talking over Kafka.
 */
let land: AppProcess;
let gw: AppProcess;

beforeAll(async () => {
  land = await startLandProcess();
  gw = await startGatewayProcess();
  await waitForLand(gw.url);
}, 240_000);

afterAll(async () => {
  await gw?.stop();
  await land?.stop();
});

interface Case {
  id: string;
  number: string;
  state: string;
  version: number;
  partiesList: { id: string; name: string }[];
  pvs: {
    id: string;
    kind: string;
    verificationCode: string;
    contentHash: string;
    drawnUpOn: string;
    homologation: { decision: string | null } | null;
  }[];
  history: { action: string; fromState: string | null; toState: string | null }[];
}

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: { field: string; code: string }[];
  requestId: string;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const key = () => ({ 'idempotency-key': randomUUID() });

const filing = (over: Record<string, unknown> = {}) => ({
  cofoCode: 'SEG01',
  filedOn: daysAgo(30),
  disputeType: 'heritage-succession',
  summary: 'Partage des champs du défunt Sékou Coulibaly entre ses héritiers',
  parties: [
    { kind: 'person', name: 'Mariam Coulibaly', sex: 'F', ageGroup: 'youth-15-35', role: 'demandeur' },
    { kind: 'person', name: 'Drissa Coulibaly', sex: 'M', ageGroup: 'adult-36-59', role: 'defendeur' },
  ],
  land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Deux champs de sorgho à la sortie est', surfaceHa: 4 },
  ...over,
});

const members = [{ name: 'Moussa Keïta', role: 'président', sex: 'M' }];

async function post<T = Case>(path: string, as: string, body: unknown, headers: Record<string, string> = {}) {
  return call<T>(gw.url, 'POST', path, { as, body, headers: { ...key(), ...headers } });
}

function ok<T>(r: ApiResponse<T>, status = 200): T {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

async function fileCase(over: Record<string, unknown> = {}): Promise<Case> {
  return ok(await post('/api/v1/cases', 'secretaire.segou', filing(over)), 201);
}

describe('land case from filing to a homologated, printed and verified PV', () => {
  it('runs the whole procedure through the gateway', async () => {
    // Filing, retried after a "dropped connection" with the same Idempotency-Key: one case.
    const idem = { 'idempotency-key': randomUUID() };
    const first = await post('/api/v1/cases', 'secretaire.segou', filing(), idem);
    const c = ok(first, 201);
    expect(first.headers.get('location')).toBe(`/api/v1/cases/${c.id}`);
    expect(c.number).toMatch(new RegExp(`^COFO-SEG01-${daysAgo(30).slice(0, 4)}-\\d{4,}$`));
    const retry = await post('/api/v1/cases', 'secretaire.segou', filing(), idem);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((retry.body as Case).id).toBe(c.id);

    const s1 = ok(
      await post(`/api/v1/cases/${c.id}/steps`, 'secretaire.segou', {
        version: c.version,
        kind: 'conciliation-session',
        date: daysAgo(20),
        membersPresent: ['Moussa Keïta', 'Awa Diarra'],
        summary: 'Première séance, les deux parties présentes',
      }),
    );
    const withPv = ok(
      await post(`/api/v1/cases/${c.id}/pvs`, 'secretaire.segou', {
        version: s1.version,
        kind: 'conciliation',
        drawnUpOn: daysAgo(19),
        membersPresent: members,
        agreedPoints: ['Le champ nord revient à Mariam Coulibaly', 'Le champ sud revient à Drissa Coulibaly'],
        marks: [
          { partyId: c.partiesList[0].id, kind: 'thumbprint' },
          { partyId: c.partiesList[1].id, kind: 'signature' },
        ],
      }),
    );
    const sent = ok(
      await post(`/api/v1/cases/${c.id}/homologation-request`, 'secretaire.segou', {
        version: withPv.version,
        requestedOn: daysAgo(18),
      }),
    );
    expect(sent.state).toBe('homologation-requested');

    // The clerk of San's tribunal cannot decide for Ségou; the clerk of Ségou sees it in her queue and decides.
    const wrongClerk = await post<ErrorBody>(`/api/v1/cases/${c.id}/homologation-decision`, 'greffier.san', {
      version: sent.version,
      decision: 'homologated',
      decisionNumber: 'HOM-1',
      decisionDate: daysAgo(1),
    });
    expect([wrongClerk.status, wrongClerk.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const queue = ok(
      await call<{ items: { caseId: string; waitingDays: number }[] }>(
        gw.url,
        'GET',
        '/api/v1/homologations?status=pending&limit=100',
        { as: 'greffier.segou' },
      ),
    );
    expect(queue.items.find((i) => i.caseId === c.id)?.waitingDays).toBe(18);
    const decided = ok(
      await post(`/api/v1/cases/${c.id}/homologation-decision`, 'greffier.segou', {
        version: sent.version,
        decision: 'homologated',
        decisionNumber: 'HOM-2026-117',
        decisionDate: daysAgo(2),
      }),
    );
    expect(decided.state).toBe('homologated');
    expect(decided.history.map((h) => h.toState)).toEqual([
      'filed',
      'in-instruction',
      'conciliated',
      'homologation-requested',
      'homologated',
    ]);

    // The printed PV, read back, and its public check (no token, no personal data).
    const pv = decided.pvs[0];
    const res = await fetch(`${gw.url}/api/v1/pvs/${pv.id}.pdf`, {
      headers: { authorization: `Bearer ${await tokenFor('secretaire.segou')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = await extractPdfText(Buffer.from(await res.arrayBuffer()));
    for (const expected of [
      'PROCÈS-VERBAL DE CONCILIATION',
      c.number,
      'Mariam Coulibaly',
      'Empreinte digitale',
      'Le champ nord revient à Mariam Coulibaly',
      'HOM-2026-117',
      pv.verificationCode,
      pv.contentHash,
      // Where the CoFo sits, the tribunal's box, and the page numbers of the running footer.
      'Fait à Ségou, le',
      'CADRE RÉSERVÉ AU TRIBUNAL (HOMOLOGATION)',
      `Dossier N° ${c.number}`,
      `Code de vérification ${pv.verificationCode} 1/`,
    ]) {
      expect(text).toContain(expected);
    }
    const check = await call(gw.url, 'GET', `/api/public/pvs/check/${pv.verificationCode}`);
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      exists: true,
      caseNumber: c.number,
      kind: 'conciliation',
      pvVersion: 1,
      status: 'in-force',
      caseState: 'homologated',
      contentHash: pv.contentHash,
      cofoCode: 'SEG01',
      cofoName: expect.any(String),
      drawnUpOn: pv.drawnUpOn,
    });
    expect(check.text).not.toMatch(/Coulibaly|Keïta/);
    const forged = await call(gw.url, 'GET', '/api/public/pvs/check/AAAA-BBBB-CCCC');
    expect(forged.body).toEqual({ exists: false });
  });

  it('takes a failed conciliation to the tribunal, recorded by the clerk', async () => {
    const c = await fileCase({ disputeType: 'agriculteurs-eleveurs' });
    const nc = ok(
      await post(`/api/v1/cases/${c.id}/pvs`, 'secretaire.segou', {
        version: c.version,
        kind: 'non-conciliation',
        drawnUpOn: daysAgo(5),
        membersPresent: members,
        stepsTried: ['Visite des champs endommagés', 'Deux séances de conciliation'],
        failureReason: "L'éleveur conteste le montant des dégâts",
      }),
    );
    const homologation = await post<ErrorBody>(
      `/api/v1/cases/${c.id}/homologation-request`,
      'secretaire.segou',
      {
        version: nc.version,
        requestedOn: daysAgo(1),
      },
    );
    expect([homologation.status, homologation.body.code]).toEqual([422, 'PV_NOT_CONCILIATION']);
    expect(homologation.body.message).toMatch(/non-conciliation/);
    const referred = ok(
      await post(`/api/v1/cases/${c.id}/referral`, 'greffier.segou', {
        version: nc.version,
        court: "Tribunal d'instance de Ségou",
        referredOn: daysAgo(1),
      }),
    );
    expect(referred.state).toBe('referred');
  });
});

describe('forbidden paths and bad input, each with its own code and nothing written', () => {
  it('refuses a referral without a PV de non-conciliation, in French and in English', async () => {
    const c = await fileCase();
    // A well-formed referral (court and date are required): refused for the missing PV, not the body.
    const referral = { version: c.version, court: "Tribunal d'instance de Ségou", referredOn: daysAgo(1) };
    const fr = await post<ErrorBody>(`/api/v1/cases/${c.id}/referral`, 'secretaire.segou', referral);
    expect([fr.status, fr.body.code]).toEqual([422, 'REFERRAL_NEEDS_NON_CONCILIATION']);
    expect(fr.body.message).toContain('PV de non-conciliation');
    const en = await post<ErrorBody>(`/api/v1/cases/${c.id}/referral`, 'secretaire.segou', referral, {
      'accept-language': 'en',
    });
    expect(en.body.message).toMatch(/^Referral to the tribunal/);
  });

  it('gives 409 to the second of two edits made from the same version', async () => {
    const c = await fileCase();
    const body = {
      version: c.version,
      kind: 'audition',
      date: daysAgo(1),
      membersPresent: ['Awa Diarra'],
      summary: 'Audition',
    };
    ok(await post(`/api/v1/cases/${c.id}/steps`, 'secretaire.segou', body));
    const stale = await post<ErrorBody>(`/api/v1/cases/${c.id}/steps`, 'secretaire.segou', body);
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
  });

  it('answers 400 with field details for a surface of -3 ha, 422 for dates in the future', async () => {
    const neg = await post<ErrorBody>(
      '/api/v1/cases',
      'secretaire.segou',
      filing({ land: { ...filing().land, surfaceHa: -3 } }),
    );
    expect([neg.status, neg.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(neg.body.details?.map((d) => d.field)).toContain('land.surfaceHa');
    const future = await post<ErrorBody>(
      '/api/v1/cases',
      'secretaire.segou',
      filing({ filedOn: daysAgo(-2) }),
    );
    expect([future.status, future.body.code]).toEqual([422, 'DATE_IN_FUTURE']);
  });

  it('keeps other CoFo and other roles out', async () => {
    const c = await fileCase();
    const other = await call<ErrorBody>(gw.url, 'GET', `/api/v1/cases/${c.id}`, { as: 'secretaire.san' });
    expect([other.status, other.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const widened = await post<ErrorBody>('/api/v1/cases', 'secretaire.san', filing());
    expect([widened.status, widened.body.code]).toEqual([403, 'OUT_OF_SCOPE']);
    const manager = await post<ErrorBody>('/api/v1/cases', 'manager', filing());
    expect([manager.status, manager.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    expect((await call(gw.url, 'GET', `/api/v1/cases/${c.id}`, { as: 'manager' })).status).toBe(200);
  });
});
