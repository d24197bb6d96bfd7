import { ACTIVITY_SOURCE_TYPE, Events } from '@prosmed/contracts';
import type { SourceRecordInput } from '../ingest/event-sources';
import { factOf, type IndicatorDef } from '../ingest/facts';

export interface Totals {
  value: number;
  female: number;
  male: number;
  youth: number;
}

/** Every current indicator's all-time totals over a set of records, as the read models would hold them. */
export function totalsOf(
  defs: readonly IndicatorDef[],
  records: readonly SourceRecordInput[],
): Map<string, Totals> {
  const out = new Map<string, Totals>();
  for (const def of defs) {
    const t = { value: 0, female: 0, male: 0, youth: 0 };
    const keys = new Set<string>();
    for (const r of records) {
      const f = factOf(def, r.eventType, r.payload);
      if (!f) continue;
      if (f.distinctKey !== null) keys.add(f.distinctKey);
      else t.value += f.value;
      t.female += f.female;
      t.male += f.male;
      t.youth += f.youth;
    }
    if (def.measure === 'distinct') t.value = keys.size;
    out.set(def.code, t);
  }
  return out;
}

/** Lines naming each indicator whose two totals differ (empty: they agree). */
export function differences(
  left: Map<string, Totals>,
  right: Map<string, Totals>,
  names: [string, string],
): string[] {
  const lines: string[] = [];
  for (const code of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(code) ?? { value: 0, female: 0, male: 0, youth: 0 };
    const b = right.get(code) ?? { value: 0, female: 0, male: 0, youth: 0 };
    for (const k of ['value', 'female', 'male', 'youth'] as const) {
      if (Math.abs(a[k] - b[k]) > 1e-9) lines.push(`${code} ${k}: ${names[0]} ${a[k]}, ${names[1]} ${b[k]}`);
    }
  }
  return lines;
}

/**
 * What each source service counts itself, beside what its events say. Read-only SQL on its schema: an
 * operator's reconciliation, not a dependency of the service (which knows the others through events only).
 */
export interface SourceCheck {
  label: string;
  sql: string;
  fromEvents: (records: readonly SourceRecordInput[]) => number;
}

const of = (
  records: readonly SourceRecordInput[],
  type: string,
  where: (p: Record<string, unknown>) => boolean = () => true,
) => records.filter((r) => r.eventType === type && where(r.payload));

export const SOURCE_CHECKS: readonly SourceCheck[] = [
  {
    label: 'land: dossiers saisis',
    sql: `SELECT count(*)::int AS n FROM "land"."dispute_case"`,
    fromEvents: (r) => new Set(of(r, Events.land.caseFiled).map((x) => x.payload.caseId)).size,
  },
  {
    label: 'land: PV de conciliation homologués',
    sql: `SELECT count(*)::int AS n FROM "land"."pv" WHERE "decision" = 'homologated'`,
    fromEvents: (r) => of(r, Events.land.homologationDecided, (p) => p.state === 'homologated').length,
  },
  {
    label: 'security: activités des CCS',
    sql: `SELECT count(*)::int AS n FROM "security"."activity"`,
    fromEvents: (r) => of(r, Events.security.activityRecorded).length,
  },
  {
    label: 'security: formations',
    sql: `SELECT count(*)::int AS n FROM "security"."training"`,
    fromEvents: (r) => of(r, Events.security.trainingRecorded).length,
  },
  {
    label: 'security: infrastructures',
    sql: `SELECT count(*)::int AS n FROM "security"."infrastructure"`,
    fromEvents: (r) => of(r, Events.security.infrastructureRecorded).length,
  },
];

/** Records of other services only (the activities recorded here are not in any topic). */
export const fromOtherServices = (r: SourceRecordInput): boolean => r.eventType !== ACTIVITY_SOURCE_TYPE;
