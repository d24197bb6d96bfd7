import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Events, Headers, ReportingMessages as M, type LandEventV1 } from '@prosmed/contracts';
import { JsonLogger, PLATFORM_CONFIG } from '@prosmed/messaging';
import { testKafka } from '@prosmed/testing';
import { DataSource } from 'typeorm';
import { EventConsumer } from '../src/ingest/event-consumer';
import { FactStore } from '../src/ingest/fact-store';
import { demoIdentity, runTag, startReportingHarness, type ReportingHarness } from './reporting-harness';

/**
 * A land event as the land service's outbox publishes it (no names: counts, codes, dates). Dated 2014, a
 * year no report is drafted for, so that these test events stay out of the programme's quarters.
 */
function landEvent(caseId: string, over: Partial<LandEventV1> = {}): LandEventV1 {
  return {
    caseId,
    caseNumber: `COFO-SEG01-2023-${caseId.slice(0, 4)}`,
    cofoCode: 'SEG01',
    placeCode: 'ML-SEG-SEG-SEG',
    disputeType: 'limites-de-champs',
    date: '2014-11-15',
    occurredAt: new Date().toISOString(),
    state: 'filed',
    parties: {
      total: 3,
      bySex: { F: 2, M: 1, group: 0 },
      byAgeGroup: { 'under-15': 0, 'youth-15-35': 1, 'adult-36-59': 2, 'elder-60-plus': 0, unknown: 0 },
    },
    ...over,
  };
}

