import { type DomainError } from '@prosmed/contracts';
import { assertMarks, assertMemberMarks, assertPvFieldsMatchKind, missingForHomologation } from './pv-rules';

const code = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('PV rules', () => {
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
  it('takes one mark per member present, by name', () => {
    const members = [
      { name: 'Moussa Keïta', role: 'président' },
      { name: 'Fatoumata Coulibaly', role: 'secrétaire' },
    ];
    const details = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        return (e as DomainError).details;
      }
      return null;
    };
    expect(
      details(() => assertMemberMarks([{ name: 'Moussa Keïta', kind: 'thumbprint' }], members)),
    ).toBeNull();
    expect(details(() => assertMemberMarks([{ name: 'Oumar Sy', kind: 'signature' }], members))).toEqual([
      expect.objectContaining({ field: 'memberMarks[0].name', code: 'unknownMember' }),
    ]);
    expect(
      details(() =>
        assertMemberMarks(
          [
            { name: 'Moussa Keïta', kind: 'signature' },
            { name: 'Moussa Keïta', kind: 'thumbprint' },
          ],
          members,
        ),
      ),
    ).toEqual([expect.objectContaining({ field: 'memberMarks[1].name', code: 'duplicate' })]);
  });
});
