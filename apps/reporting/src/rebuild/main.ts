import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadPlatformConfig } from '@prosmed/config';
import { ACTIVITY_SOURCE_TYPE } from '@prosmed/contracts';
import { inTransaction } from '@prosmed/persistence';
import { eventTopics, type SourceRecordInput } from '../ingest/event-sources';
import { EVENTS_CONSUMER } from '../ingest/event-consumer';
import { FactStore } from '../ingest/fact-store';
import { differences, SOURCE_CHECKS, totalsOf, type Totals } from './compare';
import { replayTopics } from './replay';

/**
 * `npm run reporting:rebuild [-- --apply]`: reads every event topic from its beginning, recomputes every
 * indicator, and prints each difference with the read models and with each source service's own counts.
 * With `--apply`, replaces the read models of the other services' events by the recomputed ones (the
 * activities recorded here stay), in one transaction. Exits 1 when a difference was found (before apply).
 */
async function main(): Promise<number> {
  const apply = process.argv.includes('--apply');
  const cfg = loadPlatformConfig('reporting-rebuild');
  const ds = new DataSource({
    type: 'postgres',
    host: cfg.postgres.host,
    port: cfg.postgres.port,
    username: cfg.postgres.user,
    password: cfg.postgres.password || undefined,
    database: cfg.postgres.database,
    applicationName: 'reporting-rebuild',
  });
  await ds.initialize();
  try {
    const store = new FactStore();
    const defs = await store.indicators(ds);
    const replay = await replayTopics(cfg.kafka, eventTopics());
    const own: {
      event_type: string;
      day: string;
      place_code: string;
      payload: Record<string, unknown>;
      message_id: string;
    }[] = await ds.query(
      `SELECT "event_type", to_char("day", 'YYYY-MM-DD') AS "day", "place_code", "payload", "message_id"
           FROM "reporting"."source_record" WHERE "current" AND "event_type" = $1`,
      [ACTIVITY_SOURCE_TYPE],
    );
    const activities: SourceRecordInput[] = own.map((r) => ({
      messageId: r.message_id,
      eventType: r.event_type,
      day: r.day,
      placeCode: r.place_code,
      subject: null,
      subjectVersion: null,
      payload: r.payload,
    }));
    console.log(
      `read ${replay.read} events (${replay.messageIds.length} distinct, ${replay.parked} unreadable or unknown)`,
    );

    const recomputed = totalsOf(defs, [...replay.records, ...activities]);
    const stored = await storedTotals(
      ds,
      defs.map((d) => d.code),
    );
    const diff = differences(recomputed, stored, ['topics', 'read model']);
    console.log(
      diff.length === 0 ? 'read models: no difference' : `read models: ${diff.length} difference(s)`,
    );
    for (const line of diff) console.log(`  ${line}`);

    let sourceDiffs = 0;
    for (const check of SOURCE_CHECKS) {
      const events = check.fromEvents(replay.records);
      try {
        const [{ n }]: { n: number }[] = await ds.query(check.sql);
        const same = n === events;
        if (!same) sourceDiffs++;
        console.log(`${same ? 'same' : 'DIFFERENT'}  ${check.label}: service ${n}, events ${events}`);
      } catch (err) {
        console.log(
          `unavailable  ${check.label}: ${err instanceof Error ? err.message : String(err)} (events ${events})`,
        );
      }
    }

    if (apply) {
      await inTransaction(ds, async (tx) => {
        const others = `SELECT "id" FROM "reporting"."source_record" WHERE "event_type" <> '${ACTIVITY_SOURCE_TYPE}'`;
        await tx.query(`DELETE FROM "reporting"."indicator_fact" WHERE "record_id" IN (${others})`);
        await tx.query(`DELETE FROM "reporting"."source_record" WHERE "event_type" <> $1`, [
          ACTIVITY_SOURCE_TYPE,
        ]);
        await tx.query(`DELETE FROM "reporting"."indicator_daily"`);
        await tx.query(
          `INSERT INTO "reporting"."indicator_daily" ("indicator_id", "day", "place_code", "value", "female", "male", "youth", "records")
           SELECT "indicator_id", "day", "place_code", sum("value"), sum("female"), sum("male"), sum("youth"), count(*)
             FROM "reporting"."indicator_fact" GROUP BY 1, 2, 3`,
        );
        await tx.query(`DELETE FROM "reporting"."processed_message" WHERE "consumer" = $1`, [
          EVENTS_CONSUMER,
        ]);
        await tx.query(
          `INSERT INTO "reporting"."processed_message" ("consumer", "message_id") SELECT $1, unnest($2::text[])`,
          [EVENTS_CONSUMER, replay.messageIds],
        );
        for (const r of replay.records) await store.add(tx, r);
      });
      const after = differences(
        recomputed,
        await storedTotals(
          ds,
          defs.map((d) => d.code),
        ),
        ['topics', 'read model'],
      );
      console.log(
        `applied: ${replay.records.length} records; read models now ${after.length === 0 ? 'agree' : `differ (${after.length})`}`,
      );
      return after.length === 0 ? 0 : 1;
    }
    return diff.length + sourceDiffs === 0 ? 0 : 1;
  } finally {
    await ds.destroy();
  }
}

async function storedTotals(ds: DataSource, codes: string[]): Promise<Map<string, Totals>> {
  const rows: (Totals & { code: string; measure: string; keys: number })[] = await ds.query(
    `SELECT i."code", i."measure",
            coalesce((SELECT sum(d."value") FROM "reporting"."indicator_daily" d WHERE d."indicator_id" = i."id"), 0)::float8 AS "value",
            coalesce((SELECT sum(d."female") FROM "reporting"."indicator_daily" d WHERE d."indicator_id" = i."id"), 0)::float8 AS "female",
            coalesce((SELECT sum(d."male") FROM "reporting"."indicator_daily" d WHERE d."indicator_id" = i."id"), 0)::float8 AS "male",
            coalesce((SELECT sum(d."youth") FROM "reporting"."indicator_daily" d WHERE d."indicator_id" = i."id"), 0)::float8 AS "youth",
            (SELECT count(DISTINCT f."distinct_key") FROM "reporting"."indicator_fact" f WHERE f."indicator_id" = i."id")::int AS "keys"
       FROM "reporting"."indicator" i WHERE i."current" AND i."code" = ANY($1)`,
    [codes],
  );
  return new Map(
    rows.map((r) => [
      r.code,
      { value: r.measure === 'distinct' ? r.keys : r.value, female: r.female, male: r.male, youth: r.youth },
    ]),
  );
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
