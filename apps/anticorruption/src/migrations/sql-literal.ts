/** A SQL string literal for migrations written from constants (never from user input). */
export function lit(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v !== 'string') return String(v);
  return `'${v.replace(/'/g, "''")}'`;
}
