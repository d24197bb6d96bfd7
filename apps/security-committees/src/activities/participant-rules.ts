import { domainError, type ParticipantCountsV1, type ParticipantsDto } from '@prosmed/contracts';

/** The overlapping sub-counts of participants, in the order they are checked (and reported). */
const SUB_COUNTS = ['women', 'youth', 'fds', 'children'] as const;

/**
 * Each sub-count (women, youth, FDS members, children) is at most the total: they overlap (a young woman
 * of the police counts in three), so their sum may exceed the total, but no one of them may.
 * `PARTICIPANTS_EXCEED_TOTAL` names the first field at fault, and every one in the details.
 */
export function assertSubCounts(p: ParticipantsDto, prefix = 'participants'): void {
  const over = SUB_COUNTS.filter((k) => (p[k] ?? 0) > p.total);
  if (over.length === 0) return;
  const first = over[0];
  throw domainError(
    'PARTICIPANTS_EXCEED_TOTAL',
    { field: `${prefix}.${first}`, count: p[first] ?? 0, total: p.total },
    over.map((k) => ({ field: `${prefix}.${k}`, code: 'exceedsTotal' })),
  );
}

export function participantCounts(p: ParticipantsDto): ParticipantCountsV1 {
  return { total: p.total, women: p.women, youth: p.youth, fds: p.fds, children: p.children ?? null };
}
