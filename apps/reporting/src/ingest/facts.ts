import type { IndicatorMeasure } from '@prosmed/contracts';
import { at } from './event-sources';

/** An indicator version as the fact builder reads it (a row of `reporting.indicator`). */
export interface IndicatorDef {
  id: string;
  code: string;
  measure: IndicatorMeasure;
  sources: IndicatorSourceDef[];
}

export interface IndicatorSourceDef {
  eventTypes: string[];
  where?: Record<string, string | number | boolean | (string | number)[]>;
  valueField?: string;
  femaleField?: string;
  maleField?: string;
  youthField?: string;
  distinctField?: string;
}

/** What one record adds to one indicator. Sub-counts are 0 where the source gives none. */
export interface Fact {
  value: number;
  female: number;
  male: number;
  youth: number;
  distinctKey: string | null;
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function matches(where: IndicatorSourceDef['where'], payload: unknown): boolean {
  if (!where) return true;
  return Object.entries(where).every(([path, expected]) => {
    const actual = at(payload, path);
    return Array.isArray(expected) ? expected.some((e) => e === actual) : expected === actual;
  });
}

/**
 * The fact a record gives an indicator, or null when the indicator does not count it: the first source
 * that selects the record decides (sources are alternatives, e.g. CCS trainings or M&E trainings).
 * `count` adds 1, `sum` the number at `valueField` (1 for a source without one), `distinct` 1 keyed by `distinctField` (the query
 * counts keys once over the period).
 */
export function factOf(def: IndicatorDef, eventType: string, payload: unknown): Fact | null {
  const source = def.sources.find((s) => s.eventTypes.includes(eventType) && matches(s.where, payload));
  if (!source) return null;
  const female = source.femaleField ? num(at(payload, source.femaleField)) : 0;
  const male = source.maleField ? num(at(payload, source.maleField)) : 0;
  const youth = source.youthField ? num(at(payload, source.youthField)) : 0;
  if (def.measure === 'sum') {
    // A source without a value field counts its records (14 infrastructures handed over, beside M&E entries).
    const value = source.valueField ? num(at(payload, source.valueField)) : 1;
    return { value, female, male, youth, distinctKey: null };
  }
  if (def.measure === 'distinct') {
    const key = source.distinctField ? at(payload, source.distinctField) : undefined;
    if (typeof key !== 'string' && typeof key !== 'number') return null;
    return { value: 1, female, male, youth, distinctKey: String(key) };
  }
  return { value: 1, female, male, youth, distinctKey: null };
}

/** Which breakdowns an indicator can give at all: a sex or youth field in every one of its sources. */
export function breakdownsOf(def: Pick<IndicatorDef, 'sources'>): {
  female: boolean;
  male: boolean;
  youth: boolean;
} {
  const every = (k: 'femaleField' | 'maleField' | 'youthField') => def.sources.every((s) => Boolean(s[k]));
  return { female: every('femaleField'), male: every('maleField'), youth: every('youthField') };
}
