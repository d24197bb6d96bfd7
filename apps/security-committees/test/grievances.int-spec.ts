import { randomBytes, randomUUID } from 'node:crypto';
import {
  SecurityMessages,
  messageIds,
  type GrievanceDetailDto,
  type GrievanceDto,
  type PageV1,
} from '@prosmed/contracts';
import { IdentityCipher, parseIdentityKeys, DEV_IDENTITY_KEYS } from '../src/grievances/identity-cipher';
import { rotateIdentityKeys } from '../src/grievances/identity-rotation';
import { demoIdentity, runTag, startSecurity, type SecurityHarness } from './security-harness';

const S = messageIds(SecurityMessages);
let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurity({ GRIEVANCE_OVERDUE_DAYS: '30' });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const segou = () => demoIdentity('ccs.segou');
const nara = () => demoIdentity('ccs.nara');
const manager = () => demoIdentity('manager');
const admin = () => demoIdentity('admin.prosmed');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A complainant whose name is unique to this test, so it can be searched for anywhere. */
function complainant() {
  const tag = `${runTag}${randomBytes(3).toString('hex')}`;
  return { name: `Awa Diarra ${tag}`, phone: '+223 76 11 22 33', note: `Vit près du marché ${tag}`, tag };
}

const receipt = (over: Record<string, unknown> = {}) => ({
  ccsCode: 'CCS-SEGOU',
  receivedOn: daysAgo(5),
  channel: 'in-person',
  category: 'threat',
  placeCode: 'ML-SEG-SEG-SEG',
  summary: 'Menaces répétées contre les commerçants du marché',
  ...over,
});

async function nowhere(tag: string): Promise<void> {
  for (const [table, column] of [
    ['grievance', 'complainant'],
    ['grievance', 'summary'],
    ['audit_log', 'after'],
    ['audit_log', 'before'],
    ['audit_log', 'reason'],
    ['outbox', 'payload'],
    ['command_log', 'result'],
  ]) {
    const rows: unknown[] = await h.db.query(
      `SELECT 1 FROM "security"."${table}" WHERE "${column}"::text LIKE $1 LIMIT 1`,
      [`%${tag}%`],
    );
    expect({ table, column, found: rows.length }).toEqual({ table, column, found: 0 });
  }
}

