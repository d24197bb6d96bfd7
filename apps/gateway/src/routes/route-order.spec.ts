import { CATALOGUE } from '@prosmed/contracts';
import { compareSpecificity, routeShape, specificity } from './route-order';

describe('the order of the gateway routes', () => {
  it('ranks literals before parameters with text before bare parameters', () => {
    expect(specificity('reports/:reportId.pdf')).toEqual([0, 1]);
    expect(specificity('cases/:caseId/pvs')).toEqual([0, 2, 0]);
    const paths = ['reports/:reportId', 'reports/:reportId.pdf', 'reports/current', 'cases'];
    expect([...paths].sort(compareSpecificity)).toEqual([
      'cases',
      'reports/current',
      'reports/:reportId.pdf',
      'reports/:reportId',
    ]);
  });

  it('names parameters out of a shape', () => {
    expect(routeShape('get', 'cases/:caseId')).toBe(routeShape('GET', 'cases/:id'));
    expect(routeShape('GET', 'pvs/:pvId.pdf')).toBe('GET pvs/:.pdf');
  });

  it('has no two catalogue routes that Express could not tell apart (one would hide the other)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of CATALOGUE.filter((d) => d.http)) {
      const shape = routeShape(m.http!.method, m.http!.path);
      const other = seen.get(shape);
      if (other) clashes.push(`${other} and ${m.id}: ${shape}`);
      seen.set(shape, m.id);
    }
    expect(clashes).toEqual([]);
  });
});
