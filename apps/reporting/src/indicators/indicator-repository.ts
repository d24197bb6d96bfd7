import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { IndicatorMeasure, ResultArea, ResultIndicatorDto } from '@prosmed/contracts';
import type { IndicatorSourceDef } from '../ingest/facts';
import type { PlaceKey, PlaceSum } from './rollup';

type Tx = Pick<EntityManager, 'query'>;

export interface IndicatorRow {
  id: string;
  code: string;
  version: number;
  result_area: ResultArea;
  label: string;
  unit: string;
  measure: IndicatorMeasure;
  sources: IndicatorSourceDef[];
  dhis2_code: string | null;
  position: number;
  defined_at: Date;
}

const COLUMNS = `"id", "code", "version", "result_area", "label", "unit", "measure", "sources", "dhis2_code", "position", "defined_at"`;

/** SQL of the results framework and of the per-day read model. */
@Injectable()
export class IndicatorRepository {
  async current(tx: Tx): Promise<IndicatorRow[]> {
    return tx.query(
      `SELECT ${COLUMNS} FROM "reporting"."indicator" WHERE "current" ORDER BY "position", "code"`,
    );
  }

  async byCode(tx: Tx, code: string, lock = false): Promise<IndicatorRow | undefined> {
    const rows: IndicatorRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "reporting"."indicator" WHERE "code" = $1 AND "current"${lock ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return rows[0];
  }

  async targets(tx: Tx, codes: string[]): Promise<Map<string, { year: number; value: number }[]>> {
    const rows: { code: string; year: number; value: string }[] = await tx.query(
      `SELECT "code", "year", "value" FROM "reporting"."indicator_target" WHERE "code" = ANY($1) ORDER BY "year"`,
      [codes],
    );
    const map = new Map<string, { year: number; value: number }[]>();
    for (const r of rows)
      map.set(r.code, [...(map.get(r.code) ?? []), { year: r.year, value: Number(r.value) }]);
    return map;
  }

  async insertVersion(
    tx: Tx,
    def: Omit<IndicatorRow, 'id' | 'defined_at' | 'version' | 'position'>,
    previous: IndicatorRow | undefined,
    by: string,
  ): Promise<IndicatorRow> {
    if (previous)
      await tx.query(`UPDATE "reporting"."indicator" SET "current" = false WHERE "id" = $1`, [previous.id]);
    const [row]: IndicatorRow[] = await tx.query(
      `INSERT INTO "reporting"."indicator" ("code", "version", "result_area", "label", "unit", "measure", "sources", "dhis2_code", "position", "defined_by")
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) RETURNING ${COLUMNS}`,
      [
        def.code,
        (previous?.version ?? 0) + 1,
        def.result_area,
        def.label,
        def.unit,
        def.measure,
        JSON.stringify(def.sources),
        def.dhis2_code,
        previous?.position ?? 1000,
        by,
      ],
    );
    return row;
  }

  async setTarget(tx: Tx, code: string, year: number, value: number): Promise<number | null> {
    const [before]: { value: string }[] = await tx.query(
      `SELECT "value" FROM "reporting"."indicator_target" WHERE "code" = $1 AND "year" = $2 FOR UPDATE`,
      [code, year],
    );
    await tx.query(
      `INSERT INTO "reporting"."indicator_target" ("code", "year", "value") VALUES ($1, $2, $3)
       ON CONFLICT ("code", "year") DO UPDATE SET "value" = EXCLUDED."value"`,
      [code, year, value],
    );
    return before ? Number(before.value) : null;
  }

  /** Sums per place over a period, from the per-day read model. */
  async sums(tx: Tx, indicatorId: string, from: string, to: string): Promise<PlaceSum[]> {
    return tx.query(
      `SELECT "place_code" AS "placeCode", sum("value")::float8 AS "value", sum("female")::float8 AS "female",
              sum("male")::float8 AS "male", sum("youth")::float8 AS "youth"
         FROM "reporting"."indicator_daily" WHERE "indicator_id" = $1 AND "day" BETWEEN $2::date AND $3::date
        GROUP BY "place_code"`,
      [indicatorId, from, to],
    );
  }

  async distinctKeys(tx: Tx, indicatorId: string, from: string, to: string): Promise<PlaceKey[]> {
    return tx.query(
      `SELECT DISTINCT "place_code" AS "placeCode", "distinct_key" AS "key" FROM "reporting"."indicator_fact"
        WHERE "indicator_id" = $1 AND "day" BETWEEN $2::date AND $3::date AND "distinct_key" IS NOT NULL`,
      [indicatorId, from, to],
    );
  }
}

export function indicatorView(
  r: IndicatorRow,
  targets: { year: number; value: number }[],
): ResultIndicatorDto {
  return {
    code: r.code,
    version: r.version,
    resultArea: r.result_area,
    label: r.label,
    unit: r.unit,
    measure: r.measure,
    sources: r.sources,
    dhis2Code: r.dhis2_code,
    targets,
    definedAt: new Date(r.defined_at).toISOString(),
  };
}