describe('reporting: events of the real topics into the read models (PostgreSQL, Kafka)', () => {
  let h: ReportingHarness;
  let producer: Producer;

  beforeAll(async () => {
    h = await startReportingHarness();
    producer = testKafka().producer();
    await producer.connect();
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await h?.close();
  });

  // Keyed by the aggregate, as the outbox relay does (one record's events stay in order on one partition).
  const send = (topic: string, id: string, payload: unknown, eventType = topic) =>
    producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: (payload as { activityId?: string; caseId?: string }).activityId ?? randomUUID(),
          value: JSON.stringify(payload),
          headers: { [Headers.messageId]: id, [Headers.eventType]: eventType },
        },
      ],
    });

  const factsOf = (messageId: string) =>
    h.countWhen(
      `SELECT count(*)::int AS n FROM reporting.indicator_fact f JOIN reporting.source_record r ON r.id = f.record_id
        JOIN reporting.indicator i ON i.id = f.indicator_id WHERE r.message_id = $1 AND i.code IN ('r1-cases-filed', 'r1-case-parties')`,
      [messageId],
      2,
    );

  it('counts a filed case once, even when it is delivered again and when the topics are replayed', async () => {
    const id = randomUUID();
    await send(Events.land.caseFiled, id, landEvent(randomUUID()));
    expect(await factsOf(id)).toBe(2);
    const [parties] = await h.db.query(
      `SELECT f.value::int AS value, f.female::int AS female, f.male::int AS male, f.youth::int AS youth
         FROM reporting.indicator_fact f JOIN reporting.source_record r ON r.id = f.record_id
         JOIN reporting.indicator i ON i.id = f.indicator_id WHERE r.message_id = $1 AND i.code = 'r1-case-parties'`,
      [id],
    );
    expect(parties).toEqual({ value: 3, female: 2, male: 1, youth: 1 });

    // The same event again (the outbox relay re-sends a batch after a crash): its id is already claimed.
    await send(Events.land.caseFiled, id, landEvent(randomUUID()));
    const marker = randomUUID();
    await send(Events.land.caseFiled, marker, landEvent(randomUUID()));
    expect(await factsOf(marker)).toBe(2);
    expect(
      await h.countWhen(
        `SELECT count(*)::int AS n FROM reporting.source_record WHERE message_id = $1`,
        [id],
        1,
      ),
    ).toBe(1);

    // A new group reads every topic from its beginning: every event is seen again, none counted again.
    const app = h.service.app;
    const replay = new EventConsumer(
      app.get(DataSource),
      app.get(PLATFORM_CONFIG),
      app.get(JsonLogger),
      app.get(FactStore),
    );
    // What our three events counted, before the replay (other people's events may arrive meanwhile on the
    // shared broker: the check is on ours).
    const ours = [id, marker];
    const countOurs = async () =>
      (
        (await h.db.query(
          `SELECT count(*)::int AS n FROM reporting.indicator_fact f JOIN reporting.source_record r ON r.id = f.record_id
            WHERE r.message_id = ANY($1)`,
          [ours],
        )) as { n: number }[]
      )[0].n;
    const before = await countOurs();
    await replay.start({ groupId: `reporting-replay-it-${runTag}`, topics: [Events.land.caseFiled] });
    try {
      // Caught up once it has read at least our three records and then nothing more for a second.
      const end = Date.now() + 20_000;
      let last = -1;
      while (Date.now() < end && (replay.handled < 3 || replay.handled !== last)) {
        last = replay.handled;
        await new Promise((r) => setTimeout(r, 1000));
      }
      expect(replay.handled).toBeGreaterThanOrEqual(3);
    } finally {
      await replay.beforeApplicationShutdown();
    }
    expect(await countOurs()).toBe(before);
    const records: { n: number }[] = await h.db.query(
      `SELECT count(*)::int AS n FROM reporting.source_record WHERE message_id = ANY($1)`,
      [ours],
    );
    expect(records[0].n).toBe(2);
    expect(await factsOf(id)).toBe(2);
  });

  it('parks an event of an unknown version or type, lists it, and goes on with the next one', async () => {
    const v2 = randomUUID();
    await send(
      Events.land.caseFiled,
      v2,
      { caseId: randomUUID(), shape: 'of the future' },
      'land.case.filed.v2',
    );
    const broken = randomUUID();
    await send(Events.land.caseClosed, broken, { caseId: randomUUID(), date: 'yesterday' });
    const next = randomUUID();
    await send(Events.land.caseFiled, next, landEvent(randomUUID()));
    expect(await factsOf(next)).toBe(2);
    expect(
      await h.countWhen(
        `SELECT count(*)::int AS n FROM reporting.parked_event WHERE message_id = ANY($1)`,
        [[v2, broken]],
        2,
      ),
    ).toBe(2);
    const reasons: { message_id: string; reason: string }[] = await h.db.query(
      `SELECT message_id, reason FROM reporting.parked_event WHERE message_id = ANY($1) ORDER BY reason`,
      [[v2, broken]],
    );
    expect(reasons).toEqual([
      { message_id: broken, reason: 'invalid-payload' },
      { message_id: v2, reason: 'unknown-version' },
    ]);
    const listed = await h.call<{ items: { eventType: string; reason: string }[]; total: number }>(
      M.parkedEvents.id,
      { limit: 500 },
    );
    expect(listed.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ eventType: 'land.case.filed.v2', reason: 'unknown-version' }),
      ]),
    );
    // What leaves the service names the event, never its content.
    expect(JSON.stringify(listed)).not.toContain('of the future');
  });

  it('reads a parked event again on request: counted once when the service now knows it, else still parked', async () => {
    const admin = demoIdentity('admin.prosmed');
    // As an older build of this service parked it: a land filing it did not know yet.
    const learned = randomUUID();
    const [{ id }]: { id: string }[] = await h.db.query(
      `INSERT INTO reporting.parked_event (topic, partition, "offset", message_id, event_type, reason, detail, payload)
       VALUES ($1, 0, '0', $2, $1, 'unknown-type', 'test', $3) RETURNING id::text AS id`,
      [Events.land.caseFiled, learned, JSON.stringify(landEvent(randomUUID()))],
    );
    const denied = await h.fail(M.parkedEventRetry.id, { id }, demoIdentity('manager'));
    expect(denied.code).toBe('FORBIDDEN_ROLE');
    expect(await h.call(M.parkedEventRetry.id, { id }, admin, `retry-${id}`)).toEqual({
      id,
      outcome: 'counted',
      reason: null,
    });
    expect(await factsOf(learned)).toBe(2);
    const left: unknown[] = await h.db.query(`SELECT 1 FROM reporting.parked_event WHERE id = $1`, [id]);
    expect(left).toEqual([]);
    // Counted once: the row is gone, a second retry finds nothing.
    expect((await h.fail(M.parkedEventRetry.id, { id }, admin)).code).toBe('PARKED_EVENT_NOT_FOUND');

    // A version this service still does not read stays parked, its reason brought up to date.
    const future = randomUUID();
    const [{ id: futureId }]: { id: string }[] = await h.db.query(
      `INSERT INTO reporting.parked_event (topic, partition, "offset", message_id, event_type, reason, detail, payload)
       VALUES ($1, 0, '0', $2, 'land.case.filed.v9', 'unreadable', 'test', '{}') RETURNING id::text AS id`,
      [Events.land.caseFiled, future],
    );
    expect(await h.call(M.parkedEventRetry.id, { id: futureId }, admin, `retry-${futureId}`)).toEqual({
      id: futureId,
      outcome: 'still-parked',
      reason: 'unknown-version',
    });
    await h.db.query(`DELETE FROM reporting.parked_event WHERE id = $1`, [futureId]);
  });

  it('counts only the latest version of a CCS activity edited after it was recorded', async () => {
    const activityId = randomUUID();
    const ccs = (version: number, total: number, id: string) =>
      send(Events.security.activityRecorded, id, {
        activityId,
        ccsCode: 'CCS-SEGOU',
        placeCode: 'ML-SEG-SEG',
        version,
        occurredAt: new Date().toISOString(),
        change: version === 1 ? 'recorded' : 'updated',
        type: 'sports-event',
        startOn: '2014-11-20',
        endOn: '2014-11-20',
        forces: ['police'],
        participants: { total, women: 10, youth: 20, fds: 5, children: null },
        recommendations: { total: 0, done: 0 },
      });
    const first = randomUUID();
    const second = randomUUID();
    await ccs(1, 100, first);
    await ccs(2, 150, second);
    const late = randomUUID();
    await ccs(1, 999, late); // an old version arriving late changes nothing
    const sql = `SELECT coalesce(sum(f.value), 0)::int AS n FROM reporting.indicator_fact f
      JOIN reporting.source_record r ON r.id = f.record_id JOIN reporting.indicator i ON i.id = f.indicator_id
     WHERE r.subject = $1 AND i.code = 'r2-ccs-participants'`;
    expect(
      await h.countWhen(
        `SELECT count(*)::int AS n FROM reporting.source_record WHERE subject = $1`,
        [activityId],
        3,
      ),
    ).toBe(3);
    expect(await h.countWhen(sql, [activityId], 150)).toBe(150);
  });
});
