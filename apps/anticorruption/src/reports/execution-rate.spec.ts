import type { ActionStatus } from '@prosmed/contracts';
import { executionReport, rateLine, type ActionFact } from './execution-rate';

const fact = (
  code: string,
  status: ActionStatus,
  progress: number,
  over: Partial<ActionFact> = {},
): ActionFact => ({
  code,
  axisCode: 'A1',
  specificCode: 'OS1',
  structureCode: 'OCLEI',
  endOn: '2025-12-31',
  status,
  progress,
  budgetPlanned: 1_000_000,
  budgetSpent: 250_000,
  late: false,
  ...over,
});

describe('execution arithmetic', () => {
  it('is the mean validated progress of the actions not abandoned; réalisée counts 100 %', () => {
    const line = rateLine('A1', 'Gouvernance', [
      fact('a', 'en cours', 40),
      fact('b', 'réalisée', 90),
      fact('c', 'non démarrée', 0),
      fact('d', 'abandonnée', 10),
    ]);
    expect(line).toEqual({
      key: 'A1',
      label: 'Gouvernance',
      actions: 4,
      counted: 3,
      done: 1,
      late: 0,
      executionRate: 46.7, // (40 + 100 + 0) / 3
      doneRate: 33.3,
      budgetPlanned: 4_000_000,
      budgetSpent: 1_000_000,
    });
  });

  it('rates an empty group 0 and keeps FCFA sums as exact integers', () => {
    expect(rateLine('A4', 'Communication', [])).toMatchObject({
      executionRate: 0,
      doneRate: 0,
      budgetPlanned: 0,
    });
    const big = rateLine('X', 'x', [
      fact('a', 'en cours', 1, { budgetPlanned: 4_000_000_000_001, budgetSpent: 3 }),
      fact('b', 'en cours', 2, { budgetPlanned: 5_000_000_000_002, budgetSpent: 4 }),
    ]);
    expect(big.budgetPlanned).toBe(9_000_000_000_003);
    expect(Number.isInteger(big.budgetSpent)).toBe(true);
    expect(big.executionRate).toBe(1.5);
  });

  it('reports all four axes, objectives, structures and the late actions', () => {
    const facts = [
      fact('a', 'en cours', 50, { late: true, endOn: '2024-12-31' }),
      fact('b', 'réalisée', 100, { axisCode: 'A3', specificCode: 'OS3', structureCode: 'MJDH' }),
    ];
    const labels = {
      axes: new Map([
        ['A1', 'Gouvernance'],
        ['A2', 'Prévention'],
        ['A3', 'Répression'],
        ['A4', 'Communication'],
      ]),
      objectives: new Map([['OS1', 'o1']]),
      structures: new Map([['OCLEI', 'Office']]),
    };
    const r = executionReport(facts, labels, { period: '2024-Q4', sessionId: null, asOf: '2026-01-01' });
    expect(r.byAxis.map((l) => [l.key, l.actions, l.executionRate])).toEqual([
      ['A1', 1, 50],
      ['A2', 0, 0],
      ['A3', 1, 100],
      ['A4', 0, 0],
    ]);
    expect(r.byObjective.map((l) => [l.key, l.label])).toEqual([
      ['OS1', 'o1'],
      ['OS3', 'OS3'],
    ]);
    expect(r.byStructure.map((l) => l.key)).toEqual(['MJDH', 'OCLEI']);
    expect(r.total).toMatchObject({ actions: 2, executionRate: 75, late: 1 });
    expect(r.lateActions).toEqual([
      {
        code: 'a',
        axisCode: 'A1',
        responsibleCode: 'OCLEI',
        endOn: '2024-12-31',
        status: 'en cours',
        progress: 50,
      },
    ]);
  });
});
