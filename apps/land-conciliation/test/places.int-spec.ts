import { randomBytes } from 'node:crypto';
import {
  LandMessages,
  messageIds,
  type PlaceDetailV1,
  type PlaceImportResultV1,
  type PlaceV1,
} from '@prosmed/contracts';
import { demoIdentity, startLand, type LandHarness } from './land-harness';

const L = messageIds(LandMessages);
let h: LandHarness;
const admin = demoIdentity('admin.prosmed');
const secretary = demoIdentity('secretaire.segou');

beforeAll(async () => {
  h = await startLand();
}, 120_000);
afterAll(async () => h?.close());

/** A village code no other run used: 3 letters derived from random bytes. */
const villageSegment = () =>
  `V${Array.from(randomBytes(2), (b) => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[b % 24]).join('')}`;

describe('places served by the land service', () => {
  it('finds Ségou when searched without accents, on both maps', async () => {
    const found = await h.call<PlaceV1[]>(L.placeSearch, { q: 'Segou', level: 'cercle' }, secretary);
    expect(found.map((p) => [p.name, p.map])).toEqual(
      expect.arrayContaining([
        ['Ségou', 'pre2024'],
        ['Ségou', 'post2024'],
      ]),
    );
  });

  it('reads a place with its ancestors and its counterpart on the other map', async () => {
    const san = await h.call<PlaceDetailV1>(L.placeGet, { code: 'ML-SEG-SAN-SAN' }, secretary);
    expect(san.ancestors.map((a) => a.code)).toEqual(['ML-SEG-SAN', 'ML-SEG']);
    expect(san.onOtherMap.region?.code).toBe('ML2-SAN');
    expect((await h.fail(L.placeGet, { code: 'ML-ZZZ' }, secretary)).code).toBe('PLACE_NOT_FOUND');
  });

  it('imports a CSV all or nothing, reporting bad rows by line', async () => {
    const seg = villageSegment();
    const good = `ML-SEG-SAN-SAN-${seg},Village ${seg},village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23`;
    const csv = [
      'code,name,level,parent_code,map,valid_from,valid_to',
      good,
      'ML-SEG-SAN-SAN-ZZ1,Mauvais,hameau,ML-SEG-SAN-SAN,pre2024,1999-08-10,',
    ].join('\n');
    const before = await h.db.query(`SELECT count(*)::int AS n FROM "land"."imported_place"`);
    const err = await h.fail(L.placeImport, { csv }, admin);
    expect(err.code).toBe('PLACES_IMPORT_INVALID');
    expect(err.details?.some((d) => d.field.startsWith('line 3') && d.code === 'PLACE_UNKNOWN_LEVEL')).toBe(
      true,
    );
    expect(await h.db.query(`SELECT count(*)::int AS n FROM "land"."imported_place"`)).toEqual(before);

    expect(
      (
        await h.fail(
          L.placeImport,
          { csv: `code,name,level,parent_code,map,valid_from,valid_to\n${good}` },
          secretary,
        )
      ).code,
    ).toBe('FORBIDDEN_ROLE');
    const ok = await h.call<PlaceImportResultV1>(
      L.placeImport,
      { csv: `code,name,level,parent_code,map,valid_from,valid_to\n${good}` },
      admin,
    );
    expect(ok).toEqual({ imported: 1, skipped: 0 });
    const again = await h.call<PlaceImportResultV1>(
      L.placeImport,
      { csv: `code,name,level,parent_code,map,valid_from,valid_to\n${good}` },
      admin,
    );
    expect(again).toEqual({ imported: 0, skipped: 1 });
    const village = await h.call<PlaceDetailV1>(L.placeGet, { code: `ML-SEG-SAN-SAN-${seg}` }, secretary);
    expect(village.ancestors.map((a) => a.code)).toEqual(['ML-SEG-SAN-SAN', 'ML-SEG-SAN', 'ML-SEG']);
  });

  it('refuses a case on land in an unknown place', async () => {
    const err = await h.fail(
      L.caseFile,
      {
        cofoCode: 'SEG01',
        filedOn: '2026-01-05',
        disputeType: 'autre',
        summary: 'Litige',
        parties: [
          { kind: 'person', name: 'A', sex: 'F', role: 'demandeur' },
          { kind: 'person', name: 'B', sex: 'M', role: 'defendeur' },
        ],
        land: { villageCode: 'ML-SEG-SEG-SEG-QQQ', description: 'Champ' },
      },
      secretary,
    );
    expect(err).toMatchObject({ code: 'PLACE_UNKNOWN', params: { code: 'ML-SEG-SEG-SEG-QQQ' } });
    expect(err.details?.[0].field).toBe('land.villageCode');
  });
});
