// The pure part of typed.ts (unit-tested in typed.spec.ts).
/** `/api/v1/cases/{caseId}/steps` with `{ caseId: 'c1' }` as `/api/v1/cases/c1/steps` (each value escaped). */
export function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_all, name: string) => {
    if (!(name in params)) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(params[name]));
  });
}