describe('community security grievances over Kafka (real PostgreSQL and Kafka)', () => {
  it('keeps the complainant encrypted, out of every reply, event, audit row and command result', async () => {
    const who = complainant();
    const key = `it-${randomUUID()}`;
    const body = receipt({ complainant: { name: who.name, phone: who.phone, note: who.note } });
    const recorded = await h.call<GrievanceDto>(S.grievanceRecord, body, segou(), key);
    expect(recorded).toMatchObject({ state: 'received', daysOpen: 5, overdue: false, version: 1 });
    expect(JSON.stringify(recorded)).not.toContain(who.tag);
    expect('complainant' in recorded).toBe(false);
    // The retry returns the stored result: still without identity.
    expect(await h.call<GrievanceDto>(S.grievanceRecord, body, segou(), key)).toEqual(recorded);

    const [stored]: { complainant: string }[] = await h.db.query(
      `SELECT "complainant" FROM "security"."grievance" WHERE "id" = $1`,
      [recorded.id],
    );
    expect(stored.complainant).toMatch(/^dev:/);
    expect(
      new IdentityCipher(parseIdentityKeys(DEV_IDENTITY_KEYS)).decrypt(
        stored.complainant,
        `grievance:${recorded.id}`,
      ),
    ).toEqual({
      name: who.name,
      phone: who.phone,
      note: who.note,
    });
    await nowhere(who.tag);

    // Her secretary reads it back; the manager and the admin get the grievance without it, not even null.
    const hers = await h.call<GrievanceDetailDto>(S.grievanceGet, { grievanceId: recorded.id }, segou());
    expect(hers.complainant).toEqual({ name: who.name, phone: who.phone, note: who.note });
    for (const reader of [manager(), admin()]) {
      const seen = await h.call<GrievanceDetailDto>(S.grievanceGet, { grievanceId: recorded.id }, reader);
      expect('complainant' in seen).toBe(false);
      expect(JSON.stringify(seen)).not.toContain(who.tag);
      expect(seen.history).toEqual([
        expect.objectContaining({ action: 'grievance.received', toState: 'received' }),
      ]);
    }
    const listed: PageV1<GrievanceDto> = await h.call(S.grievanceList, { ccsCode: 'CCS-SEGOU' }, segou());
    expect(JSON.stringify(listed)).not.toContain(who.tag);
    // Without identity, the secretary reads null.
    const anonymous = await h.call<GrievanceDto>(S.grievanceRecord, receipt(), segou());
    expect(
      (await h.call<GrievanceDetailDto>(S.grievanceGet, { grievanceId: anonymous.id }, segou())).complainant,
    ).toBeNull();
  });

  it('goes from receipt through referral and follow-up to closure, each step audited and published', async () => {
    const g = await h.call<GrievanceDto>(S.grievanceRecord, receipt(), segou());
    expect(
      await h.fail(
        S.grievanceFollowUp,
        { grievanceId: g.id, version: 1, date: daysAgo(4), note: 'x' },
        segou(),
      ),
    ).toMatchObject({ code: 'GRIEVANCE_TRANSITION_FORBIDDEN', params: { state: 'reçue' } });
    expect(
      await h.fail(
        S.grievanceRefer,
        { grievanceId: g.id, version: 1, service: 'police', referredOn: daysAgo(9) },
        segou(),
      ),
    ).toMatchObject({ code: 'GRIEVANCE_DATE_BEFORE_RECEIPT', details: [{ field: 'referredOn' }] });
    const referred = await h.call<GrievanceDto>(
      S.grievanceRefer,
      { grievanceId: g.id, version: 1, service: 'police', referredOn: daysAgo(4) },
      segou(),
    );
    expect(referred).toMatchObject({ state: 'referred', referral: { service: 'police' }, version: 2 });
    const followed = await h.call<GrievanceDto>(
      S.grievanceFollowUp,
      {
        grievanceId: g.id,
        version: 2,
        date: daysAgo(3),
        note: 'Le commissariat a convoqué les auteurs présumés',
      },
      segou(),
    );
    expect(followed.state).toBe('in-follow-up');
    expect(
      (
        await h.fail(
          S.grievanceClose,
          { grievanceId: g.id, version: 2, closedOn: daysAgo(1), outcome: 'resolved' },
          segou(),
        )
      ).code,
    ).toBe('VERSION_CONFLICT');
    const closed = await h.call<GrievanceDto>(
      S.grievanceClose,
      { grievanceId: g.id, version: 3, closedOn: daysAgo(1), outcome: 'resolved' },
      segou(),
    );
    expect(closed).toMatchObject({ state: 'closed', outcome: 'resolved', daysOpen: 4, overdue: false });
    expect(
      (
        await h.fail(
          S.grievanceRefer,
          { grievanceId: g.id, version: 4, service: 'justice', referredOn: daysAgo(0) },
          segou(),
        )
      ).code,
    ).toBe('GRIEVANCE_CLOSED');

    const detail = await h.call<GrievanceDetailDto>(S.grievanceGet, { grievanceId: g.id }, manager());
    expect(detail.history.map((e) => [e.action, e.fromState, e.toState])).toEqual([
      ['grievance.received', null, 'received'],
      ['grievance.referred', 'received', 'referred'],
      ['grievance.follow-up', 'referred', 'in-follow-up'],
      ['grievance.closed', 'in-follow-up', 'closed'],
    ]);
    const events: { topic: string; payload: Record<string, unknown> }[] = await h.db.query(
      `SELECT "topic", "payload" FROM "security"."outbox" WHERE "key" = $1 ORDER BY "created_at"`,
      [g.id],
    );
    expect(events.map((e) => [e.topic, e.payload.change, e.payload.state])).toEqual([
      ['security.grievance.updated.v1', 'received', 'received'],
      ['security.grievance.updated.v1', 'referred', 'referred'],
      ['security.grievance.updated.v1', 'follow-up', 'in-follow-up'],
      ['security.grievance.updated.v1', 'closed', 'closed'],
    ]);
    const text = JSON.stringify(events);
    for (const word of ['commerçants', 'convoqué']) expect(text).not.toContain(word);
  });

  it('hides a grievance from another CCS and refuses its changes, with no hint it exists', async () => {
    const g = await h.call<GrievanceDto>(S.grievanceRecord, receipt(), segou());
    for (const id of [g.id, randomUUID()]) {
      expect((await h.fail(S.grievanceGet, { grievanceId: id }, nara())).code).toBe('OUT_OF_SCOPE');
      expect(
        (
          await h.fail(
            S.grievanceClose,
            { grievanceId: id, version: 1, closedOn: daysAgo(0), outcome: 'resolved' },
            nara(),
          )
        ).code,
      ).toBe('OUT_OF_SCOPE');
    }
    expect((await h.fail(S.grievanceRecord, receipt(), nara())).code).toBe('OUT_OF_SCOPE');
    expect((await h.fail(S.grievanceRecord, receipt(), manager())).code).toBe('FORBIDDEN_ROLE');
    const naras: PageV1<GrievanceDto> = await h.call(S.grievanceList, { limit: 100 }, nara());
    expect(naras.items.every((x) => x.ccsCode === 'CCS-NARA')).toBe(true);
    expect((await h.fail(S.grievanceGet, { grievanceId: randomUUID() }, manager())).code).toBe(
      'GRIEVANCE_NOT_FOUND',
    );
  });

  it('lists the overdue ones by the configured delay, and refuses an empty identity', async () => {
    const late = await h.call<GrievanceDto>(S.grievanceRecord, receipt({ receivedOn: daysAgo(40) }), segou());
    expect(late).toMatchObject({ daysOpen: 40, overdue: true });
    const fresh = await h.call<GrievanceDto>(S.grievanceRecord, receipt({ receivedOn: daysAgo(2) }), segou());
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PageV1<GrievanceDto> = await h.call(
        S.grievanceList,
        { overdue: true, limit: 100, ...(cursor ? { cursor } : {}) },
        manager(),
      );
      expect(page.items.every((x) => x.overdue && x.state !== 'closed')).toBe(true);
      ids.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(fresh.id);
    expect(await h.fail(S.grievanceRecord, receipt({ complainant: { name: null } }), segou())).toMatchObject({
      code: 'COMPLAINANT_EMPTY',
    });
    expect((await h.fail(S.grievanceRecord, receipt({ placeCode: 'ML-KOU-NAR' }), segou())).code).toBe(
      'PLACE_OUTSIDE_CCS',
    );
  });

  it('rotates identities to a new key: old rows re-encrypted, still readable, nothing else touched', async () => {
    const who = complainant();
    const g = await h.call<GrievanceDto>(
      S.grievanceRecord,
      receipt({ complainant: { name: who.name } }),
      segou(),
    );
    const newKey = `k${runTag.toLowerCase()}:${randomBytes(32).toString('base64')}`;
    const keys = parseIdentityKeys(`${newKey},${DEV_IDENTITY_KEYS}`);
    expect(await rotateIdentityKeys(h.db, keys, [g.id])).toEqual({ rotated: 1, left: 0 });
    expect(await rotateIdentityKeys(h.db, keys, [g.id])).toEqual({ rotated: 0, left: 0 });
    const [row]: { complainant: string }[] = await h.db.query(
      `SELECT "complainant" FROM "security"."grievance" WHERE "id" = $1`,
      [g.id],
    );
    expect(IdentityCipher.keyIdOf(row.complainant)).toBe(keys.currentId);
    expect(
      new IdentityCipher(parseIdentityKeys(newKey)).decrypt(row.complainant, `grievance:${g.id}`),
    ).toEqual({
      name: who.name,
      phone: null,
      note: null,
    });
    // The running service (development key only) cannot open it now: put it back for the shared database.
    await h.db.query(`UPDATE "security"."grievance" SET "complainant" = $2 WHERE "id" = $1`, [
      g.id,
      new IdentityCipher(parseIdentityKeys(DEV_IDENTITY_KEYS)).encrypt(
        { name: who.name, phone: null, note: null },
        `grievance:${g.id}`,
      ),
    ]);
  });
});
