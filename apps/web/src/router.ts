// A hash router (`#/land/cases`): the gateway serves one page, and a reload or a link works offline too.
import { useEffect, useState } from 'preact/hooks';

export { findRoute, hashQuery, matchPath, type RouteParams } from './route-match';

export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export function navigate(path: string): void {
  location.hash = path;
}

/** The path of the hash, kept up to date. */
export function usePath(): string {
  const [path, set] = useState(currentPath());
  useEffect(() => {
    const on = () => set(currentPath());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}
