import {
  SecurityMessages,
  messageIds,
  type CcsDetailDto,
  type CcsDto,
  type PageV1,
} from '@prosmed/contracts';
import { demoIdentity, startSecurity, uniqueCode, type SecurityHarness } from './security-harness';

const S = messageIds(SecurityMessages);
let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurity();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const admin = () => demoIdentity('admin.prosmed');
const segou = () => demoIdentity('ccs.segou');

const members = [
  { function: 'maire', sex: 'F', fds: false },
  { function: 'commissaire de police', sex: 'M', fds: true, force: 'police' },
];

async function allPages(query: Record<string, unknown>, identity = admin()): Promise<CcsDto[]> {
  const out: CcsDto[] = [];
  let cursor: string | null = null;
  do {
    const page: PageV1<CcsDto> = await h.call<PageV1<CcsDto>>(
      S.ccsList,
      { ...query, limit: 2, ...(cursor ? { cursor } : {}) },
      identity,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

describe('the CCS registry over Kafka (real PostgreSQL and Kafka)', () => {
  it('serves the demo CCS of the programme’s cercles, the realm users’ ones included', async () => {
    const codes = (await allPages({})).map((c) => c.code);
    for (const code of ['CCS-SEGOU', 'CCS-SAN', 'CCS-BLA', 'CCS-NARA', 'CCS-KOUTIALA', 'CCS-YOROSSO']) {
      expect(codes).toContain(code);
    }
    const segouCcs = await h.call<CcsDto>(S.ccsGet, { code: 'CCS-SEGOU' });
    expect(segouCcs).toMatchObject({ level: 'cercle', chair: 'préfet', placeCode: 'ML-SEG-SEG' });
    expect(segouCcs.memberCounts.fds).toBeGreaterThan(0);
    expect(JSON.stringify(segouCcs.members)).not.toMatch(/"name"/);
  });

  it('finds CCS under a place of either map (the crosswalk), paging by code', async () => {
    // Koutiala and Yorosso were cercles of Sikasso; since 2024 both are in the région of Koutiala.
    const underNew = (await allPages({ placeCode: 'ML2-KO2' })).map((c) => c.code);
    expect(underNew).toEqual(expect.arrayContaining(['CCS-KOUTIALA', 'CCS-YOROSSO']));
    expect(underNew).not.toContain('CCS-SEGOU');
    const underOld = (await allPages({ placeCode: 'ML-SEG' })).map((c) => c.code);
    expect(underOld).toEqual(expect.arrayContaining(['CCS-SEGOU', 'CCS-SAN', 'CCS-BLA', 'CCS-REG-SEGOU']));
    expect([...underOld].sort()).toEqual(underOld);
  });

  it('lets the admin create and update a CCS, audited, with its level matching its place', async () => {
    const code = uniqueCode('CCS');
    const created = await h.call<CcsDto>(S.ccsCreate, {
      code,
      name: 'CCS communal de San',
      level: 'communal',
      placeCode: 'ML-SEG-SAN-SAN',
      activeFrom: '2018-05-01',
      members,
    });
    expect(created).toMatchObject({ code, chair: 'maire', version: 1, activeTo: null });
    expect(created.memberCounts).toEqual({ total: 2, women: 1, fds: 1 });
    const updated = await h.call<CcsDto>(S.ccsUpdate, { code, version: 1, activeTo: '2025-12-31' });
    expect(updated).toMatchObject({ version: 2, activeTo: '2025-12-31' });
    expect(await h.fail(S.ccsUpdate, { code, version: 1, name: 'x' })).toMatchObject({
      code: 'VERSION_CONFLICT',
      params: { expected: 1, actual: 2 },
    });
    const audit: { action: string }[] = await h.db.query(
      `SELECT a."action" FROM "security"."audit_log" a JOIN "security"."ccs" c ON c."id"::text = a."entity_id"
        WHERE c."code" = $1 ORDER BY a."id"`,
      [code],
    );
    expect(audit.map((a) => a.action)).toEqual(['ccs.created', 'ccs.updated']);
    const read = await h.call<CcsDetailDto>(S.ccsGet, { code });
    expect(read.history.map((e) => [e.action, e.actor])).toEqual([
      ['ccs.created', 'admin.prosmed'],
      ['ccs.updated', 'admin.prosmed'],
    ]);
  });

  it('refuses a taken code, a level that does not fit the place, and FDS members without a force', async () => {
    const base = {
      code: 'CCS-SEGOU',
      name: 'CCS',
      level: 'cercle',
      placeCode: 'ML-SEG-SEG',
      activeFrom: '2017-01-01',
      members: [],
    };
    expect((await h.fail(S.ccsCreate, base)).code).toBe('CCS_CODE_TAKEN');
    const code = uniqueCode('CCS');
    expect(await h.fail(S.ccsCreate, { ...base, code, level: 'regional' })).toMatchObject({
      code: 'CCS_LEVEL_PLACE_MISMATCH',
      details: [{ field: 'placeCode', code: 'levelMismatch' }],
    });
    expect((await h.fail(S.ccsCreate, { ...base, code, placeCode: 'ML-SEG-ZZZ' })).code).toBe(
      'PLACE_UNKNOWN',
    );
    expect(
      await h.fail(S.ccsCreate, {
        ...base,
        code,
        members: [
          { function: 'commandant', sex: 'M', fds: true },
          { function: 'maire', sex: 'M', fds: false, force: 'police' },
        ],
      }),
    ).toMatchObject({
      code: 'MEMBER_FORCE_MISMATCH',
      details: [
        { field: 'members[0].force', code: 'forceRequired' },
        { field: 'members[1].force', code: 'forceNotAllowed' },
      ],
    });
    expect(await h.fail(S.ccsCreate, { ...base, code, activeTo: '2016-01-01' })).toMatchObject({
      code: 'DATE_RANGE_INVERTED',
    });
    const [{ n }]: { n: string }[] = await h.db.query(
      `SELECT count(*) AS n FROM "security"."ccs" WHERE "code" = $1`,
      [code],
    );
    expect(Number(n)).toBe(0);
  });

  it('shows a CCS secretary her CCS only, and nothing about others', async () => {
    expect((await allPages({}, segou())).map((c) => c.code)).toEqual(['CCS-SEGOU']);
    expect((await h.fail(S.ccsGet, { code: 'CCS-NARA' }, segou())).code).toBe('OUT_OF_SCOPE');
    expect((await h.fail(S.ccsGet, { code: 'CCS-NOWHERE' }, segou())).code).toBe('OUT_OF_SCOPE');
    expect((await h.fail(S.ccsGet, { code: 'CCS-NOWHERE' })).code).toBe('CCS_NOT_FOUND');
    expect((await h.fail(S.ccsUpdate, { code: 'CCS-SEGOU', version: 1, name: 'x' }, segou())).code).toBe(
      'FORBIDDEN_ROLE',
    );
    const valid = {
      code: uniqueCode('CCS'),
      name: 'CCS',
      level: 'cercle',
      placeCode: 'ML-SEG-BAR',
      activeFrom: '2017-01-01',
      members: [],
    };
    expect((await h.fail(S.ccsCreate, valid, demoIdentity('manager'))).code).toBe('FORBIDDEN_ROLE');
  });
});
