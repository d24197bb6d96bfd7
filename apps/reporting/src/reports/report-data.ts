import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ActivityKind, Audience, ResultArea } from '@prosmed/contracts';
import type { PlaceMap } from '@prosmed/places';
import { IndicatorQueries } from '../indicators/indicator-queries';
import { IndicatorRepository } from '../indicators/indicator-repository';
import type { Period } from '../shared/period';
import { COUNTRY, placeName, places, rollUpCode, UNPLACED } from '../shared/places';
import type { ActivityOfQuarter, IndicatorOfQuarter } from './report-builder';

type Tx = Pick<EntityManager, 'query'>;

/** Reads what a report is generated from: every current indicator by cercle, and the quarter's activities. */
@Injectable()
export class ReportData {
  constructor(
    private readonly repo: IndicatorRepository,
    private readonly queries: IndicatorQueries,
  ) {}

  async indicators(tx: Tx, period: Period, map: PlaceMap): Promise<IndicatorOfQuarter[]> {
    const dir = places();
    const out: IndicatorOfQuarter[] = [];
    for (const ind of await this.repo.current(tx)) {
      const f = await this.queries.figures(tx, ind, period, 'cercle', map);
      out.push({
        code: ind.code,
        label: ind.label,
        unit: ind.unit,
        resultArea: ind.result_area,
        dhis2Code: ind.dhis2_code,
        eventTypes: [...new Set(ind.sources.flatMap((s) => s.eventTypes))],
        total: f.total,
        target: f.target,
        progress: f.progress,
        byCercle: f.rows.map((r) => ({
          placeCode: r.placeCode,
          placeName: placeName(dir, r.placeCode),
          figure: r.figure,
        })),
      });
    }
    return out;
  }

  async activities(tx: Tx, period: Period, map: PlaceMap): Promise<ActivityOfQuarter[]> {
    const dir = places();
    const rows: {
      result_area: ResultArea;
      kind: ActivityKind;
      audience: Audience;
      title: string;
      start_date: string;
      units: number;
      total: number;
      women: number | null;
      youth: number | null;
      place_code: string;
    }[] = await tx.query(
      `SELECT "result_area", "kind", "audience", "title", to_char("start_date", 'YYYY-MM-DD') AS "start_date", "units",
              "total", "women", "youth", "place_code"
         FROM "reporting"."activity" WHERE "start_date" BETWEEN $1::date AND $2::date ORDER BY "start_date", "recorded_at"`,
      [period.from, period.to],
    );
    return rows.map((r) => {
      const cercle = rollUpCode(dir, r.place_code, 'cercle', map);
      return {
        resultArea: r.result_area,
        kind: r.kind,
        audience: r.audience,
        title: r.title,
        startDate: r.start_date,
        units: r.units,
        total: r.total,
        women: r.women,
        youth: r.youth,
        cercle: cercle === COUNTRY || cercle === UNPLACED ? null : placeName(dir, cercle),
      };
    });
  }
}
