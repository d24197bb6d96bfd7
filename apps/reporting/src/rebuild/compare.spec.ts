import type { SourceRecordInput } from '../ingest/event-sources';
import type { IndicatorDef } from '../ingest/facts';
import { differences, SOURCE_CHECKS, totalsOf } from './compare';

const rec = (eventType: string, payload: Record<string, unknown>): SourceRecordInput => ({
  messageId: String(Math.random()),
  eventType,
  day: '2023-11-01',
  placeCode: 'ML-SEG-SEG',
  subject: null,
  subjectVersion: null,
  payload,
});
const defs: IndicatorDef[] = [
  { id: '1', code: 'cases', measure: 'count', sources: [{ eventTypes: ['land.case.filed.v1'] }] },
  {
    id: '2',
    code: 'cofos',
    measure: 'distinct',
    sources: [{ eventTypes: ['land.case.filed.v1'], distinctField: 'cofoCode' }],
  },
];

describe('the rebuild’s comparison', () => {
  const records = [
    rec('land.case.filed.v1', { caseId: 'a', cofoCode: 'SEG01' }),
    rec('land.case.filed.v1', { caseId: 'b', cofoCode: 'SEG01' }),
    rec('land.homologation.decided.v1', { caseId: 'a', state: 'homologated' }),
  ];

  it('recomputes every indicator over the replayed records', () => {
    const t = totalsOf(defs, records);
    expect(t.get('cases')).toEqual({ value: 2, female: 0, male: 0, youth: 0 });
    expect(t.get('cofos')?.value).toBe(1);
  });

  it('prints one line per differing figure, none when they agree', () => {
    const t = totalsOf(defs, records);
    expect(differences(t, t, ['a', 'b'])).toEqual([]);
    const less = totalsOf(defs, records.slice(1));
    expect(differences(t, less, ['topics', 'read model'])).toEqual(['cases value: topics 2, read model 1']);
  });

  it('counts from the events what each source service counts', () => {
    const byLabel = Object.fromEntries(SOURCE_CHECKS.map((c) => [c.label, c.fromEvents(records)]));
    expect(byLabel['land: dossiers saisis']).toBe(2);
    expect(byLabel['land: PV de conciliation homologués']).toBe(1);
  });
});
