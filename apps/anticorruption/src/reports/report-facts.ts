import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actionSummary } from '../plan/action-rows';
import { PlanRepository } from '../plan/plan-repository';
import type { ActionFact, ReportLabels } from './execution-rate';

/** Reads what reports are made of: live facts (validated values as of a period) or a session's snapshot. */
@Injectable()
export class ReportFacts {
  constructor(private readonly plan: PlanRepository) {}

  async live(tx: EntityManager, period: string | null, asOf: string): Promise<ActionFact[]> {
    return (await this.plan.allFacts(tx, period)).map((r) => {
      const s = actionSummary(r, asOf);
      return {
        code: s.code,
        axisCode: s.axisCode,
        specificCode: s.specificObjectiveCode,
        structureCode: s.responsibleCode,
        endOn: s.endOn,
        status: s.status,
        progress: s.progress,
        budgetPlanned: s.budgetPlanned,
        budgetSpent: s.budgetSpent,
        late: s.late,
      };
    });
  }

  async frozen(tx: EntityManager, sessionId: string): Promise<ActionFact[]> {
    const rows: {
      action_code: string;
      axis_code: string;
      specific_code: string;
      structure_code: string;
      end_on: string;
      status: ActionFact['status'];
      progress: number;
      budget_planned: string;
      budget_spent: string;
      late: boolean;
    }[] = await tx.query(
      `SELECT "action_code", "axis_code", "specific_code", "structure_code", "end_on"::text AS "end_on", "status",
              "progress", "budget_planned"::text AS "budget_planned", "budget_spent"::text AS "budget_spent", "late"
         FROM "anticorruption"."session_snapshot" WHERE "session_id" = $1 ORDER BY "action_code"`,
      [sessionId],
    );
    return rows.map((r) => ({
      code: r.action_code,
      axisCode: r.axis_code,
      specificCode: r.specific_code,
      structureCode: r.structure_code,
      endOn: r.end_on,
      status: r.status,
      progress: r.progress,
      budgetPlanned: Number(r.budget_planned),
      budgetSpent: Number(r.budget_spent),
      late: r.late,
    }));
  }

  async labels(tx: EntityManager): Promise<ReportLabels> {
    const pairs = (sql: string) =>
      (tx.query(sql) as Promise<{ code: string; title: string }[]>).then(
        (rows) => new Map(rows.map((r) => [r.code, r.title])),
      );
    const [axes, objectives, structures] = await Promise.all([
      pairs(`SELECT "code", "title" FROM "anticorruption"."axis"`),
      pairs(`SELECT "code", "title" FROM "anticorruption"."objective" WHERE "level" = 'specific'`),
      pairs(`SELECT "code", "name" AS "title" FROM "anticorruption"."structure"`),
    ]);
    return { axes, objectives, structures };
  }
}
