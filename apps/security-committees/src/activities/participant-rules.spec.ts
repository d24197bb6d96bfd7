import type { DomainError } from '@prosmed/contracts';
import { assertSubCounts, participantCounts } from './participant-rules';

function refusal(p: Parameters<typeof assertSubCounts>[0]) {
  try {
    assertSubCounts(p);
    return null;
  } catch (err) {
    return (err as DomainError).toPayload();
  }
}

describe('participant counts', () => {
  it('accepts overlapping sub-counts each at most the total (the report’s football match)', () => {
    expect(refusal({ total: 120, women: 45, youth: 70, fds: 30 })).toBeNull();
    // Their sum may exceed the total: a young policewoman counts three times.
    expect(refusal({ total: 10, women: 10, youth: 10, fds: 10, children: 0 })).toBeNull();
    expect(refusal({ total: 0, women: 0, youth: 0, fds: 0, children: null })).toBeNull();
  });

  it('refuses each sub-count above the total, naming the field', () => {
    expect(refusal({ total: 120, women: 121, youth: 70, fds: 30 })).toEqual({
      code: 'PARTICIPANTS_EXCEED_TOTAL',
      kind: 'validation',
      params: { field: 'participants.women', count: 121, total: 120 },
      details: [{ field: 'participants.women', code: 'exceedsTotal' }],
    });
    for (const field of ['youth', 'fds', 'children'] as const) {
      const r = refusal({ total: 5, women: 0, youth: 0, fds: 0, children: 0, [field]: 6 });
      expect(r?.params).toEqual({ field: `participants.${field}`, count: 6, total: 5 });
    }
    expect(refusal({ total: 1, women: 2, youth: 1, fds: 3 })?.details).toEqual([
      { field: 'participants.women', code: 'exceedsTotal' },
      { field: 'participants.fds', code: 'exceedsTotal' },
    ]);
  });

  it('keeps children unknown (null) rather than zero when not counted', () => {
    expect(participantCounts({ total: 3, women: 1, youth: 1, fds: 0 })).toEqual({
      total: 3,
      women: 1,
      youth: 1,
      fds: 0,
      children: null,
    });
  });
});
