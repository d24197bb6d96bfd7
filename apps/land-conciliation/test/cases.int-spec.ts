import {
  Events,
  LandMessages,
  messageIds,
  type CaseV1,
  type FileCaseV1,
  type Identity,
  type PvCheckV1,
  type PvPdfV1,
} from '@prosmed/contracts';
import { demoIdentity, startLand, uniqueCode, type LandHarness } from './land-harness';
import { extractPdfText, TopicRecorder } from '@prosmed/testing';

const L = messageIds(LandMessages);
let h: LandHarness;
let recorder: TopicRecorder;
/** A CoFo of this run only, attached to the demo tribunal of Ségou, and its secretary. */
let cofo: string;
let secretary: Identity;
const clerk = demoIdentity('greffier.segou');
const otherClerk = demoIdentity('greffier.san');
const otherSecretary = demoIdentity('secretaire.san');
const manager = demoIdentity('manager');

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

function filing(over: Partial<FileCaseV1> = {}): FileCaseV1 {
  return {
    cofoCode: cofo,
    filedOn: daysAgo(20),
    disputeType: 'limites-de-champs',
    summary: 'Désaccord sur la limite entre deux champs de mil',
    parties: [
      {
        kind: 'person',
        name: 'Aminata Traoré',
        sex: 'F',
        ageGroup: 'youth-15-35',
        role: 'demandeur',
        villageCode: 'ML-SEG-SEG-SEG',
      },
      { kind: 'person', name: 'Bakary Diarra', sex: 'M', ageGroup: 'adult-36-59', role: 'defendeur' },
      { kind: 'group', name: 'Famille Coulibaly', role: 'temoin', memberCount: 12 },
    ],
    land: {
      villageCode: 'ML-SEG-SEG-SEG',
      description: 'Champ de mil au nord du village',
      surfaceHa: 2.5,
      gps: { lat: 13.43, lon: -6.26 },
    },
    ...over,
  };
}

const members = [
  { name: 'Moussa Keïta', role: 'président', sex: 'M' as const },
  { name: 'Fatoumata Coulibaly', role: 'secrétaire', sex: 'F' as const },
];

async function fileCase(over: Partial<FileCaseV1> = {}): Promise<CaseV1> {
  return h.call<CaseV1>(L.caseFile, filing(over), secretary);
}

async function conciliate(c: CaseV1): Promise<CaseV1> {
  const withStep = await h.call<CaseV1>(
    L.caseStep,
    {
      caseId: c.id,
      version: c.version,
      kind: 'conciliation-session',
      date: daysAgo(10),
      membersPresent: ['Moussa Keïta'],
      summary: 'Séance',
    },
    secretary,
  );
  return h.call<CaseV1>(
    L.casePv,
    {
      caseId: c.id,
      version: withStep.version,
      kind: 'conciliation',
      drawnUpOn: daysAgo(9),
      membersPresent: members,
      agreedPoints: ['La limite suit la rangée de karités', 'Bornage par la CoFo sous 30 jours'],
      openPoints: ['Indemnisation de la récolte 2025'],
      marks: [
        { partyId: c.partiesList[0].id, kind: 'thumbprint' },
        { partyId: c.partiesList[1].id, kind: 'signature' },
      ],
    },
    secretary,
  );
}

beforeAll(async () => {
  h = await startLand();
  recorder = await TopicRecorder.start(Object.values(Events.land));
  cofo = uniqueCode('CF');
  await h.call(L.cofoCreate, {
    code: cofo,
    name: `Commission foncière de test ${cofo}`,
    level: 'commune',
    placeCode: 'ML-SEG-SEG-SEG',
    tribunalCode: 'TI-SEGOU',
    members: [{ name: 'Moussa Keïta', sex: 'M', role: 'président' }],
  });
  secretary = {
    sub: `it-sec-${cofo}`,
    username: `secretaire.${cofo.toLowerCase()}`,
    roles: ['cofo-secretary'],
    cofoId: cofo,
  };
}, 120_000);

afterAll(async () => {
  await recorder?.stop();
  await h?.close();
});

