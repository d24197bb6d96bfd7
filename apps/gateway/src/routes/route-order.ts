/**
 * Express tries routes in the order they were added and takes the first that matches, so a path with a
 * parameter added before a more specific one would swallow it: `reports/:reportId` answers
 * `reports/R1.pdf` before `reports/:reportId.pdf` is tried. The gateway therefore adds its routes from
 * the most to the least specific, whatever the order of the catalogue, and a unit test refuses two
 * routes that no order can tell apart.
 */

/** Per segment: 0 a literal (`cases`), 1 a parameter with literal text (`:pvId.pdf`), 2 a bare parameter. */
export function specificity(path: string): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((seg) => (!seg.includes(':') ? 0 : /^:[A-Za-z_]\w*$/.test(seg) ? 2 : 1));
}

/**
 * Negative when `a` must be added before `b`: the first segment where they differ decides (paths of
 * different lengths never match the same URL; the length only makes the order total).
 */
export function compareSpecificity(a: string, b: string): number {
  const sa = specificity(a);
  const sb = specificity(b);
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) if (sa[i] !== sb[i]) return sa[i] - sb[i];
  return sa.length - sb.length;
}

/** The route's shape as Express matches it: parameters' names do not matter (`cases/:`, `pvs/:.pdf`). */
export function routeShape(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:[A-Za-z_]\w*/g, ':')}`;
}
