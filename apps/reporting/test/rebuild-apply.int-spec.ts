import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Producer } from 'kafkajs';
import { Events, Headers, ReportingMessages as M } from '@prosmed/contracts';
import { inTransaction } from '@prosmed/persistence';
import { testKafka } from '@prosmed/testing';
import { FactStore } from '../src/ingest/fact-store';
import { demoIdentity, runTag, startReportingHarness, type ReportingHarness } from './reporting-harness';

interface Values {
  total: { value: number; female: number | null; male: number | null; youth: number | null };
}

/**
 * `npm run reporting:rebuild -- --apply` against the real topics and database, while this run's service
 * consumes: the figures of a day of 2013 that this test alone writes (chosen free in the database, which
 * earlier runs may have filled) are the same after the rebuild; events published during the rebuild are
 * counted once; a record whose event the topics do not hold is kept; an edited CCS activity still counts
 * with its latest version only.
 */
describe('reporting: rebuild --apply (PostgreSQL, Kafka)', () => {
  let h: ReportingHarness;
  let producer: Producer;
  let day: string;
  const root = path.resolve(__dirname, '../../..');

  beforeAll(async () => {
    h = await startReportingHarness();
    producer = testKafka().producer();
    await producer.connect();
    const [free] = await h.db.query<{ day: string }[]>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day
         FROM generate_series('2013-01-01'::date, '2013-12-31'::date, '1 day') AS d
        WHERE NOT EXISTS (SELECT 1 FROM reporting.source_record r WHERE r.day = d)
        ORDER BY random() LIMIT 1`,
    );
    if (!free) throw new Error('every day of 2013 has records: drop the test database');
    day = free.day;
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await h?.close();
  });

  const caseFiled = (i: number) => ({
    caseId: randomUUID(),
    caseNumber: `COFO-SAN01-2013-${runTag}-${i}`,
    cofoCode: 'SAN01',
    placeCode: i % 2 === 0 ? 'ML-SEG-SAN' : 'ML-SEG-BLA',
    disputeType: 'limites-de-champs',
    date: day,
    occurredAt: new Date().toISOString(),
    state: 'filed',
    parties: {
      total: 3,
      bySex: { F: 2, M: 1, group: 0 },
      byAgeGroup: { 'under-15': 0, 'youth-15-35': 1, 'adult-36-59': 2, 'elder-60-plus': 0, unknown: 0 },
    },
  });
  const ccsActivity = (activityId: string, version: number, total: number) => ({
    activityId,
    version,
    ccsId: 'CCS-SEGOU',
    placeCode: 'ML-SEG-SEG',
    kind: 'meeting',
    startOn: day,
    occurredAt: new Date().toISOString(),
    participants: { total, women: 4, youth: 3, fds: 2, children: 0 },
  });
  const publish = async (topic: string, payload: { caseId?: string; activityId?: string }) => {
    const id = randomUUID();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        {
          key: payload.caseId ?? payload.activityId ?? id,
          value: JSON.stringify(payload),
          headers: { [Headers.messageId]: id, [Headers.eventType]: topic },
        },
      ],
    });
    return id;
  };
  const counted = (ids: string[]) =>
    h.countWhen(
      `SELECT count(*)::int AS n FROM reporting.processed_message WHERE consumer = 'events' AND message_id = ANY($1)`,
      [ids],
      ids.length,
    );
  const figures = async () => {
    const out: Record<string, Values['total']> = {};
    for (const code of ['r1-cases-filed', 'r1-case-parties', 'r2-ccs-activities', 'r2-ccs-participants']) {
      const v = await h.call<Values>(
        M.indicatorValues.id,
        { code, period: `${day}..${day}`, level: 'country' },
        demoIdentity('manager'),
      );
      out[code] = v.total;
    }
    return out;
  };
  const rebuild = (args: string[]) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        path.join(root, 'node_modules', '.bin', 'tsx'),
        ['apps/reporting/src/rebuild/main.ts', ...args],
        { cwd: root, timeout: 240_000, env: { ...process.env, REPORTING_EVENTS_GROUP: h.eventsGroup } },
        (err, stdout, stderr) =>
          resolve({
            code: err ? Number((err as { code?: number }).code ?? 2) : 0,
            out: `${stdout}${stderr}`,
          }),
      );
    });

  it('gives the same figures as before, while the service consumes, and counts each event once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await publish(Events.land.caseFiled, caseFiled(i)));
    const activityId = randomUUID();
    ids.push(await publish(Events.security.activityRecorded, ccsActivity(activityId, 1, 10)));
    ids.push(await publish(Events.security.activityRecorded, ccsActivity(activityId, 2, 25)));
    expect(await counted(ids)).toBe(ids.length);
    // A filing whose event the topics no longer hold (deleted by a broker before they were kept for good).
    const lost = `it-lost-${runTag}-${randomUUID()}`;
    await inTransaction(h.db, (tx) =>
      h.service.app.get(FactStore).add(tx, {
        messageId: lost,
        eventType: Events.land.caseFiled,
        day,
        placeCode: 'ML-SEG-SAN',
        subject: null,
        subjectVersion: null,
        payload: caseFiled(99),
      }),
    );
    const before = await figures();
    expect(before['r1-cases-filed'].value).toBe(7);
    expect(before['r1-case-parties']).toEqual({ value: 21, female: 14, male: 7, youth: 7 });
    expect(before['r2-ccs-activities'].value).toBe(1);
    expect(before['r2-ccs-participants'].value).toBe(25);

    const dry = await rebuild([]);
    expect(dry.out).toMatch(/^read \d+ events/m);
    expect(dry.out).toMatch(/records whose event the topics do not hold \(kept\)/);

    // Events keep coming while the rebuild runs: the service counts them, before or after its commit.
    const during: string[] = [];
    let running = true;
    const applied = rebuild(['--apply']).finally(() => {
      running = false;
    });
    while (running && during.length < 40) {
      during.push(await publish(Events.land.caseFiled, caseFiled(100 + during.length)));
      await new Promise((r) => setTimeout(r, 50));
    }
    const { code, out } = await applied;
    expect(out).toMatch(/^applied in \d+ ms: \d+ records written again, \d+ kept/m);
    expect(code).toBe(0);
    expect(out).toMatch(/the service consumes meanwhile \(group reporting-events-it-/);
    expect(during.length).toBeGreaterThan(0);
    expect(await counted(during)).toBe(during.length);

    const after = await figures();
    expect(after['r1-cases-filed'].value).toBe(7 + during.length);
    expect(after['r1-case-parties']).toEqual({
      value: 21 + 3 * during.length,
      female: 14 + 2 * during.length,
      male: 7 + during.length,
      youth: 7 + during.length,
    });
    expect(after['r2-ccs-activities']).toEqual(before['r2-ccs-activities']);
    expect(after['r2-ccs-participants']).toEqual(before['r2-ccs-participants']);
    // One record per event (the kept one included), each claimed once.
    const [{ records, current, claims }] = await h.db.query<
      { records: number; current: number; claims: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM reporting.source_record WHERE message_id = ANY($1)) AS records,
              (SELECT count(*)::int FROM reporting.source_record WHERE message_id = ANY($1) AND current) AS current,
              (SELECT count(*)::int FROM reporting.processed_message WHERE consumer = 'events' AND message_id = ANY($1)) AS claims`,
      [[...ids, ...during, lost]],
    );
    expect(records).toBe(ids.length + during.length + 1);
    expect(current).toBe(ids.length + during.length); // version 1 of the CCS activity is not current
    expect(claims).toBe(ids.length + during.length); // the lost event was never claimed by a consumer
  }, 300_000);
});