describe('filing', () => {
  it('numbers 20 concurrent filings of one CoFo and year without gaps or duplicates', async () => {
    const year = new Date().getUTCFullYear();
    const filed = await Promise.all(Array.from({ length: 20 }, () => fileCase({ filedOn: `${year}-01-02` })));
    const numbers = filed.map((c) => c.number).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `COFO-${cofo}-${year}-${String(i + 1).padStart(4, '0')}`),
    );
    expect(filed.every((c) => c.state === 'filed' && c.version === 1)).toBe(true);
  });

  it('counts parties by sex and age group and keeps the case history', async () => {
    const c = await fileCase();
    expect(c.parties).toEqual({
      total: 3,
      bySex: { F: 1, M: 1, group: 1 },
      byAgeGroup: { 'under-15': 0, 'youth-15-35': 1, 'adult-36-59': 1, 'elder-60-plus': 0, unknown: 1 },
    });
    expect(c.history).toEqual([
      expect.objectContaining({ action: 'case.filed', toState: 'filed', actor: secretary.username }),
    ]);
    const event = await recorder.waitFor((m) => m.key === c.id && m.topic === Events.land.caseFiled);
    expect(event).toHaveLength(1);
    expect(event[0].value).toMatchObject({
      caseNumber: c.number,
      cofoCode: cofo,
      placeCode: 'ML-SEG-SEG-SEG',
      disputeType: 'limites-de-champs',
    });
    expect(JSON.stringify(event[0].value)).not.toContain('Aminata');
  });

  const countCases = async () =>
    Number(
      (
        (await h.db.query(`SELECT count(*) AS n FROM "land"."dispute_case" WHERE "cofo_code" = $1`, [
          cofo,
        ])) as { n: string }[]
      )[0].n,
    );

  it.each([
    [
      'a surface of -3 ha',
      { land: { ...filing().land, surfaceHa: -3 } },
      'VALIDATION_FAILED',
      'land.surfaceHa',
    ],
    ['a filing date in the future', { filedOn: daysAgo(-3) }, 'DATE_IN_FUTURE', 'filedOn'],
    ['an impossible date', { filedOn: '2026-02-30' }, 'VALIDATION_FAILED', 'filedOn'],
    ['an unknown dispute type', { disputeType: 'sorcellerie' as never }, 'VALIDATION_FAILED', 'disputeType'],
    [
      'a person without sex',
      { parties: [{ kind: 'person', name: 'X', role: 'demandeur' }, filing().parties[1]] as never },
      'VALIDATION_FAILED',
      'parties[0].sex',
    ],
    [
      'no défendeur',
      { parties: [filing().parties[0], { ...filing().parties[0], name: 'Y' }] },
      'PARTIES_NEED_BOTH_SIDES',
      'parties',
    ],
    [
      'a malformed village code',
      { land: { ...filing().land, villageCode: 'Ségou' } },
      'VALIDATION_FAILED',
      'land.villageCode',
    ],
  ])('refuses %s and writes nothing', async (_label, over, code, field) => {
    const before = await countCases();
    const err = await h.fail(L.caseFile, filing(over as Partial<FileCaseV1>), secretary);
    expect(err.code).toBe(code);
    expect(err.details?.map((d) => d.field)).toContain(field);
    expect(await countCases()).toBe(before);
  });

  it('refuses an unknown field instead of dropping it', async () => {
    const err = await h.fail(L.caseFile, { ...filing(), priority: 'high' }, secretary);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(err.details?.[0].field).toBe('priority');
  });

  it('files only in the secretary’s own CoFo, whatever the body says', async () => {
    expect((await h.fail(L.caseFile, filing({ cofoCode: 'SAN01' }), secretary)).code).toBe('OUT_OF_SCOPE');
    expect((await h.fail(L.caseFile, filing(), manager)).code).toBe('FORBIDDEN_ROLE');
    const ghost: Identity = { ...secretary, cofoId: 'NOPE9' };
    expect((await h.fail(L.caseFile, filing({ cofoCode: 'NOPE9' }), ghost)).code).toBe('COFO_NOT_FOUND');
  });
});

