import type { SourceRecordInput } from '../ingest/event-sources';
import { expectedRecords, withoutRefused } from './rebuild';

const rec = (
  messageId: string,
  subject: string | null = null,
  version: number | null = null,
): SourceRecordInput => ({
  messageId,
  eventType: subject ? 'security.activity.recorded.v1' : 'land.case.filed.v1',
  day: '2013-05-02',
  placeCode: 'ML-SEG-SEG',
  subject,
  subjectVersion: version,
  payload: {},
});

describe('the records a rebuild counts', () => {
  it('counts the replay, the activities and the records the topics lost, an older version of a subject not', () => {
    const replayed = [rec('a'), rec('b', 'act-1', 2)];
    const activity = { ...rec('m'), eventType: 'reporting.activity.v1' };
    const ids = (rs: SourceRecordInput[]) => rs.map((r) => r.messageId);
    expect(
      ids(
        expectedRecords(replayed, {
          activities: [activity],
          kept: [rec('lost'), rec('old', 'act-1', 1), rec('newer', 'act-2', 5)],
        }),
      ),
    ).toEqual(['a', 'b', 'lost', 'newer', 'm']);
    // A version the topics no longer hold but newer than theirs (or as new) counts, theirs not.
    expect(ids(expectedRecords(replayed, { activities: [], kept: [rec('v3', 'act-1', 3)] }))).toEqual([
      'a',
      'v3',
    ]);
    expect(ids(expectedRecords(replayed, { activities: [], kept: [rec('v2', 'act-1', 2)] }))).toEqual([
      'a',
      'v2',
    ]);
  });

  it('leaves out the events the database refused; an edited record counts its newest version left', () => {
    const replay = {
      records: [rec('a'), rec('bad'), rec('v2', 'act-1', 2)],
      superseded: [rec('v1', 'act-1', 1)],
      messageIds: ['a', 'bad', 'v1', 'v2'],
      readable: ['a', 'bad', 'v1', 'v2'],
      parked: 0,
      read: 4,
    };
    const ids = (rs: SourceRecordInput[]) => rs.map((r) => r.messageId);
    const out = withoutRefused(replay, new Set(['bad', 'v2']));
    expect(ids(out.records)).toEqual(['a', 'v1']);
    expect(out.superseded).toEqual([]);
    expect(out.readable).toEqual(['a', 'v1']);
    expect(out.messageIds).toEqual(replay.messageIds);
    expect(withoutRefused(replay, new Set())).toBe(replay);
  });
});
