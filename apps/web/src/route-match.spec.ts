import { findRoute, hashQuery, matchPath } from './route-match';

describe('the hash router', () => {
  it('matches patterns with parameters, and the query after the path', () => {
    expect(matchPath('/land/cases/:caseId', '/land/cases/a%20b')).toEqual({ caseId: 'a b' });
    expect(matchPath('/land/cases', '/land/cases?state=filed')).toEqual({});
    expect(matchPath('/land/cases', '/land/cases/new')).toBeUndefined();
    expect(matchPath('/land/cases/:id', '/land/cases/%E0')).toBeUndefined();
    expect(hashQuery('/land/cases?state=filed').get('state')).toBe('filed');
  });

  it('takes the first route that matches', () => {
    const routes = [{ path: '/land/cases/new' }, { path: '/land/cases/:caseId' }];
    expect(findRoute(routes, '/land/cases/new')?.route).toBe(routes[0]);
    expect(findRoute(routes, '/land/cases/42')?.params).toEqual({ caseId: '42' });
    expect(findRoute(routes, '/ccs')).toBeUndefined();
  });
});