describe('conciliation and homologation', () => {
  it('goes from filing to a homologated PV, one event per transition, every step audited', async () => {
    const c = await fileCase();
    const conciliated = await conciliate(c);
    expect(conciliated.state).toBe('conciliated');
    const pv = conciliated.pvs[0];
    expect(pv).toMatchObject({ kind: 'conciliation', pvVersion: 1, status: 'in-force' });

    // The clerk does not see the case before it is sent to her tribunal.
    expect((await h.fail(L.caseGet, { caseId: c.id }, clerk)).code).toBe('OUT_OF_SCOPE');
    const sent = await h.call<CaseV1>(
      L.caseHomologationRequest,
      { caseId: c.id, version: conciliated.version, requestedOn: daysAgo(8) },
      secretary,
    );
    expect(sent.state).toBe('homologation-requested');
    expect(sent.pvs[0].homologation).toMatchObject({
      tribunalCode: 'TI-SEGOU',
      decision: null,
      waitingDays: 8,
      overdue: false,
    });

    // Earlier runs leave pending PVs at this tribunal in the shared database: read every page.
    const queued: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { caseId: string }[]; nextCursor: string | null } = await h.call(
        L.homologationQueue,
        { status: 'pending', limit: 100, ...(cursor ? { cursor } : {}) },
        clerk,
      );
      queued.push(...page.items.map((i) => i.caseId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(queued).toContain(c.id);
    expect(
      (
        await h.fail(
          L.caseHomologationDecide,
          {
            caseId: c.id,
            version: sent.version,
            decision: 'homologated',
            decisionNumber: 'X',
            decisionDate: daysAgo(1),
          },
          otherClerk,
        )
      ).code,
    ).toBe('OUT_OF_SCOPE');
    expect(
      (
        await h.fail(
          L.caseHomologationDecide,
          {
            caseId: c.id,
            version: sent.version,
            decision: 'homologated',
            decisionNumber: 'X',
            decisionDate: daysAgo(9),
          },
          clerk,
        )
      ).code,
    ).toBe('DATE_BEFORE_REQUEST');

    const decided = await h.call<CaseV1>(
      L.caseHomologationDecide,
      {
        caseId: c.id,
        version: sent.version,
        decision: 'homologated',
        decisionNumber: 'HOM-2026-041',
        decisionDate: daysAgo(2),
      },
      clerk,
    );
    expect(decided.state).toBe('homologated');
    expect(decided.pvs[0].homologation).toMatchObject({
      decision: 'homologated',
      decisionNumber: 'HOM-2026-041',
      waitingDays: 6,
    });

    expect(decided.history.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['case.filed', null, 'filed'],
      ['case.step.conciliation-session', 'filed', 'in-instruction'],
      ['case.pv.conciliation', 'in-instruction', 'conciliated'],
      ['case.homologation.requested', 'conciliated', 'homologation-requested'],
      ['case.homologation.homologated', 'homologation-requested', 'homologated'],
    ]);
    const events = await recorder.waitFor((m) => m.key === c.id, 4);
    await new Promise((r) => setTimeout(r, 500));
    expect(
      recorder.messages
        .filter((m) => m.key === c.id)
        .map((m) => m.topic)
        .sort(),
    ).toEqual(
      [
        Events.land.caseFiled,
        Events.land.homologationDecided,
        Events.land.homologationRequested,
        Events.land.pvRecorded,
      ].sort(),
    );
    expect(events.every((e) => typeof e.headers['x-message-id'] === 'string')).toBe(true);

    // A homologated PV is read-only: a correction is a new version, the old one kept and superseded.
    const corrected = await h.call<CaseV1>(
      L.casePv,
      {
        caseId: c.id,
        version: decided.version,
        kind: 'conciliation',
        drawnUpOn: daysAgo(1),
        membersPresent: members,
        agreedPoints: ['La limite suit la rangée de karités (rectifié)'],
        marks: [
          { partyId: c.partiesList[0].id, kind: 'represented', representedBy: 'Oumar Traoré' },
          { partyId: c.partiesList[1].id, kind: 'signature' },
        ],
        correctionReason: 'Erreur matérielle sur la limite',
      },
      secretary,
    );
    expect(corrected.state).toBe('conciliated');
    expect(corrected.pvs.map((p) => [p.pvVersion, p.status, p.homologation?.decision ?? null])).toEqual([
      [1, 'superseded', 'homologated'],
      [2, 'in-force', null],
    ]);
  });

  it('refuses homologation of an incomplete PV and says what is missing', async () => {
    const c = await fileCase();
    const pv = await h.call<CaseV1>(
      L.casePv,
      {
        caseId: c.id,
        version: c.version,
        kind: 'conciliation',
        drawnUpOn: daysAgo(5),
        membersPresent: members,
        agreedPoints: ['Partage du champ'],
        marks: [{ partyId: c.partiesList[0].id, kind: 'signature' }],
      },
      secretary,
    );
    const err = await h.fail(
      L.caseHomologationRequest,
      { caseId: c.id, version: pv.version, requestedOn: daysAgo(1) },
      secretary,
    );
    expect(err.code).toBe('PV_INCOMPLETE');
    expect(String(err.params?.missing)).toContain('Bakary Diarra');
  });

  it.each([
    ['a PV dated before the filing', { drawnUpOn: daysAgo(40) }, 'DATE_BEFORE_FILING'],
    ['a PV dated in the future', { drawnUpOn: daysAgo(-1) }, 'DATE_IN_FUTURE'],
    ['more marks than parties', { marks: 'four' }, 'MARKS_EXCEED_PARTIES'],
    ['a mark of a party of another case', { marks: 'foreign' }, 'PARTY_UNKNOWN'],
    ['failure fields on a conciliation', { stepsTried: ['x'] }, 'PV_FIELDS_MISMATCH'],
  ])('refuses %s and writes nothing', async (_label, over, code) => {
    const c = await fileCase();
    const other = await fileCase();
    const base = {
      caseId: c.id,
      version: c.version,
      kind: 'conciliation',
      drawnUpOn: daysAgo(5),
      membersPresent: members,
      agreedPoints: ['Partage'],
      marks: c.partiesList.map((p) => ({ partyId: p.id, kind: 'signature' })),
    };
    const o = over as Record<string, unknown>;
    const marks =
      o.marks === 'four'
        ? [...base.marks, { partyId: other.partiesList[0].id, kind: 'signature' }]
        : o.marks === 'foreign'
          ? [{ partyId: other.partiesList[0].id, kind: 'signature' }]
          : base.marks;
    const err = await h.fail(L.casePv, { ...base, ...o, marks }, secretary);
    expect(err.code).toBe(code);
    const after = await h.call<CaseV1>(L.caseGet, { caseId: c.id }, secretary);
    expect(after.pvs).toHaveLength(0);
    expect(after.version).toBe(c.version);
  });
});

