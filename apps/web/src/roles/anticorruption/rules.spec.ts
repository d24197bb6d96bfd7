import {
  canAddEvidence,
  canResubmit,
  evidenceTooLarge,
  EVIDENCE_MAX_BYTES,
  parseFcfa,
  periodLabel,
  periodOf,
  reportablePeriods,
  sortActions,
} from './rules';

describe('anti-corruption screen rules', () => {
  it('puts late actions first, then the nearest end date, then the code', () => {
    const list = [
      { code: 'B', late: false, endOn: '2025-01-01' },
      { code: 'C', late: true, endOn: '2025-06-30' },
      { code: 'A', late: false, endOn: '2025-01-01' },
      { code: 'D', late: true, endOn: '2024-12-31' },
    ];
    expect(sortActions(list).map((a) => a.code)).toEqual(['D', 'C', 'A', 'B']);
  });

  it('reads an FCFA amount as an integer and refuses decimals', () => {
    expect(parseFcfa('2 500 000')).toEqual({ ok: true, value: 2_500_000 });
    expect(parseFcfa('2\u202f500\u202f000 FCFA')).toEqual({ ok: true, value: 2_500_000 });
    expect(parseFcfa('2.500.000')).toEqual({ ok: true, value: 2_500_000 });
    expect(parseFcfa('0')).toEqual({ ok: true, value: 0 });
    expect(parseFcfa('1500,50')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseFcfa('1500.5')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseFcfa('1500,')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseFcfa('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseFcfa('-5')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseFcfa('12a')).toEqual({ ok: false, reason: 'invalid' });
    expect(parseFcfa('99999999999999999999')).toEqual({ ok: false, reason: 'too-large' });
  });

  it('lists the quarters an action can be reported on, newest first, without those taken', () => {
    expect(periodOf('2026-11-30')).toBe('2026-Q4');
    expect(periodOf('2024-01-01')).toBe('2024-Q1');
    expect(reportablePeriods('2025-05-10', '2026-02-01')).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
    ]);
    expect(reportablePeriods('2025-05-10', '2026-02-01', ['2026-Q1', '2025-Q3'])).toEqual([
      '2025-Q4',
      '2025-Q2',
    ]);
    expect(reportablePeriods('2027-01-01', '2026-02-01')).toEqual([]);
    expect(periodLabel('2026-Q4')).toBe('T4 2026');
  });

  it('offers only the steps the workflow allows, and checks a file size before sending it', () => {
    expect(canResubmit('returned')).toBe(true);
    expect(canResubmit('consolidated')).toBe(false);
    expect(canAddEvidence('returned')).toBe(true);
    expect(canAddEvidence('validated')).toBe(false);
    expect(evidenceTooLarge(EVIDENCE_MAX_BYTES)).toBe(false);
    expect(evidenceTooLarge(EVIDENCE_MAX_BYTES + 1)).toBe(true);
  });
});
