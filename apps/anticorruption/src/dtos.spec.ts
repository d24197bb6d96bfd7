import {
  ActionListQueryDto,
  AdoptWorkPlanDto,
  CreateWorkPlanDto,
  OpenSessionDto,
  PlanImportDto,
  ProposeUpdateDto,
  RecordMinutesDto,
  ReturnUpdateDto,
  WorkPlanYearDto,
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

const PROPOSAL = {
  code: 'ACT-2.1.1.01',
  period: '2024-Q1',
  status: 'en cours',
  progress: 40,
  budgetSpent: 15_000_000,
  comment: 'Atelier tenu.',
};
const ID = '5c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e';

describe('anticorruption request classes', () => {
  it('take a proposal with a status of the plan, an integer progress 0..100 and integer FCFA', () => {
    expect(refused(ProposeUpdateDto, PROPOSAL)).toBe('ok');
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, status: 'terminée' })).toEqual(['status']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, progress: 101 })).toEqual(['progress']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, progress: 12.5 })).toEqual(['progress']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, budgetSpent: 1.5 })).toEqual(['budgetSpent']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, budgetSpent: -1 })).toEqual(['budgetSpent']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, budgetSpent: 2 ** 53 })).toEqual(['budgetSpent']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, period: '2024-Q5' })).toEqual(['period']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, comment: '   ' })).toEqual(['comment']);
    expect(
      refused(ProposeUpdateDto, { ...PROPOSAL, indicatorValues: [{ indicatorId: 'x', value: -2 }] }),
    ).toEqual(['indicatorValues[0].indicatorId', 'indicatorValues[0].value']);
    expect(refused(ProposeUpdateDto, { ...PROPOSAL, structureCode: 'MJDH' })).toEqual(['structureCode']);
  });

  it('need a comment to return an update', () => {
    expect(refused(ReturnUpdateDto, { updateId: ID, version: 2, comment: 'Précisez.' })).toBe('ok');
    expect(refused(ReturnUpdateDto, { updateId: ID, version: 2 })).toEqual(['comment']);
    expect(refused(ReturnUpdateDto, { updateId: ID, version: 0, comment: '' })).toEqual([
      'comment',
      'version',
    ]);
  });

  it('take sessions over quarters, minutes with decisions, work plans of the strategy’s years', () => {
    const session = { title: 'Session', heldOn: '2024-04-15', periodFrom: '2024-Q1', periodTo: '2024-Q1' };
    expect(refused(OpenSessionDto, session)).toBe('ok');
    expect(refused(OpenSessionDto, { ...session, heldOn: '15/04/2024', periodTo: 'T1-2024' })).toEqual([
      'heldOn',
      'periodTo',
    ]);
    expect(refused(RecordMinutesDto, { sessionId: ID, version: 1, minutes: 'PV', decisions: [3] })).toEqual([
      'decisions',
    ]);
    expect(refused(CreateWorkPlanDto, { year: 2024, items: [{ code: 'A-1' }, { code: 'A-1' }] })).toEqual([
      'items',
    ]);
    expect(refused(CreateWorkPlanDto, { year: 2030, items: [] })).toEqual(['year', 'items']);
    expect(validatePayload(WorkPlanYearDto, { year: '2024' })).toMatchObject({ year: 2024 });
    expect(refused(AdoptWorkPlanDto, { year: 2024, version: 1, sessionId: 'x' })).toEqual(['sessionId']);
  });

  it('read list filters from the query string', () => {
    expect(validatePayload(ActionListQueryDto, { late: 'true', limit: '20' })).toMatchObject({
      late: true,
      limit: 20,
    });
    expect(refused(ActionListQueryDto, { late: 'oui', axis: 'A5' })).toEqual(['axis', 'late']);
  });

  it('take the plan file as a named base64 upload', () => {
    expect(refused(PlanImportDto, { fileName: 'plan.csv', content: 'YXhl' })).toBe('ok');
    expect(refused(PlanImportDto, { fileName: '../plan.csv', content: 'not base64!' })).toEqual([
      'fileName',
      'content',
    ]);
  });
});
