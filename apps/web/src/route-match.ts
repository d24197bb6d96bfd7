// The pure part of the router (no DOM, no Preact): unit-tested in route-match.spec.ts.
export type RouteParams = Record<string, string>;

/** `/land/cases/:caseId` against `/land/cases/42` gives `{ caseId: '42' }`; no match gives undefined. */
export function matchPath(pattern: string, path: string): RouteParams | undefined {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('?')[0].split('/').filter(Boolean);
  if (p.length !== s.length) return undefined;
  const params: RouteParams = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) {
      try {
        params[p[i].slice(1)] = decodeURIComponent(s[i]);
      } catch {
        return undefined;
      }
    } else if (p[i] !== s[i]) return undefined;
  }
  return params;
}

/** The first route whose pattern matches, with its parameters. */
export function findRoute<R extends { path: string }>(
  routes: readonly R[],
  path: string,
): { route: R; params: RouteParams } | undefined {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** The query string after the path in the hash (`#/land/cases?state=filed`). */
export function hashQuery(hash: string): URLSearchParams {
  const i = hash.indexOf('?');
  return new URLSearchParams(i < 0 ? '' : hash.slice(i + 1));
}
