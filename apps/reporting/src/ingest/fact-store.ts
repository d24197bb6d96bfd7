import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SourceRecordInput } from './event-sources';
import { factOf, type Fact, type IndicatorDef } from './facts';

type Tx = Pick<EntityManager, 'query'>;

interface FactRow extends Fact {
  indicatorId: string;
  recordId: string;
  placeCode: string;
  day: string;
}

interface StoredRecord {
  id: string;
  event_type: string;
  day: string;
  place_code: string;
  payload: unknown;
}

const BACKFILL_BATCH = 2000;

/**
 * The read models, always written in the caller's transaction: the record, what it adds to each current
 * indicator (`indicator_fact`), and the per-day sums (`indicator_daily`). A newer version of a subject
 * retracts what the older one added, so an edited CCS activity counts once, with its latest numbers.
 */
@Injectable()
export class FactStore {
  /** Current indicator versions, as the fact builder reads them. */
  async indicators(tx: Tx): Promise<IndicatorDef[]> {
    return tx.query(
      `SELECT "id", "code", "measure", "sources" FROM "reporting"."indicator" WHERE "current" ORDER BY "position", "code"`,
    );
  }

  /**
   * Stores a record and its facts; `stale` when a newer version of its subject is already counted. `defs`:
   * the current indicators when the caller read them already (the rebuild adds thousands of records).
   */
  async add(tx: Tx, rec: SourceRecordInput, defs?: IndicatorDef[]): Promise<'counted' | 'stale'> {
    let current = true;
    if (rec.subject !== null) {
      const [prev]: { id: string; subject_version: string }[] = await tx.query(
        `SELECT "id", "subject_version" FROM "reporting"."source_record"
          WHERE "event_type" = $1 AND "subject" = $2 AND "current" FOR UPDATE`,
        [rec.eventType, rec.subject],
      );
      if (prev && Number(prev.subject_version) >= (rec.subjectVersion ?? 0)) current = false;
      else if (prev) {
        await this.retract(tx, prev.id);
        await tx.query(`UPDATE "reporting"."source_record" SET "current" = false WHERE "id" = $1`, [prev.id]);
      }
    }
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO "reporting"."source_record"
         ("message_id", "event_type", "subject", "subject_version", "day", "place_code", "payload", "current")
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8) RETURNING "id"`,
      [
        rec.messageId,
        rec.eventType,
        rec.subject,
        rec.subjectVersion,
        rec.day,
        rec.placeCode,
        JSON.stringify(rec.payload),
        current,
      ],
    );
    if (!current) return 'stale';
    const facts = (defs ?? (await this.indicators(tx))).flatMap((def) => {
      const f = factOf(def, rec.eventType, rec.payload);
      return f
        ? [{ ...f, indicatorId: def.id, recordId: row.id, placeCode: rec.placeCode, day: rec.day }]
        : [];
    });
    await this.write(tx, facts, 1);
    return 'counted';
  }

  /**
   * Counts, over the history, the current indicators not counted yet (added by a migration). Each is
   * locked first, so two replicas starting together count it once.
   */
  async countPending(tx: Tx): Promise<string[]> {
    const pending: IndicatorDef[] = await tx.query(
      `SELECT "id", "code", "measure", "sources" FROM "reporting"."indicator"
        WHERE "current" AND "counted_at" IS NULL ORDER BY "code" FOR UPDATE`,
    );
    for (const def of pending) await this.backfill(tx, def);
    return pending.map((d) => d.code);
  }

  /** Counts every current record a new indicator version selects (its whole history, in batches). */
  async backfill(tx: Tx, def: IndicatorDef): Promise<number> {
    await tx.query(`UPDATE "reporting"."indicator" SET "counted_at" = now() WHERE "id" = $1`, [def.id]);
    const types = [...new Set(def.sources.flatMap((s) => s.eventTypes))];
    let after = '00000000-0000-0000-0000-000000000000';
    let total = 0;
    for (;;) {
      const rows: StoredRecord[] = await tx.query(
        `SELECT "id", "event_type", to_char("day", 'YYYY-MM-DD') AS "day", "place_code", "payload"
           FROM "reporting"."source_record"
          WHERE "current" AND "event_type" = ANY($1) AND "id" > $2
            -- a record counted since the indicator was added (a command in between) is not counted twice
            AND NOT EXISTS (SELECT 1 FROM "reporting"."indicator_fact" f WHERE f."indicator_id" = $4 AND f."record_id" = "source_record"."id")
          ORDER BY "id" LIMIT $3`,
        [types, after, BACKFILL_BATCH, def.id],
      );
      const facts = rows.flatMap((r) => {
        const f = factOf(def, r.event_type, r.payload);
        return f ? [{ ...f, indicatorId: def.id, recordId: r.id, placeCode: r.place_code, day: r.day }] : [];
      });
      await this.write(tx, facts, 1);
      total += facts.length;
      if (rows.length < BACKFILL_BATCH) return total;
      after = rows[rows.length - 1].id;
    }
  }

  /** Takes back what a record added (its subject has a newer version). */
  private async retract(tx: Tx, recordId: string): Promise<void> {
    const facts: FactRow[] = await tx.query(
      `SELECT "indicator_id" AS "indicatorId", "record_id" AS "recordId", "place_code" AS "placeCode",
              to_char("day", 'YYYY-MM-DD') AS "day", "value"::float8 AS "value", "female"::float8 AS "female",
              "male"::float8 AS "male", "youth"::float8 AS "youth", "distinct_key" AS "distinctKey"
         FROM "reporting"."indicator_fact" WHERE "record_id" = $1`,
      [recordId],
    );
    await tx.query(`DELETE FROM "reporting"."indicator_fact" WHERE "record_id" = $1`, [recordId]);
    await this.addDaily(tx, facts, -1);
  }

  private async write(tx: Tx, facts: FactRow[], sign: 1): Promise<void> {
    if (facts.length === 0) return;
    await tx.query(
      `INSERT INTO "reporting"."indicator_fact"
         ("indicator_id", "record_id", "place_code", "day", "value", "female", "male", "youth", "distinct_key")
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::text[])`,
      [
        facts.map((f) => f.indicatorId),
        facts.map((f) => f.recordId),
        facts.map((f) => f.placeCode),
        facts.map((f) => f.day),
        facts.map((f) => f.value),
        facts.map((f) => f.female),
        facts.map((f) => f.male),
        facts.map((f) => f.youth),
        facts.map((f) => f.distinctKey),
      ],
    );
    await this.addDaily(tx, facts, sign);
  }

  /** Adds (or, with -1, subtracts) facts to the per-day sums, one row per indicator x day x place. */
  private async addDaily(tx: Tx, facts: FactRow[], sign: 1 | -1): Promise<void> {
    if (facts.length === 0) return;
    const sums = new Map<
      string,
      { f: FactRow; value: number; female: number; male: number; youth: number; n: number }
    >();
    for (const f of facts) {
      const k = `${f.indicatorId}|${f.day}|${f.placeCode}`;
      const s = sums.get(k) ?? { f, value: 0, female: 0, male: 0, youth: 0, n: 0 };
      s.value += sign * f.value;
      s.female += sign * f.female;
      s.male += sign * f.male;
      s.youth += sign * f.youth;
      s.n += sign;
      sums.set(k, s);
    }
    const list = [...sums.values()];
    // Sorted so that two transactions touching the same rows lock them in the same order (no deadlock).
    list.sort((a, b) =>
      `${a.f.indicatorId}|${a.f.day}|${a.f.placeCode}`.localeCompare(
        `${b.f.indicatorId}|${b.f.day}|${b.f.placeCode}`,
      ),
    );
    await tx.query(
      `INSERT INTO "reporting"."indicator_daily" ("indicator_id", "day", "place_code", "value", "female", "male", "youth", "records")
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[], $8::int[])
       ON CONFLICT ("indicator_id", "day", "place_code") DO UPDATE SET
         "value" = "indicator_daily"."value" + EXCLUDED."value",
         "female" = "indicator_daily"."female" + EXCLUDED."female",
         "male" = "indicator_daily"."male" + EXCLUDED."male",
         "youth" = "indicator_daily"."youth" + EXCLUDED."youth",
         "records" = "indicator_daily"."records" + EXCLUDED."records"`,
      [
        list.map((s) => s.f.indicatorId),
        list.map((s) => s.f.day),
        list.map((s) => s.f.placeCode),
        list.map((s) => s.value),
        list.map((s) => s.female),
        list.map((s) => s.male),
        list.map((s) => s.youth),
        list.map((s) => s.n),
      ],
    );
  }
}