describe('non-conciliation and referral', () => {
  it('records a PV de non-conciliation, refuses its homologation, and refers the case', async () => {
    const c = await fileCase({ disputeType: 'agriculteurs-eleveurs' });
    const referral = { court: "Tribunal d'instance de Ségou", referredOn: daysAgo(1) };
    expect(
      (await h.fail(L.caseRefer, { caseId: c.id, version: c.version, ...referral }, secretary)).code,
    ).toBe('REFERRAL_NEEDS_NON_CONCILIATION');
    const nc = await h.call<CaseV1>(
      L.casePv,
      {
        caseId: c.id,
        version: c.version,
        kind: 'non-conciliation',
        drawnUpOn: daysAgo(3),
        membersPresent: members,
        stepsTried: ['Visite du terrain', 'Deux séances de conciliation'],
        failureReason: 'Le défendeur refuse tout partage',
      },
      secretary,
    );
    expect(nc.state).toBe('not-conciliated');
    expect(
      (
        await h.fail(
          L.caseHomologationRequest,
          { caseId: c.id, version: nc.version, requestedOn: daysAgo(1) },
          secretary,
        )
      ).code,
    ).toBe('PV_NOT_CONCILIATION');
    // The clerk of the cercle's tribunal now sees it and records the referral she received.
    const referred = await h.call<CaseV1>(
      L.caseRefer,
      { caseId: c.id, version: nc.version, court: "Tribunal d'instance de Ségou", referredOn: daysAgo(1) },
      clerk,
    );
    expect(referred.state).toBe('referred');
    expect(referred.referral).toMatchObject({
      court: "Tribunal d'instance de Ségou",
      referredOn: daysAgo(1),
    });
    const closed = await h.call<CaseV1>(
      L.caseClose,
      { caseId: c.id, version: referred.version, reason: 'referred' },
      secretary,
    );
    expect(closed.state).toBe('closed');
    expect(
      (
        await h.fail(
          L.caseStep,
          {
            caseId: c.id,
            version: closed.version,
            kind: 'audition',
            date: daysAgo(1),
            membersPresent: ['A'],
            summary: 'x',
          },
          secretary,
        )
      ).code,
    ).toBe('CASE_CLOSED');
    await recorder.waitFor((m) => m.key === c.id, 4);
    expect(
      recorder.messages
        .filter((m) => m.key === c.id)
        .map((m) => m.topic)
        .sort(),
    ).toEqual(
      [
        Events.land.caseFiled,
        Events.land.pvRecorded,
        Events.land.caseReferred,
        Events.land.caseClosed,
      ].sort(),
    );
  });
});

