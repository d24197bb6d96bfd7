import { decisionBody, emptyPvForm, lines, pvBody, pvFormOf, stepBody, unmarkedParties } from './commands';

const parties = [
  { id: 'p1', name: 'Awa', role: 'demandeur' as const },
  { id: 'p2', name: 'Moussa', role: 'defendeur' as const },
  { id: 'p3', name: 'Famille Coulibaly', role: 'temoin' as const },
];

describe('the case command forms', () => {
  it('reads one item a line', () => {
    expect(lines(' a \n\n b\n')).toEqual(['a', 'b']);
  });

  it('names the heard party of an audition only', () => {
    const f = {
      kind: 'pv-constat' as const,
      date: '2026-11-22',
      members: 'A\nB',
      summary: ' Visite ',
      partyId: 'p1',
    };
    expect(stepBody(f, 2)).toEqual({
      version: 2,
      kind: 'pv-constat',
      date: '2026-11-22',
      membersPresent: ['A', 'B'],
      summary: 'Visite',
    });
    expect(stepBody({ ...f, kind: 'audition' }, 2).partyId).toBe('p1');
  });

  it('makes a conciliation PV with the marks given, and maps each row to the API path of its mark', () => {
    const f = emptyPvForm('2026-11-25', parties, [{ name: 'Moussa Keïta', role: 'président', sex: 'M' }]);
    f.members[0].mark = 'signature';
    f.members.push({ name: 'Fatoumata', role: 'secrétaire', sex: 'F', mark: 'thumbprint' });
    f.agreedPoints = 'La limite suit les karités\n';
    f.marks[1] = { partyId: 'p2', kind: 'thumbprint', representedBy: '' };
    f.marks[2] = { partyId: 'p3', kind: 'represented', representedBy: ' Le chef de famille ' };
    expect(unmarkedParties(f, parties).map((p) => p.id)).toEqual(['p1']);
    const { body, markField, memberMarkField } = pvBody(f, 3, false);
    expect(body).toEqual({
      version: 3,
      kind: 'conciliation',
      drawnUpOn: '2026-11-25',
      membersPresent: [
        { name: 'Moussa Keïta', role: 'président', sex: 'M' },
        { name: 'Fatoumata', role: 'secrétaire', sex: 'F' },
      ],
      memberMarks: [
        { name: 'Moussa Keïta', kind: 'signature' },
        { name: 'Fatoumata', kind: 'thumbprint' },
      ],
      agreedPoints: ['La limite suit les karités'],
      openPoints: [],
      marks: [
        { partyId: 'p2', kind: 'thumbprint' },
        { partyId: 'p3', kind: 'represented', representedBy: 'Le chef de famille' },
      ],
    });
    expect(markField).toEqual({ 1: 'marks[0]', 2: 'marks[1]' });
    expect(memberMarkField).toEqual({ 0: 'memberMarks[0]', 1: 'memberMarks[1]' });
    expect(pvBody(pvFormOf(body, parties), 3, false).body).toEqual(body);
  });

  it('makes a non-conciliation PV without the fields of a conciliation, and a correction with its reason', () => {
    const f = emptyPvForm('2026-11-25', parties, []);
    f.kind = 'non-conciliation';
    f.members[0] = { name: 'A', role: 'président', sex: '', mark: '' };
    f.stepsTried = 'Deux séances';
    f.failureReason = 'Refus du défendeur';
    f.correctionReason = 'Erreur de date';
    expect(pvBody(f, 1, true).body).toEqual({
      version: 1,
      kind: 'non-conciliation',
      drawnUpOn: '2026-11-25',
      membersPresent: [{ name: 'A', role: 'président', sex: null }],
      memberMarks: [],
      stepsTried: ['Deux séances'],
      failureReason: 'Refus du défendeur',
      correctionReason: 'Erreur de date',
    });
  });

  it('sends the number of a homologation, the reason of a rejection', () => {
    const f = {
      decision: 'homologated' as const,
      decisionNumber: ' HOM-1 ',
      decisionDate: '2026-11-27',
      rejectionReason: 'x',
    };
    expect(decisionBody(f, 4)).toEqual({
      version: 4,
      decision: 'homologated',
      decisionDate: '2026-11-27',
      decisionNumber: 'HOM-1',
    });
    expect(decisionBody({ ...f, decision: 'rejected' }, 4).rejectionReason).toBe('x');
  });
});
