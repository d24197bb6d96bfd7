// A hash router (`#/land/cases`): the gateway serves one page, and a reload or a link works offline too.
import { useEffect, useState } from 'preact/hooks';

export { findRoute, hashQuery, matchPath, type RouteParams } from './route-match';

export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

export function navigate(path: string): void {
  // The same address again (a new form after saving one) fires no hashchange: say it, so the screen
  // starts afresh rather than keeping the last form's values.
  if (currentPath() === path) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = path;
}

/** The path and the number of the visit: a screen keyed on both starts afresh at each navigation. */
export function useVisit(): { path: string; visit: number } {
  const [state, set] = useState({ path: currentPath(), visit: 0 });
  useEffect(() => {
    const on = () => set((s) => ({ path: currentPath(), visit: s.visit + 1 }));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return state;
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
