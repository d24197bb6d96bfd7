import { type DomainError } from '@prosmed/contracts';
import {
  assertMarks,
  assertNotBeforeFiling,
  assertNotFuture,
  assertPvFieldsMatchKind,
  canonicalJson,
  caseNumber,
  contentHash,
  daysBetween,
  missingForHomologation,
  partyCounts,
  verificationCode,
} from './case-rules';

const code = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('case rules', () => {
  const now = new Date('2026-11-28T10:00:00Z');

  it('refuses future and impossible dates, and dates before the filing', () => {
    expect(code(() => assertNotFuture('d', '2026-11-28', now))).toBeNull();
    expect(code(() => assertNotFuture('d', '2026-11-29', now))).toBe('DATE_IN_FUTURE');
    expect(code(() => assertNotFuture('d', '2026-02-30', now))).toBe('VALIDATION_FAILED');
    expect(code(() => assertNotBeforeFiling('d', '2026-01-01', '2026-01-02'))).toBe('DATE_BEFORE_FILING');
    expect(code(() => assertNotBeforeFiling('d', '2026-01-02', '2026-01-02'))).toBeNull();
  });

  it('counts parties by sex (groups apart) and age group', () => {
    expect(
      partyCounts([
        { kind: 'person', sex: 'F', ageGroup: 'youth-15-35' },
        { kind: 'person', sex: 'F' },
        { kind: 'group', sex: null, ageGroup: 'unknown' },
      ]),
    ).toEqual({
      total: 3,
      bySex: { F: 2, M: 0, group: 1 },
      byAgeGroup: { 'under-15': 0, 'youth-15-35': 1, 'adult-36-59': 0, 'elder-60-plus': 0, unknown: 2 },
    });
  });

  it('keeps each kind of PV to its own fields', () => {
    expect(code(() => assertPvFieldsMatchKind({ kind: 'conciliation', agreedPoints: ['a'] }))).toBeNull();
    expect(code(() => assertPvFieldsMatchKind({ kind: 'conciliation', agreedPoints: [] }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      code(() => assertPvFieldsMatchKind({ kind: 'conciliation', agreedPoints: ['a'], failureReason: 'x' })),
    ).toBe('PV_FIELDS_MISMATCH');
    expect(
      code(() =>
        assertPvFieldsMatchKind({ kind: 'non-conciliation', stepsTried: ['s'], failureReason: 'r' }),
      ),
    ).toBeNull();
    expect(code(() => assertPvFieldsMatchKind({ kind: 'non-conciliation', stepsTried: ['s'] }))).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      code(() =>
        assertPvFieldsMatchKind({
          kind: 'non-conciliation',
          stepsTried: ['s'],
          failureReason: 'r',
          marks: [],
        }),
      ),
    ).toBeNull();
  });

  it('accepts one mark per party of the case, no more', () => {
    expect(code(() => assertMarks([{ partyId: 'a', kind: 'signature' }], ['a', 'b']))).toBeNull();
    expect(code(() => assertMarks([{ partyId: 'z', kind: 'signature' }], ['a', 'b']))).toBe('PARTY_UNKNOWN');
    expect(
      code(() =>
        assertMarks(
          [
            { partyId: 'a', kind: 'signature' },
            { partyId: 'a', kind: 'thumbprint' },
          ],
          ['a', 'b'],
        ),
      ),
    ).toBe('MARKS_EXCEED_PARTIES');
    expect(
      code(() =>
        assertMarks(
          ['a', 'b', 'c'].map((partyId) => ({ partyId, kind: 'signature' as const })),
          ['a', 'b'],
        ),
      ),
    ).toBe('MARKS_EXCEED_PARTIES');
  });

  it('lists what a PV lacks for homologation: agreed points and every disputing party’s mark', () => {
    const parties = [
      { id: 'a', role: 'demandeur', name: 'A' },
      { id: 'b', role: 'defendeur', name: 'B' },
      { id: 'w', role: 'temoin', name: 'W' },
    ];
    expect(
      missingForHomologation(
        { kind: 'conciliation', agreedPoints: ['x'], marks: [{ partyId: 'a', kind: 'signature' }] },
        parties,
      ),
    ).toEqual(['marque de B']);
    expect(
      missingForHomologation(
        {
          kind: 'conciliation',
          agreedPoints: ['x'],
          marks: [
            { partyId: 'a', kind: 'thumbprint' },
            { partyId: 'b', kind: 'represented', representedBy: 'C' },
          ],
        },
        parties,
      ),
    ).toEqual([]);
  });

  it('hashes content independently of key order and formats numbers and codes', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(contentHash({ a: 1, b: 2 })).toBe(contentHash({ b: 2, a: 1 }));
    expect(caseNumber('SEG01', 2024, 7)).toBe('COFO-SEG01-2024-0007');
    expect(verificationCode()).toMatch(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    expect(daysBetween('2026-11-01', '2026-11-28')).toBe(27);
  });
});
