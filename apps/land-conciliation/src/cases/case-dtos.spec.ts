import {
  CreateCofoDto,
  FileCaseDto,
  RecordPvDto,
  ReferCaseDto,
  RequestHomologationDto,
  type DomainError,
} from '@prosmed/contracts';
import { validatePayload } from '@prosmed/messaging';

/** What the service answers for a payload: the fields refused, or `ok`. */
function refused(dto: new () => object, body: unknown): string[] | 'ok' {
  try {
    validatePayload(dto, body);
    return 'ok';
  } catch (err) {
    const e = err as DomainError;
    expect(e.code).toBe('VALIDATION_FAILED');
    return [...new Set((e.details ?? []).map((d) => d.field))];
  }
}

const CASE_ID = '0b5c2c4e-8a41-4c57-9a3a-3f0c1b2a9d10';
const filing = {
  cofoCode: 'SEG01',
  filedOn: '2026-01-02',
  disputeType: 'autre',
  summary: 'Limite contestée',
  parties: [
    { kind: 'person', name: 'Aminata Traoré', sex: 'F', role: 'demandeur' },
    { kind: 'person', name: 'Bakary Diarra', sex: 'M', role: 'defendeur' },
  ],
  land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Champ de mil' },
};
const pv = {
  caseId: CASE_ID,
  version: 1,
  kind: 'conciliation',
  drawnUpOn: '2026-01-05',
  membersPresent: [{ name: 'Moussa Keïta', role: 'président' }],
  agreedPoints: ['Partage'],
};

describe('land DTOs (issue 10 regressions)', () => {
  it('accept the well-formed payloads used below', () => {
    expect(refused(FileCaseDto, filing)).toBe('ok');
    expect(refused(RecordPvDto, pv)).toBe('ok');
  });

  // `@ValidateNested` alone let these through, and the service failed on them with a 500.
  it.each([
    ['no land', { ...filing, land: undefined }, 'land'],
    ['land as an array', { ...filing, land: [] }, 'land'],
    ['land as a list of lands', { ...filing, land: [filing.land] }, 'land'],
    ['gps as an array', { ...filing, land: { ...filing.land, gps: [] } }, 'land.gps'],
    ['parties as lists', { ...filing, parties: [[], []] }, 'parties'],
  ])('refuse a filing with %s, naming the field', (_label, body, field) => {
    expect(refused(FileCaseDto, body)).toContain(field);
  });

  it.each([
    ['members as lists', { ...pv, membersPresent: [[]] }, 'membersPresent'],
    ['marks as lists', { ...pv, marks: [[]] }, 'marks'],
    ['member marks as lists', { ...pv, memberMarks: [[]] }, 'memberMarks'],
  ])('refuse a PV with %s', (_label, body, field) => {
    expect(refused(RecordPvDto, body)).toContain(field);
  });

  it('refuses a CoFo whose members are not objects', () => {
    const cofo = { code: 'X1', name: 'CoFo X', level: 'commune', placeCode: 'ML-SEG-SEG-SEG' };
    expect(refused(CreateCofoDto, { ...cofo, members: [] })).toBe('ok');
    expect(refused(CreateCofoDto, { ...cofo, members: [[]] })).toContain('members');
  });

  it.each([[1.5e308], [2 ** 31], [0], [1.5], [-1], ['1'], [null]])('refuses version %p', (version) => {
    expect(refused(RequestHomologationDto, { caseId: CASE_ID, version, requestedOn: '2026-01-05' })).toEqual([
      'version',
    ]);
  });

  it('accepts the largest PostgreSQL integer as a version', () => {
    expect(
      refused(RequestHomologationDto, { caseId: CASE_ID, version: 2 ** 31 - 1, requestedOn: '2026-01-05' }),
    ).toBe('ok');
  });

  it('requires the court and the date of a referral', () => {
    const refer = {
      caseId: CASE_ID,
      version: 2,
      court: "Tribunal d'instance de Ségou",
      referredOn: '2026-01-06',
    };
    expect(refused(ReferCaseDto, refer)).toBe('ok');
    expect(refused(ReferCaseDto, { caseId: CASE_ID, version: 2 })).toEqual(['court', 'referredOn']);
    expect(refused(ReferCaseDto, { ...refer, court: '   ' })).toEqual(['court']);
    expect(refused(ReferCaseDto, { ...refer, court: null })).toEqual(['court']);
    expect(refused(ReferCaseDto, { ...refer, referredOn: null })).toEqual(['referredOn']);
  });

  it('records each member’s mark by the member’s name: signature or thumbprint', () => {
    const marked = { ...pv, memberMarks: [{ name: 'Moussa Keïta', kind: 'thumbprint' }] };
    expect(refused(RecordPvDto, marked)).toBe('ok');
    expect(
      refused(RecordPvDto, { ...pv, memberMarks: [{ name: 'Moussa Keïta', kind: 'represented' }] }),
    ).toEqual(['memberMarks[0].kind']);
    expect(refused(RecordPvDto, { ...pv, memberMarks: [{ kind: 'signature' }] })).toEqual([
      'memberMarks[0].name',
    ]);
  });
});