describe('scope and concurrency', () => {
  it('keeps another CoFo’s secretary and an unrelated clerk out', async () => {
    const c = await fileCase();
    expect((await h.fail(L.caseGet, { caseId: c.id }, otherSecretary)).code).toBe('OUT_OF_SCOPE');
    expect(
      (
        await h.fail(
          L.caseStep,
          {
            caseId: c.id,
            version: 1,
            kind: 'audition',
            date: daysAgo(1),
            membersPresent: ['A'],
            summary: 'x',
          },
          otherSecretary,
        )
      ).code,
    ).toBe('OUT_OF_SCOPE');
    const list = await h.call<{ items: { id: string }[] }>(
      L.caseList,
      { cofoCode: cofo, limit: 100 },
      otherSecretary,
    );
    expect(list.items).toHaveLength(0);
    expect((await h.call<CaseV1>(L.caseGet, { caseId: c.id }, manager)).id).toBe(c.id);
  });

  it('gives the second of two simultaneous edits a version conflict, not a lost update', async () => {
    const c = await fileCase();
    const step = (summary: string) =>
      h.call<CaseV1>(
        L.caseStep,
        {
          caseId: c.id,
          version: c.version,
          kind: 'audition',
          date: daysAgo(1),
          membersPresent: ['A'],
          summary,
        },
        secretary,
      );
    const results = await Promise.allSettled([step('première audition'), step('seconde audition')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.payload).toMatchObject({
      code: 'VERSION_CONFLICT',
      params: { expected: 1, actual: 2 },
    });
    const after = await h.call<CaseV1>(L.caseGet, { caseId: c.id }, secretary);
    expect(after.steps).toHaveLength(1);
  });

  it('lists with filters and cursor pagination', async () => {
    const mine = await h.call<{ items: { id: string; state: string }[]; nextCursor: string | null }>(
      L.caseList,
      { cofoCode: cofo, limit: 5 },
      secretary,
    );
    expect(mine.items).toHaveLength(5);
    expect(mine.nextCursor).not.toBeNull();
    const next = await h.call<{ items: { id: string }[] }>(
      L.caseList,
      { cofoCode: cofo, limit: 5, cursor: mine.nextCursor },
      secretary,
    );
    expect(next.items.map((i) => i.id)).not.toContain(mine.items[0].id);
    const found = await h.call<{ items: { id: string }[] }>(
      L.caseList,
      { cofoCode: cofo, q: 'TRAORE', disputeType: 'limites-de-champs', limit: 3 },
      secretary,
    );
    expect(found.items.length).toBeGreaterThan(0);
    const none = await h.call<{ items: unknown[] }>(
      L.caseList,
      { cofoCode: cofo, placeCode: 'ML-SEG-SAN' },
      secretary,
    );
    expect(none.items).toHaveLength(0);
  });
});

describe('printable PV', () => {
  it('renders the PV in French with its fields and a code that checks against the record', async () => {
    const c = await conciliate(await fileCase());
    const pv = c.pvs[0];
    const pdf = await h.call<PvPdfV1>(L.pvPdf, { pvId: pv.id }, secretary);
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await extractPdfText(bytes);
    for (const expected of [
      'PROCÈS-VERBAL DE CONCILIATION',
      c.number,
      'Aminata Traoré',
      'Bakary Diarra',
      'La limite suit la rangée de karités',
      'Indemnisation de la récolte 2025',
      'Moussa Keïta',
      'Empreinte digitale',
      'Limites de champs',
      'Ségou, cercle de Ségou',
      `${daysAgo(9).slice(8, 10)}/${daysAgo(9).slice(5, 7)}/${daysAgo(9).slice(0, 4)}`,
      pv.verificationCode,
      // The CoFo's seat (its place ML-SEG-SEG-SEG), the running header and the page numbers.
      'Fait à Ségou, le',
      `Dossier N° ${c.number} · PV de conciliation, version 1`,
      `Code de vérification ${pv.verificationCode} 1/`,
      'CADRE RÉSERVÉ AU TRIBUNAL (HOMOLOGATION)',
      'http://127.0.0.1:3000/api/public/pvs/check/',
    ]) {
      expect(text).toContain(expected);
    }
    const check = await h.call<PvCheckV1>(L.pvCheck, { code: pv.verificationCode }, undefined);
    expect(check).toEqual({
      exists: true,
      caseNumber: c.number,
      kind: 'conciliation',
      pvVersion: 1,
      status: 'in-force',
      caseState: 'conciliated',
      contentHash: pv.contentHash,
      cofoCode: cofo,
      cofoName: expect.any(String),
      drawnUpOn: pv.drawnUpOn,
    });
    expect(JSON.stringify(check)).not.toMatch(/Aminata|Diarra/);
    expect(await h.call<PvCheckV1>(L.pvCheck, { code: 'AAAA-BBBB-CCCC' }, undefined)).toEqual({
      exists: false,
    });
    expect((await h.fail(L.pvPdf, { pvId: pv.id }, otherSecretary)).code).toBe('OUT_OF_SCOPE');
  });
});

/** Issue 10: each defect found from outside, as a user would meet it, with nothing written when refused. */
describe('land-rule defects (issue 10)', () => {
  const casesOfCofo = async () =>
    (await h.db.query(`SELECT count(*)::int AS n FROM "land"."dispute_case" WHERE "cofo_code" = $1`, [
      cofo,
    ])) as {
      n: number;
    }[];

  async function notConciliated(drawnUpOn = daysAgo(3)): Promise<CaseV1> {
    const c = await fileCase();
    return h.call<CaseV1>(
      L.casePv,
      {
        caseId: c.id,
        version: c.version,
        kind: 'non-conciliation',
        drawnUpOn,
        membersPresent: members,
        stepsTried: ['Deux séances de conciliation'],
        failureReason: 'Le défendeur refuse tout partage',
      },
      secretary,
    );
  }

  it.each([
    ['no court', { referredOn: daysAgo(1) }, 'court'],
    ['no date', { court: "Tribunal d'instance de Ségou" }, 'referredOn'],
    ['a blank court', { court: '  ', referredOn: daysAgo(1) }, 'court'],
  ])(
    'refuses a referral with %s, naming the field, and leaves the case as it was',
    async (_l, over, field) => {
      const nc = await notConciliated();
      const err = await h.fail(L.caseRefer, { caseId: nc.id, version: nc.version, ...over }, clerk);
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details?.map((d) => d.field)).toContain(field);
      const after = await h.call<CaseV1>(L.caseGet, { caseId: nc.id }, secretary);
      expect([after.state, after.version, after.referral]).toEqual(['not-conciliated', nc.version, null]);
    },
  );

  it('refuses a referral dated before the PV or in the future, and records court and date', async () => {
    const nc = await notConciliated(daysAgo(3));
    const refer = (referredOn: string) => ({
      caseId: nc.id,
      version: nc.version,
      court: "Tribunal d'instance de Ségou",
      referredOn,
    });
    expect(await h.fail(L.caseRefer, refer(daysAgo(4)), clerk)).toMatchObject({
      code: 'DATE_BEFORE_PV',
      params: { field: 'referredOn', date: daysAgo(4), pvDate: daysAgo(3) },
      details: [{ field: 'referredOn', code: 'notBeforePv' }],
    });
    expect((await h.fail(L.caseRefer, refer(daysAgo(-1)), clerk)).code).toBe('DATE_IN_FUTURE');
    const referred = await h.call<CaseV1>(L.caseRefer, refer(daysAgo(3)), clerk);
    expect(referred.referral).toMatchObject({
      court: "Tribunal d'instance de Ségou",
      referredOn: daysAgo(3),
    });
  });

  it('answers a homologation request dated before the PV with DATE_BEFORE_PV, not the filing', async () => {
    const c = await conciliate(await fileCase());
    const err = await h.fail(
      L.caseHomologationRequest,
      { caseId: c.id, version: c.version, requestedOn: daysAgo(15) },
      secretary,
    );
    expect(err).toMatchObject({
      code: 'DATE_BEFORE_PV',
      params: { field: 'requestedOn', date: daysAgo(15), pvDate: daysAgo(9) },
    });
    expect((await h.call<CaseV1>(L.caseGet, { caseId: c.id }, secretary)).state).toBe('conciliated');
  });

  it.each([
    ['in Kayes', 'ML-KAY-DIE-DIE'],
    ['given as its région', 'ML-SEG'],
    ['given as its cercle', 'ML-SEG-SEG'],
    ['in the cercle of San', 'ML-SEG-SAN-SAN'],
  ])('refuses land %s for a CoFo of the commune of Ségou, and writes nothing', async (_l, villageCode) => {
    const before = await casesOfCofo();
    const err = await h.fail(L.caseFile, filing({ land: { ...filing().land, villageCode } }), secretary);
    expect(err).toMatchObject({
      code: 'PLACE_OUTSIDE_COFO',
      params: { code: villageCode, cofoCode: cofo, territory: 'commune de Ségou' },
      details: [{ field: 'land.villageCode', code: 'outsideCofo' }],
    });
    expect(await casesOfCofo()).toEqual(before);
  });

  it('accepts land of its commune named on the September 2024 map (through the crosswalk)', async () => {
    const c = await fileCase({ land: { ...filing().land, villageCode: 'ML2-SEG-SEG-SEG' } });
    expect(c.land.villageCode).toBe('ML2-SEG-SEG-SEG');
  });

  it('refuses a filing without land as a validation error, not a 500', async () => {
    const { land: _land, ...withoutLand } = filing();
    for (const body of [withoutLand, { ...withoutLand, land: [] }]) {
      const err = await h.fail(L.caseFile, body, secretary);
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details?.map((d) => d.field)).toContain('land');
    }
  });

  it('refuses a version that is not a PostgreSQL integer as a validation error, not a conflict', async () => {
    const c = await fileCase();
    for (const version of [1.5e308, 2 ** 31, 1.5]) {
      const err = await h.fail(
        L.caseStep,
        { caseId: c.id, version, kind: 'audition', date: daysAgo(1), membersPresent: ['A'], summary: 'x' },
        secretary,
      );
      expect([err.code, err.details?.[0]?.field]).toEqual(['VALIDATION_FAILED', 'version']);
    }
  });

  it("records, returns and prints each member's mark", async () => {
    const pvOf = (c: CaseV1) => ({
      caseId: c.id,
      version: c.version,
      kind: 'conciliation',
      drawnUpOn: daysAgo(5),
      membersPresent: members,
      agreedPoints: ['Partage du champ'],
      marks: c.partiesList.slice(0, 2).map((p) => ({ partyId: p.id, kind: 'signature' })),
    });
    const memberMarks = [
      { name: 'Moussa Keïta', kind: 'signature' },
      { name: 'Fatoumata Coulibaly', kind: 'thumbprint' },
    ];
    const c = await fileCase();
    const unknown = await h.fail(
      L.casePv,
      { ...pvOf(c), memberMarks: [{ name: 'Oumar Sy', kind: 'signature' }] },
      secretary,
    );
    expect(unknown).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'memberMarks[0].name', code: 'unknownMember' }],
    });
    const pv = (await h.call<CaseV1>(L.casePv, { ...pvOf(c), memberMarks }, secretary)).pvs[0];
    expect(pv.memberMarks).toEqual(memberMarks);
    const stored = await h.db.query(`SELECT "member_marks" FROM "land"."pv" WHERE "id" = $1`, [pv.id]);
    expect(stored).toEqual([{ member_marks: memberMarks }]);
    // A PV without them keeps an empty list, never a guess.
    const unmarked = await h.call<CaseV1>(L.casePv, pvOf(await fileCase()), secretary);
    expect(unmarked.pvs[0].memberMarks).toEqual([]);
    const pdf = await h.call<PvPdfV1>(L.pvPdf, { pvId: pv.id }, secretary);
    const text = await extractPdfText(Buffer.from(pdf.base64, 'base64'));
    expect(text).toMatch(/Moussa Keïta \(président\)\s*Signature\b/);
    expect(text).toMatch(/Fatoumata Coulibaly \(secrétaire\)\s*Empreinte digitale/);
  });
});
