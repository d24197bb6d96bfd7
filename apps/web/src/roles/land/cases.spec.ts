import { actionsFor, nextVersion, oldestFirst, overdueCaseIds, sortCases } from './cases';

describe('the secretary cases list', () => {
  it('takes overdue from the API flag of the homologation queue, never from the age of a case', () => {
    const overdue = overdueCaseIds([
      { caseId: 'a', overdue: true },
      { caseId: 'b', overdue: false },
    ]);
    expect([...overdue]).toEqual(['a']);
  });

  it('puts overdue cases first, then by state in procedure order, oldest first', () => {
    const cases = [
      { id: '1', number: 'A', state: 'conciliated', filedOn: '2026-01-01' },
      { id: '2', number: 'B', state: 'filed', filedOn: '2026-11-20' },
      { id: '3', number: 'C', state: 'homologation-requested', filedOn: '2026-09-01' },
      { id: '4', number: 'D', state: 'filed', filedOn: '2026-08-01' },
      { id: '5', number: 'E', state: 'in-instruction', filedOn: '2026-11-10' },
    ] as const;
    expect(sortCases(cases, new Set(['3'])).map((c) => c.number)).toEqual(['C', 'D', 'B', 'E', 'A']);
  });
});

describe('case commands', () => {
  it('names the version read plus the commands still waiting on the case', () => {
    expect(nextVersion(3, 0)).toBe(3);
    expect(nextVersion(3, 2)).toBe(5);
  });

  it('offers each role what the procedure allows in each state', () => {
    const pv = { status: 'in-force' } as never;
    const sec = ['cofo-secretary'];
    const clerk = ['tribunal-clerk'];
    expect(actionsFor({ state: 'filed', pvs: [] }, sec)).toEqual(['step', 'pv']);
    expect(actionsFor({ state: 'conciliated', pvs: [pv] }, sec)).toEqual(['pv', 'homologation', 'pdf']);
    expect(actionsFor({ state: 'homologation-requested', pvs: [pv] }, sec)).toEqual(['pdf']);
    expect(actionsFor({ state: 'homologation-requested', pvs: [pv] }, clerk)).toEqual(['decision', 'pdf']);
    expect(actionsFor({ state: 'not-conciliated', pvs: [pv] }, clerk)).toEqual(['referral', 'pdf']);
    expect(actionsFor({ state: 'closed', pvs: [] }, sec)).toEqual([]);
  });
});

describe('the clerk queue', () => {
  it('puts the PV sent first on top, whenever its request was recorded', () => {
    const items = [
      { caseId: 'a', requestedOn: '2026-11-30' },
      { caseId: 'b', requestedOn: '2026-10-21' },
      { caseId: 'c', requestedOn: '2026-11-30' },
    ];
    expect(oldestFirst(items).map((i) => i.caseId)).toEqual(['b', 'a', 'c']);
  });
});
