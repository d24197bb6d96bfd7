import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requirePermission } from '@prosmed/auth';
import {
  domainError,
  type AdoptWorkPlanDto,
  type CreateWorkPlanDto,
  type WorkPlanDto,
  type WorkPlanState,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { acAudit, auditActor } from '../shared/audit';
import { SessionsService } from './sessions.service';

/**
 * Annual work plans: the actions of a year and their targets (the plan's own unless the year's plan
 * sets others), drafted by the Secrétariat permanent and adopted at a session of the comité de pilotage.
 */
@Injectable()
export class WorkPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  create(rc: RequestContext, dto: CreateWorkPlanDto): Promise<WorkPlanDto> {
    requirePermission(rc.identity, 'plan:write');
    return inTransaction(this.dataSource, async (tx) => {
      const taken: unknown[] = await tx.query(
        `INSERT INTO "anticorruption"."work_plan" ("year", "state") VALUES ($1, 'draft')
         ON CONFLICT ("year") DO NOTHING RETURNING "year"`,
        [dto.year],
      );
      if (taken.length === 0) throw domainError('WORK_PLAN_YEAR_TAKEN', { year: dto.year });
      for (const item of dto.items) {
        const rows: { id: string; start_on: string; end_on: string; indicators: string[] }[] = await tx.query(
          `SELECT a."id", a."start_on"::text AS "start_on", a."end_on"::text AS "end_on",
                  coalesce(array_agg(i."id"::text) FILTER (WHERE i."id" IS NOT NULL), '{}') AS "indicators"
             FROM "anticorruption"."action" a LEFT JOIN "anticorruption"."indicator" i ON i."action_id" = a."id"
            WHERE a."code" = $1 GROUP BY a."id"`,
          [item.code],
        );
        const a = rows[0];
        if (!a) throw domainError('ACTION_NOT_FOUND', { code: item.code });
        if (a.start_on > `${dto.year}-12-31` || a.end_on < `${dto.year}-01-01`) {
          throw domainError('WORK_PLAN_ACTION_OUTSIDE_YEAR', {
            code: item.code,
            year: dto.year,
            startOn: a.start_on,
            endOn: a.end_on,
          });
        }
        const unknown = item.targets?.find((t) => !a.indicators.includes(t.indicatorId));
        if (unknown)
          throw domainError('INDICATOR_UNKNOWN', { indicatorId: unknown.indicatorId, code: item.code });
        const targets = Object.fromEntries((item.targets ?? []).map((t) => [t.indicatorId, t.target]));
        await tx.query(
          `INSERT INTO "anticorruption"."work_plan_item" ("year", "action_id", "targets") VALUES ($1, $2, $3::jsonb)`,
          [dto.year, a.id, JSON.stringify(targets)],
        );
      }
      await acAudit.record(tx, {
        ...auditActor(rc),
        action: 'workplan.created',
        entityType: 'work-plan',
        entityId: String(dto.year),
        toState: 'draft',
        after: { actions: dto.items.map((i) => i.code) },
      });
      return this.view(tx, dto.year);
    });
  }

  adopt(rc: RequestContext, dto: AdoptWorkPlanDto): Promise<WorkPlanDto> {
    requirePermission(rc.identity, 'plan:write');
    return inTransaction(this.dataSource, async (tx) => {
      const rows: { state: WorkPlanState; version: number }[] = await tx.query(
        `SELECT "state", "version" FROM "anticorruption"."work_plan" WHERE "year" = $1 FOR UPDATE`,
        [dto.year],
      );
      const wp = rows[0];
      if (!wp) throw domainError('WORK_PLAN_NOT_FOUND', { year: dto.year });
      if (wp.version !== dto.version)
        throw domainError('VERSION_CONFLICT', { expected: dto.version, actual: wp.version });
      if (wp.state === 'adopted') throw domainError('WORK_PLAN_ADOPTED', { year: dto.year });
      // Adopted at a session that is still open: a closed one's decisions are final.
      const session = await this.sessions.lockOpen(
        tx,
        dto.sessionId,
        await this.sessionVersion(tx, dto.sessionId),
      );
      await tx.query(
        `UPDATE "anticorruption"."work_plan" SET "state" = 'adopted', "session_id" = $2, "version" = "version" + 1 WHERE "year" = $1`,
        [dto.year, session.id],
      );
      await acAudit.record(tx, {
        ...auditActor(rc),
        action: 'workplan.adopted',
        entityType: 'work-plan',
        entityId: String(dto.year),
        fromState: 'draft',
        toState: 'adopted',
        after: { sessionId: session.id },
      });
      return this.view(tx, dto.year);
    });
  }

  async get(rc: RequestContext, year: number): Promise<WorkPlanDto> {
    requirePermission(rc.identity, 'action:read');
    return this.view(this.dataSource.manager, year);
  }

  private async sessionVersion(tx: EntityManager, id: string): Promise<number> {
    const rows: { version: number }[] = await tx.query(
      `SELECT "version" FROM "anticorruption"."committee_session" WHERE "id" = $1`,
      [id],
    );
    if (!rows[0]) throw domainError('SESSION_NOT_FOUND');
    return rows[0].version;
  }

  private async view(tx: EntityManager, year: number): Promise<WorkPlanDto> {
    const rows: { state: WorkPlanState; session_id: string | null; version: number }[] = await tx.query(
      `SELECT "state", "session_id", "version" FROM "anticorruption"."work_plan" WHERE "year" = $1`,
      [year],
    );
    if (!rows[0]) throw domainError('WORK_PLAN_NOT_FOUND', { year });
    const items: { code: string; targets: Record<string, number>; budget: string }[] = await tx.query(
      `SELECT a."code", w."targets", a."budget_planned"::text AS "budget" FROM "anticorruption"."work_plan_item" w
         JOIN "anticorruption"."action" a ON a."id" = w."action_id" WHERE w."year" = $1 ORDER BY a."code"`,
      [year],
    );
    return {
      year,
      state: rows[0].state,
      sessionId: rows[0].session_id,
      version: rows[0].version,
      items: items.map((i) => ({ code: i.code, targets: i.targets })),
      budgetPlanned: items.reduce((s, i) => s + Number(i.budget), 0),
    };
  }
}
