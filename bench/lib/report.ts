export interface Target {
  name: string;
  /** The measured figure, or `null` when it could not be measured in this run. */
  value: number | null;
  unit: string;
  limit: number;
  /** `min`: the value must be at least `limit`; `max`: at most. */
  kind: 'min' | 'max';
  note?: string;
}

export type Verdict = 'MET' | 'MISSED' | 'NOT MEASURED';

export function verdict(t: Target): Verdict {
  if (t.value === null || !Number.isFinite(t.value)) return 'NOT MEASURED';
  return (t.kind === 'min' ? t.value >= t.limit : t.value <= t.limit) ? 'MET' : 'MISSED';
}

/** Pure: a fixed-width text table, numbers right-aligned. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Pure: the same table as GitHub Markdown (for the README). */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const esc = (c: string | number | null) =>
    c === null || c === undefined ? '-' : String(c).replace(/\|/g, '\\|');
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
