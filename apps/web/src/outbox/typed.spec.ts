import { fillPath } from './path';

describe('path templates', () => {
  it('fills each parameter, escaped, and refuses a missing one', () => {
    expect(fillPath('/api/v1/cases/{caseId}/steps', { caseId: 'a/b c' })).toBe(
      '/api/v1/cases/a%2Fb%20c/steps',
    );
    expect(fillPath('/api/v1/cases')).toBe('/api/v1/cases');
    expect(() => fillPath('/api/v1/cases/{caseId}', {})).toThrow('missing path parameter caseId');
  });
});
