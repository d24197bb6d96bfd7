import type { ActionStatus, ActionSummaryDto, IndicatorDto } from '@prosmed/contracts';
import { isLate } from '../shared/lateness';

/** An action with its place in the plan and its last validated values (as of a period, or ever). */
export interface ActionFactRow {
  id: string;
  code: string;
  title: string;
  axis_code: string;
  specific_code: string;
  specific_title: string;
  operational_code: string;
  operational_title: string;
  result_code: string;
  result_title: string;
  structure_code: string;
  partner_codes: string[];
  start_on: string;
  end_on: string;
  budget_planned: string;
  demo: boolean;
  status: ActionStatus | null;
  progress: number | null;
  budget_spent: string | null;
  validated_period: string | null;
}

/**
 * The SELECT of action facts. `$period` (a bind placeholder or `NULL`) bounds the validated update
 * that counts: the latest validated one whose period is not after it.
 */
export function actionFactsSql(period: string): string {
  return `SELECT a."id", a."code", a."title", os."axis_code", os."code" AS "specific_code", os."title" AS "specific_title",
      oo."code" AS "operational_code", oo."title" AS "operational_title", r."code" AS "result_code", r."title" AS "result_title",
      a."responsible_code" AS "structure_code", a."partner_codes", a."start_on"::text AS "start_on", a."end_on"::text AS "end_on",
      a."budget_planned"::text AS "budget_planned", a."demo",
      lv."status", lv."progress", lv."budget_spent"::text AS "budget_spent", lv."period" AS "validated_period"
    FROM "anticorruption"."action" a
    JOIN "anticorruption"."expected_result" r ON r."code" = a."result_code"
    JOIN "anticorruption"."objective" oo ON oo."code" = r."objective_code"
    JOIN "anticorruption"."objective" os ON os."code" = oo."parent_code"
    LEFT JOIN LATERAL (
      SELECT u."status", u."progress", u."budget_spent", u."period" FROM "anticorruption"."action_update" u
       WHERE u."action_id" = a."id" AND u."state" = 'validated' AND (${period}::text IS NULL OR u."period" <= ${period}::text)
       ORDER BY u."period" DESC LIMIT 1
    ) lv ON true`;
}

export function actionSummary(row: ActionFactRow, asOf: string): ActionSummaryDto {
  const status: ActionStatus = row.status ?? 'non démarrée';
  return {
    code: row.code,
    title: row.title,
    axisCode: row.axis_code,
    specificObjectiveCode: row.specific_code,
    operationalObjectiveCode: row.operational_code,
    resultCode: row.result_code,
    responsibleCode: row.structure_code,
    partnerCodes: row.partner_codes,
    startOn: row.start_on,
    endOn: row.end_on,
    budgetPlanned: Number(row.budget_planned),
    status,
    progress: row.progress ?? 0,
    budgetSpent: Number(row.budget_spent ?? 0),
    validatedPeriod: row.validated_period,
    late: isLate(row.end_on, status, asOf),
    demo: row.demo,
  };
}

export interface IndicatorRow {
  id: string;
  action_id: string;
  label: string;
  unit: string;
  baseline: string;
  targets: Record<string, number>;
}

export function indicatorView(row: IndicatorRow): IndicatorDto {
  return {
    id: row.id,
    label: row.label,
    unit: row.unit,
    baseline: Number(row.baseline),
    targets: row.targets,
  };
}
