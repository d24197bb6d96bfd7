import type { EntityManager } from 'typeorm';
import { ACTIVITY_SOURCE_TYPE } from '@prosmed/contracts';
import type { SourceRecordInput } from '../ingest/event-sources';
import { EVENTS_CONSUMER } from '../ingest/event-consumer';
import type { FactStore } from '../ingest/fact-store';
import { factOf, type IndicatorDef } from '../ingest/facts';
import { differences, totalsOf, type Totals } from './compare';
import type { Replayed } from './replay';

type Tx = Pick<EntityManager, 'query'>;

/**
 * The tables the rebuild replaces, locked in the order the event consumer takes them (its claim first, then
 * the record, its facts, the daily sums), so that a consumer running meanwhile waits for the rebuild's
 * commit instead of deadlocking with it. EXCLUSIVE lets queries (reports, dashboards) read the old figures
 * until the commit; every write waits.
 */
export const LOCKED_TABLES = [
  'processed_message',
  'parked_event',
  'source_record',
  'indicator_fact',
  'indicator_daily',
] as const;

interface StoredRecord {
  message_id: string;
  event_type: string;
  subject: string | null;
  subject_version: string | null;
  day: string;
  place_code: string;
  payload: Record<string, unknown>;
}

const toInput = (r: StoredRecord): SourceRecordInput => ({
  messageId: r.message_id,
  eventType: r.event_type,
  day: r.day,
  placeCode: r.place_code,
  subject: r.subject,
  subjectVersion: r.subject_version === null ? null : Number(r.subject_version),
  payload: r.payload,
});

/**
 * The current records the read models hold besides the topics' events: the activities recorded here, and
 * the other services' records whose event the topics no longer hold (a broker that deleted old segments
 * before the topics were kept for good) or that the consumer applied after the replay read the topics'
 * ends. The rebuild keeps them: it never forgets a record for lack of its event.
 */
export async function recordsBeside(
  tx: Tx,
  replay: Pick<Replayed, 'messageIds'>,
): Promise<{ activities: SourceRecordInput[]; kept: SourceRecordInput[] }> {
  const rows: StoredRecord[] = await tx.query(
    `SELECT "message_id", "event_type", "subject", "subject_version", to_char("day", 'YYYY-MM-DD') AS "day",
            "place_code", "payload"
       FROM "reporting"."source_record"
      WHERE "current" AND ("event_type" = $1 OR NOT ("message_id" = ANY($2::text[])))`,
    [ACTIVITY_SOURCE_TYPE, replay.messageIds],
  );
  const all = rows.map(toInput);
  return {
    activities: all.filter((r) => r.eventType === ACTIVITY_SOURCE_TYPE),
    kept: all.filter((r) => r.eventType !== ACTIVITY_SOURCE_TYPE),
  };
}

/**
 * Every record the read models should count: the replay's and the kept ones, one version per subject (the
 * highest; on a tie the kept one, which the read models already hold as current), and the activities.
 */
export function expectedRecords(
  replayed: readonly SourceRecordInput[],
  beside: { activities: SourceRecordInput[]; kept: SourceRecordInput[] },
): SourceRecordInput[] {
  const key = (r: SourceRecordInput) => `${r.eventType}|${r.subject}`;
  const version = (r: SourceRecordInput) => r.subjectVersion ?? 0;
  const newestKept = new Map<string, number>();
  for (const r of beside.kept)
    if (r.subject !== null) newestKept.set(key(r), Math.max(version(r), newestKept.get(key(r)) ?? -Infinity));
  const newestReplayed = new Map<string, number>();
  for (const r of replayed) if (r.subject !== null) newestReplayed.set(key(r), version(r));
  return [
    ...replayed.filter((r) => r.subject === null || (newestKept.get(key(r)) ?? -Infinity) < version(r)),
    ...beside.kept.filter(
      (r) =>
        r.subject === null ||
        (version(r) === newestKept.get(key(r)) && (newestReplayed.get(key(r)) ?? -Infinity) <= version(r)),
    ),
    ...beside.activities,
  ];
}

