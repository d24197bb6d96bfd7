import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requirePermission } from '@prosmed/auth';
import {
  domainError,
  RESULT_AREA_TITLES,
  RESULT_AREAS,
  type DashboardDto,
  type DefineIndicatorDto,
  type IndicatorValuesDto,
  type IndicatorValuesQueryDto,
  type ParkedEventListDto,
  type ParkedEventQueryDto,
  type ResultIndicatorDto,
  type ResultIndicatorListDto,
  type SetTargetDto,
} from '@prosmed/contracts';
import { canonicalJson, type RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { FactStore } from '../ingest/fact-store';
import { auditActor, reportingAudit } from '../shared/audit';
import { parsePeriod } from '../shared/period';
import { knownAncestor, placeName, places } from '../shared/places';
import { assertDefinition } from './indicator-definition';
import { IndicatorQueries } from './indicator-queries';
import { indicatorView, IndicatorRepository } from './indicator-repository';

/** The results framework (item 2) and its queries (item 4). */
@Injectable()
export class IndicatorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: IndicatorRepository,
    private readonly queries: IndicatorQueries,
    private readonly store: FactStore,
  ) {}

  async list(rc: RequestContext, resultArea?: string): Promise<ResultIndicatorListDto> {
    requirePermission(rc.identity, 'report:read');
    const rows = (await this.repo.current(this.dataSource)).filter(
      (r) => !resultArea || r.result_area === resultArea,
    );
    const targets = await this.repo.targets(
      this.dataSource,
      rows.map((r) => r.code),
    );
    return { items: rows.map((r) => indicatorView(r, targets.get(r.code) ?? [])) };
  }

  /** A new indicator, or a new version of one, counted at once over every record already received. */
  async define(rc: RequestContext, dto: DefineIndicatorDto): Promise<ResultIndicatorDto> {
    requirePermission(rc.identity, 'indicator:write');
    assertDefinition(dto);
    return inTransaction(this.dataSource, async (tx) => {
      const previous = await this.repo.byCode(tx, dto.code, true);
      const next = {
        code: dto.code,
        result_area: dto.resultArea,
        label: dto.label,
        unit: dto.unit,
        measure: dto.measure,
        sources: dto.sources,
        dhis2_code: dto.dhis2Code ?? previous?.dhis2_code ?? null,
      };
      if (previous && sameDefinition(previous, next)) {
        throw domainError('INDICATOR_UNCHANGED', { code: dto.code, version: previous.version });
      }
      const row = await this.repo.insertVersion(tx, next, previous, rc.identity.username);
      const facts = await this.store.backfill(tx, row);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: previous ? 'indicator.redefined' : 'indicator.defined',
        entityType: 'indicator',
        entityId: dto.code,
        before: previous
          ? { version: previous.version, measure: previous.measure, sources: previous.sources }
          : undefined,
        after: { version: row.version, measure: row.measure, sources: row.sources, facts },
      });
      const targets = await this.repo.targets(tx, [row.code]);
      return indicatorView(row, targets.get(row.code) ?? []);
    });
  }

  async setTarget(rc: RequestContext, dto: SetTargetDto): Promise<ResultIndicatorDto> {
    requirePermission(rc.identity, 'indicator:write');
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.repo.byCode(tx, dto.code, true);
      if (!row) throw domainError('INDICATOR_NOT_FOUND', { code: dto.code });
      const before = await this.repo.setTarget(tx, dto.code, dto.year, dto.value);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'indicator.target.set',
        entityType: 'indicator',
        entityId: dto.code,
        before: { year: dto.year, value: before },
        after: { year: dto.year, value: dto.value },
      });
      const targets = await this.repo.targets(tx, [row.code]);
      return indicatorView(row, targets.get(row.code) ?? []);
    });
  }

  /** Takes an indicator out of the framework: no longer current; its versions and facts stay. */
  async retire(rc: RequestContext, code: string, reason: string): Promise<ResultIndicatorDto> {
    requirePermission(rc.identity, 'indicator:write');
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.repo.byCode(tx, code, true);
      if (!row) throw domainError('INDICATOR_NOT_FOUND', { code });
      await tx.query(`UPDATE "reporting"."indicator" SET "current" = false WHERE "id" = $1`, [row.id]);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'indicator.retired',
        entityType: 'indicator',
        entityId: code,
        reason,
        before: { version: row.version },
      });
      const targets = await this.repo.targets(tx, [code]);
      return indicatorView(row, targets.get(code) ?? []);
    });
  }

  async values(rc: RequestContext, q: IndicatorValuesQueryDto): Promise<IndicatorValuesDto> {
    requirePermission(rc.identity, 'report:read');
    const period = parsePeriod(q.period);
    const dir = places();
    if (q.placeCode && !knownAncestor(dir, q.placeCode))
      throw domainError('PLACE_UNKNOWN', { code: q.placeCode });
    const ind = await this.repo.byCode(this.dataSource, q.code);
    if (!ind) throw domainError('INDICATOR_NOT_FOUND', { code: q.code });
    const level = q.level ?? 'cercle';
    const map = q.map ?? IndicatorQueries.defaultMap(period);
    const f = await this.queries.figures(this.dataSource, ind, period, level, map, q.placeCode);
    return {
      code: ind.code,
      version: ind.version,
      label: ind.label,
      unit: ind.unit,
      period: period.code,
      from: period.from,
      to: period.to,
      level,
      map,
      total: f.total,
      rows: f.rows.map((r) => ({
        placeCode: r.placeCode,
        placeName: placeName(dir, r.placeCode),
        ...r.figure,
      })),
      target: f.target,
      progress: f.progress,
    };
  }

  async dashboard(rc: RequestContext, code: string): Promise<DashboardDto> {
    requirePermission(rc.identity, 'report:read');
    const period = parsePeriod(code);
    const totals = await this.queries.totals(this.dataSource, period);
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "reporting"."parked_event"`,
    );
    return {
      period: period.code,
      from: period.from,
      to: period.to,
      areas: RESULT_AREAS.map((area) => ({
        resultArea: area,
        title: RESULT_AREA_TITLES[area],
        indicators: totals
          .filter((t) => t.ind.result_area === area)
          .map((t) => ({
            code: t.ind.code,
            label: t.ind.label,
            unit: t.ind.unit,
            ...t.total,
            target: t.target,
            progress: t.progress,
          })),
      })),
      parkedEvents: n,
    };
  }

  async parked(rc: RequestContext, q: ParkedEventQueryDto): Promise<ParkedEventListDto> {
    requirePermission(rc.identity, 'report:read');
    const items: ParkedEventListDto['items'] = await this.dataSource.query(
      `SELECT "id"::text AS "id", "topic", "partition", "offset", "event_type" AS "eventType", "reason", "detail",
              to_char("parked_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "parkedAt"
         FROM "reporting"."parked_event" ORDER BY "id" DESC LIMIT $1`,
      [q.limit ?? 50],
    );
    const [{ n }]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "reporting"."parked_event"`,
    );
    return { items, total: n };
  }
}

function sameDefinition(
  a: {
    result_area: string;
    label: string;
    unit: string;
    measure: string;
    sources: unknown;
    dhis2_code: string | null;
  },
  b: typeof a,
): boolean {
  const pick = (x: typeof a) => [x.result_area, x.label, x.unit, x.measure, x.sources, x.dhis2_code];
  return canonicalJson(pick(a)) === canonicalJson(pick(b));
}
