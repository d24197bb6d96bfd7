import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requirePermission } from '@prosmed/auth';
import {
  ACTIVITY_SOURCE_TYPE,
  domainError,
  type ProgrammeActivityDto,
  type ProgrammeActivityListDto,
  type ProgrammeActivityListQueryDto,
  type RecordProgrammeActivityDto,
  type UpdateProgrammeActivityDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { FactStore } from '../ingest/fact-store';
import { auditActor, reportingAudit } from '../shared/audit';
import { parsePeriod } from '../shared/period';
import { knownAncestor, placeName, places } from '../shared/places';
import { assertActivityDates, resolveParticipants } from './activity-rules';

interface ActivityRow {
  id: string;
  result_area: string;
  kind: string;
  title: string;
  audience: string;
  place_code: string;
  start_date: string;
  end_date: string;
  units: number;
  partner: string | null;
  total: number;
  women: number | null;
  men: number | null;
  youth: number | null;
  women_percent: string | null;
  youth_percent: string | null;
  version: number;
  recorded_at: Date;
}

const COLUMNS = `"id", "result_area", "kind", "title", "audience", "place_code", to_char("start_date", 'YYYY-MM-DD') AS "start_date",
  to_char("end_date", 'YYYY-MM-DD') AS "end_date", "units", "partner", "total", "women", "men", "youth", "women_percent",
  "youth_percent", "version", "recorded_at"`;

function view(r: ActivityRow): ProgrammeActivityDto {
  return {
    id: r.id,
    resultArea: r.result_area as ProgrammeActivityDto['resultArea'],
    kind: r.kind as ProgrammeActivityDto['kind'],
    title: r.title,
    audience: r.audience as ProgrammeActivityDto['audience'],
    placeCode: r.place_code,
    placeName: placeName(places(), knownAncestor(places(), r.place_code) ?? r.place_code),
    startDate: r.start_date,
    endDate: r.end_date,
    units: r.units,
    partner: r.partner,
    participants: {
      total: r.total,
      women: r.women,
      men: r.men,
      youth: r.youth,
      womenPercent: r.women_percent === null ? null : Number(r.women_percent),
      youthPercent: r.youth_percent === null ? null : Number(r.youth_percent),
    },
    version: r.version,
    recordedAt: new Date(r.recorded_at).toISOString(),
  };
}

/**
 * The programme's activities that no other service records (issue 13, item 3). Each is written with its
 * audit row and counted at once, in the same transaction, as a record of type `reporting.activity.v1`.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: FactStore,
  ) {}

  async record(rc: RequestContext, dto: RecordProgrammeActivityDto): Promise<ProgrammeActivityDto> {
    requirePermission(rc.identity, 'programme-activity:write');
    assertActivityDates(dto.startDate, dto.endDate);
    const p = resolveParticipants(dto.participants);
    if (!knownAncestor(places(), dto.placeCode)) throw domainError('PLACE_UNKNOWN', { code: dto.placeCode });

    return inTransaction(this.dataSource, async (tx) => {
      const [row]: ActivityRow[] = await tx.query(
        `INSERT INTO "reporting"."activity" ("result_area", "kind", "title", "audience", "place_code", "start_date", "end_date",
           "units", "partner", "total", "women", "men", "youth", "women_percent", "youth_percent", "recorded_by")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${COLUMNS}`,
        [
          dto.resultArea,
          dto.kind,
          dto.title,
          dto.audience ?? 'general',
          dto.placeCode,
          dto.startDate,
          dto.endDate,
          dto.units ?? 1,
          dto.partner ?? null,
          p.total,
          p.women,
          p.men,
          p.youth,
          p.womenPercent,
          p.youthPercent,
          rc.identity.sub,
        ],
      );
      const activity = view(row);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'activity.recorded',
        entityType: 'activity',
        entityId: activity.id,
        after: { ...activity, placeName: undefined, recordedAt: undefined },
      });
      await this.count(tx, activity);
      return activity;
    });
  }

  /** A correction: the whole activity again; the indicators then count only the corrected version. */
  async update(rc: RequestContext, dto: UpdateProgrammeActivityDto): Promise<ProgrammeActivityDto> {
    requirePermission(rc.identity, 'programme-activity:write');
    assertActivityDates(dto.startDate, dto.endDate);
    const p = resolveParticipants(dto.participants);
    if (!knownAncestor(places(), dto.placeCode)) throw domainError('PLACE_UNKNOWN', { code: dto.placeCode });
    return inTransaction(this.dataSource, async (tx) => {
      const [found]: ActivityRow[] = await tx.query(
        `SELECT ${COLUMNS} FROM "reporting"."activity" WHERE "id" = $1 FOR UPDATE`,
        [dto.activityId],
      );
      if (!found) throw domainError('ACTIVITY_NOT_FOUND');
      if (found.version !== dto.version) {
        throw domainError('VERSION_CONFLICT', { expected: dto.version, actual: found.version });
      }
      // TypeORM answers an UPDATE with [rows, count].
      const [[row]]: [ActivityRow[], number] = await tx.query(
        `UPDATE "reporting"."activity" SET "result_area" = $2, "kind" = $3, "title" = $4, "audience" = $5, "place_code" = $6,
           "start_date" = $7, "end_date" = $8, "units" = $9, "partner" = $10, "total" = $11, "women" = $12, "men" = $13,
           "youth" = $14, "women_percent" = $15, "youth_percent" = $16, "version" = "version" + 1
         WHERE "id" = $1 RETURNING ${COLUMNS}`,
        [
          dto.activityId,
          dto.resultArea,
          dto.kind,
          dto.title,
          dto.audience ?? 'general',
          dto.placeCode,
          dto.startDate,
          dto.endDate,
          dto.units ?? 1,
          dto.partner ?? null,
          p.total,
          p.women,
          p.men,
          p.youth,
          p.womenPercent,
          p.youthPercent,
        ],
      );
      const before = view(found);
      const activity = view(row);
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'activity.corrected',
        entityType: 'activity',
        entityId: activity.id,
        before: { ...before, placeName: undefined, recordedAt: undefined },
        after: { ...activity, placeName: undefined, recordedAt: undefined },
      });
      await this.count(tx, activity);
      return activity;
    });
  }

  /** The record indicators read: codes, counts and dates only (no title, no partner). */
  private async count(tx: EntityManager, activity: ProgrammeActivityDto): Promise<void> {
    const p = activity.participants;
    await this.store.add(tx, {
      messageId: `activity:${activity.id}:v${activity.version}`,
      eventType: ACTIVITY_SOURCE_TYPE,
      day: activity.startDate,
      placeCode: activity.placeCode,
      subject: activity.id,
      subjectVersion: activity.version,
      payload: {
        id: activity.id,
        version: activity.version,
        resultArea: activity.resultArea,
        kind: activity.kind,
        audience: activity.audience,
        placeCode: activity.placeCode,
        startDate: activity.startDate,
        endDate: activity.endDate,
        units: activity.units,
        participants: { total: p.total, women: p.women, men: p.men, youth: p.youth },
      },
    });
  }

  async list(rc: RequestContext, q: ProgrammeActivityListQueryDto): Promise<ProgrammeActivityListDto> {
    requirePermission(rc.identity, 'report:read');
    const period = q.period ? parsePeriod(q.period) : undefined;
    const rows: ActivityRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "reporting"."activity"
        WHERE ($1::date IS NULL OR "start_date" BETWEEN $1::date AND $2::date) AND ($3::text IS NULL OR "result_area" = $3)
        ORDER BY "start_date", "recorded_at" LIMIT $4`,
      [period?.from ?? null, period?.to ?? null, q.resultArea ?? null, q.limit ?? 50],
    );
    return { items: rows.map(view) };
  }
}