/**
 * The events the database refused as data when the consumer met them (parked `rejected-by-database`, a
 * value PostgreSQL cannot hold): the rebuild leaves them parked, as the consumer did, instead of failing on
 * them.
 */
export async function refusedByDatabase(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
  const rows: { message_id: string }[] = await tx.query(
    `SELECT "message_id" FROM "reporting"."parked_event"
      WHERE "reason" = 'rejected-by-database' AND "message_id" = ANY($1::text[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.message_id));
}

/** The replay without those events; a subject whose latest version was refused counts its newest other one. */
export function withoutRefused(replay: Replayed, refused: ReadonlySet<string>): Replayed {
  if (refused.size === 0) return replay;
  const keep = (r: SourceRecordInput) => !refused.has(r.messageId);
  const records = replay.records.filter((r) => keep(r) && r.subject === null);
  const latest = new Map<string, SourceRecordInput>();
  for (const r of [...replay.records, ...replay.superseded].filter((x) => keep(x) && x.subject !== null)) {
    const k = `${r.eventType}|${r.subject}`;
    const prev = latest.get(k);
    if (!prev || (prev.subjectVersion ?? 0) < (r.subjectVersion ?? 0)) latest.set(k, r);
  }
  const newest = new Set([...latest.values()].map((r) => r.messageId));
  return {
    ...replay,
    records: [...records, ...latest.values()],
    superseded: [...replay.records, ...replay.superseded].filter(
      (r) => keep(r) && r.subject !== null && !newest.has(r.messageId),
    ),
    readable: replay.readable.filter((id) => !refused.has(id)),
  };
}

/** Every current indicator's all-time totals as the read models hold them. */
export async function storedTotals(tx: Tx, codes: string[]): Promise<Map<string, Totals>> {
  const rows: (Totals & { code: string; measure: string; keys: number })[] = await tx.query(
    `SELECT i."code", i."measure",
            coalesce(d."value", 0)::float8 AS "value", coalesce(d."female", 0)::float8 AS "female",
            coalesce(d."male", 0)::float8 AS "male", coalesce(d."youth", 0)::float8 AS "youth",
            (SELECT count(DISTINCT f."distinct_key") FROM "reporting"."indicator_fact" f WHERE f."indicator_id" = i."id")::int AS "keys"
       FROM "reporting"."indicator" i
       LEFT JOIN (SELECT "indicator_id", sum("value") AS "value", sum("female") AS "female", sum("male") AS "male",
                         sum("youth") AS "youth"
                    FROM "reporting"."indicator_daily" GROUP BY "indicator_id") d ON d."indicator_id" = i."id"
      WHERE i."current" AND i."code" = ANY($1)`,
    [codes],
  );
  return new Map(
    rows.map((r) => [
      r.code,
      { value: r.measure === 'distinct' ? r.keys : r.value, female: r.female, male: r.male, youth: r.youth },
    ]),
  );
}

const BATCH = 1000;

/**
 * Records without a subject (most events) and their facts, a thousand per statement: what `FactStore.add`
 * writes, without its per-record queries (the read models stay locked while this runs). `indicator_daily`
 * is summed again from the facts afterwards.
 */
async function writeRecords(tx: Tx, defs: IndicatorDef[], records: SourceRecordInput[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const rows: { id: string; message_id: string }[] = await tx.query(
      `INSERT INTO "reporting"."source_record" ("message_id", "event_type", "day", "place_code", "payload")
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::jsonb[])
       RETURNING "id", "message_id"`,
      [
        batch.map((r) => r.messageId),
        batch.map((r) => r.eventType),
        batch.map((r) => r.day),
        batch.map((r) => r.placeCode),
        batch.map((r) => JSON.stringify(r.payload)),
      ],
    );
    const idOf = new Map(rows.map((r) => [r.message_id, r.id]));
    const facts = batch.flatMap((r) =>
      defs.flatMap((def) => {
        const f = factOf(def, r.eventType, r.payload);
        return f ? [{ ...f, indicatorId: def.id, recordId: idOf.get(r.messageId), r }] : [];
      }),
    );
    if (facts.length === 0) continue;
    await tx.query(
      `INSERT INTO "reporting"."indicator_fact"
         ("indicator_id", "record_id", "place_code", "day", "value", "female", "male", "youth", "distinct_key")
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::text[])`,
      [
        facts.map((f) => f.indicatorId),
        facts.map((f) => f.recordId),
        facts.map((f) => f.r.placeCode),
        facts.map((f) => f.r.day),
        facts.map((f) => f.value),
        facts.map((f) => f.female),
        facts.map((f) => f.male),
        facts.map((f) => f.youth),
        facts.map((f) => f.distinctKey),
      ],
    );
  }
}

export interface Applied {
  /** Records of the replay written again (each with its facts). */
  replaced: number;
  /** Records of other services kept because the topics do not hold their event. */
  kept: number;
  /** Parked events that are now counted (their type was mapped since), removed from the parked list. */
  unparked: number;
}

/**
 * `--apply`, in the caller's transaction: locks the read models, deletes the records (and facts) of every
 * event the replay read, writes the replay's records again with the current indicators, claims every event
 * read, sums `indicator_daily` again from the facts, and checks, before the commit, that the read models
 * now hold exactly what the events and the kept records give (throws otherwise: the caller rolls back).
 */
export async function applyRebuild(
  tx: Tx,
  store: FactStore,
  defs: IndicatorDef[],
  read: Replayed,
): Promise<Applied> {
  await tx.query(`LOCK TABLE ${LOCKED_TABLES.map((t) => `"reporting"."${t}"`).join(', ')} IN EXCLUSIVE MODE`);
  const replay = withoutRefused(read, await refusedByDatabase(tx, read.readable));
  const ours = `SELECT "id" FROM "reporting"."source_record" WHERE "event_type" <> $1 AND "message_id" = ANY($2::text[])`;
  await tx.query(`DELETE FROM "reporting"."indicator_fact" WHERE "record_id" IN (${ours})`, [
    ACTIVITY_SOURCE_TYPE,
    replay.messageIds,
  ]);
  await tx.query(
    `DELETE FROM "reporting"."source_record" WHERE "event_type" <> $1 AND "message_id" = ANY($2::text[])`,
    [ACTIVITY_SOURCE_TYPE, replay.messageIds],
  );
  await writeRecords(
    tx,
    defs,
    replay.records.filter((r) => r.subject === null),
  );
  // Versioned records one by one: a kept newer version of the same subject must win (FactStore.add).
  for (const r of replay.records.filter((x) => x.subject !== null)) await store.add(tx, r, defs);
  // Older versions after the newest: stored as not current, counted nowhere (as the consumer leaves them).
  for (const r of replay.superseded) await store.add(tx, r, defs);
  await tx.query(
    `INSERT INTO "reporting"."processed_message" ("consumer", "message_id")
     SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
    [EVENTS_CONSUMER, replay.messageIds],
  );
  const [{ n: unparked }]: { n: number }[] = await tx.query(
    `WITH gone AS (DELETE FROM "reporting"."parked_event" WHERE "message_id" = ANY($1::text[]) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [replay.readable],
  );
  await tx.query(`DELETE FROM "reporting"."indicator_daily"`);
  await tx.query(
    `INSERT INTO "reporting"."indicator_daily" ("indicator_id", "day", "place_code", "value", "female", "male", "youth", "records")
     SELECT "indicator_id", "day", "place_code", sum("value"), sum("female"), sum("male"), sum("youth"), count(*)
       FROM "reporting"."indicator_fact" GROUP BY 1, 2, 3`,
  );
  const beside = await recordsBeside(tx, replay);
  const diff = differences(
    totalsOf(defs, expectedRecords(replay.records, beside)),
    await storedTotals(
      tx,
      defs.map((d) => d.code),
    ),
    ['events', 'read model'],
  );
  if (diff.length > 0) throw new Error(`the rebuilt read models differ, rolled back: ${diff.join('; ')}`);
  return { replaced: replay.records.length, kept: beside.kept.length, unparked };
}
