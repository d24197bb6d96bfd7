import { call } from '../e2e/support/http';

/**
 * Records only the fuzzer writes to, so that a valid mutated request may change them (a 2xx write is
 * allowed) without touching anybody else's data, and so that writes to them can be counted exactly.
 * Cases must live in a secretary's own CoFo (her token says which), so they are SEG01 cases filed by
 * `secretaire.segou`; the CoFo and the tribunal the admin edits are the fuzzer's own.
 */
export const FUZZ_COFO = 'FUZZ-COFO';
export const FUZZ_TRIBUNAL = 'FUZZ-TI';
export const SECRETARY = 'secretaire.segou';
export const ADMIN = 'admin.prosmed';

export interface FixtureCase {
  id: string;
  label: string;
  version: number;
  partyIds: string[];
  pvIds: string[];
  verificationCodes: string[];
}

export interface Fixtures {
  cases: FixtureCase[];
  cofo?: { code: string; version: number };
  tribunal?: { code: string; version: number };
  /** Steps that failed (another engineer's change may refuse a body written here): coverage lost. */
  warnings: string[];
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const members = [{ name: 'Moussa Keïta', role: 'président', sex: 'M' }];

interface CaseBody {
  id: string;
  version: number;
  partiesList?: { id: string }[];
  pvs?: { id: string; verificationCode?: string }[];
}

/** A POST, sent again with the same idempotency key while the land service is busy (503/504). */
async function post<T>(
  gw: string,
  path: string,
  as: string,
  body: unknown,
): Promise<{ status: number; body: T; text: string }> {
  const headers = { 'idempotency-key': crypto.randomUUID() };
  let r = await call<T>(gw, 'POST', path, { as, body, headers });
  for (let attempt = 2; attempt <= 3 && (r.status === 503 || r.status === 504); attempt++) {
    await new Promise((res) => setTimeout(res, 2_000));
    r = await call<T>(gw, 'POST', path, { as, body, headers });
  }
  return { status: r.status, body: r.body, text: r.text };
}

function caseOf(label: string, c: CaseBody): FixtureCase {
  return {
    id: c.id,
    label,
    version: c.version,
    partyIds: (c.partiesList ?? []).map((p) => p.id),
    pvIds: (c.pvs ?? []).map((p) => p.id),
    verificationCodes: (c.pvs ?? []).flatMap((p) => (p.verificationCode ? [p.verificationCode] : [])),
  };
}

async function registry(gw: string, warnings: string[]): Promise<Pick<Fixtures, 'cofo' | 'tribunal'>> {
  const out: Pick<Fixtures, 'cofo' | 'tribunal'> = {};
  const tribunal = await post(gw, '/api/v1/tribunals', ADMIN, {
    code: FUZZ_TRIBUNAL,
    name: 'Tribunal du fuzzer (données de test)',
    kind: 'tribunal-instance',
    placeCode: 'ML-SEG-SEG',
    cercleCodes: ['ML-SEG-SEG'],
  });
  if (![201, 409].includes(tribunal.status))
    warnings.push(`tribunal: ${tribunal.status} ${tribunal.text.slice(0, 200)}`);
  const cofo = await post(gw, '/api/v1/cofos', ADMIN, {
    code: FUZZ_COFO,
    name: 'CoFo du fuzzer (données de test)',
    level: 'commune',
    placeCode: 'ML-SEG-SEG-SEG',
    tribunalCode: null,
    members: [{ name: 'Aminata Traoré', sex: 'F', role: 'présidente' }],
  });
  if (![201, 409].includes(cofo.status)) warnings.push(`cofo: ${cofo.status} ${cofo.text.slice(0, 200)}`);
  // Both may exist from an earlier run: read their current versions.
  const t = await call<{ version?: number }>(gw, 'GET', `/api/v1/tribunals/${FUZZ_TRIBUNAL}`, { as: ADMIN });
  if (t.status === 200 && typeof t.body.version === 'number')
    out.tribunal = { code: FUZZ_TRIBUNAL, version: t.body.version };
  const c = await call<{ version?: number }>(gw, 'GET', `/api/v1/cofos/${FUZZ_COFO}`, { as: ADMIN });
  if (c.status === 200 && typeof c.body.version === 'number')
    out.cofo = { code: FUZZ_COFO, version: c.body.version };
  return out;
}

/** A case in each state a command route cares about: filed, conciliated, sent for homologation, not conciliated. */
async function cases(gw: string, warnings: string[]): Promise<FixtureCase[]> {
  const file = () =>
    post<CaseBody>(gw, '/api/v1/cases', SECRETARY, {
      cofoCode: 'SEG01',
      filedOn: daysAgo(30),
      disputeType: 'limites-de-champs',
      summary: 'Dossier du fuzzer (données de test) : limite entre deux champs de mil',
      parties: [
        { kind: 'person', name: 'Awa Diarra', sex: 'F', ageGroup: 'youth-15-35', role: 'demandeur' },
        { kind: 'group', name: 'Famille Traoré', role: 'defendeur', memberCount: 12 },
      ],
      land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Champ de mil au nord du village', surfaceHa: 2.5 },
    });
  const out: FixtureCase[] = [];
  const step = async (label: string, r: { status: number; body: CaseBody; text: string }, ok = 200) => {
    if (r.status !== ok) {
      warnings.push(`${label}: ${r.status} ${r.text.slice(0, 200)}`);
      return undefined;
    }
    return r.body;
  };
  const filed = await step('file', await file(), 201);
  if (!filed) return out;
  out.push(caseOf('filed', filed));

  const pv = async (c: CaseBody, kind: 'conciliation' | 'non-conciliation') =>
    step(
      `pv ${kind}`,
      await post<CaseBody>(gw, `/api/v1/cases/${c.id}/pvs`, SECRETARY, {
        version: c.version,
        kind,
        drawnUpOn: daysAgo(10),
        membersPresent: members,
        ...(kind === 'conciliation'
          ? {
              agreedPoints: ['La limite suit la rangée de karités'],
              marks: (c.partiesList ?? []).map((p) => ({ partyId: p.id, kind: 'thumbprint' })),
            }
          : {
              stepsTried: ['Deux séances de conciliation'],
              failureReason: 'Les parties maintiennent leurs positions',
            }),
      }),
    );

  for (const [label, kind] of [
    ['conciliated', 'conciliation'],
    ['homologation-requested', 'conciliation'],
    ['not-conciliated', 'non-conciliation'],
  ] as const) {
    const c = await step(`file for ${label}`, await file(), 201);
    if (!c) continue;
    let cur = await pv(c, kind);
    if (cur && label === 'homologation-requested') {
      cur = await step(
        'homologation request',
        await post<CaseBody>(gw, `/api/v1/cases/${c.id}/homologation-request`, SECRETARY, {
          version: cur.version,
          requestedOn: daysAgo(5),
        }),
      );
    }
    out.push(caseOf(label, cur ?? c));
  }
  return out;
}

export async function createFixtures(gw: string, withRegistry = true): Promise<Fixtures> {
  const warnings: string[] = [];
  const reg = withRegistry ? await registry(gw, warnings) : {};
  return { ...reg, cases: await cases(gw, warnings), warnings };
}
