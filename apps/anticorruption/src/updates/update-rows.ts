import {
  Headers,
  type ActionStatus,
  type UpdateDto,
  type UpdateEventV1,
  type UpdateState,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import type { EventMessage } from '@prosmed/persistence';

export interface UpdateRow {
  id: string;
  action_id: string;
  action_code: string;
  axis_code: string;
  budget_planned: string;
  structure_code: string;
  period: string;
  state: UpdateState;
  status: ActionStatus;
  progress: number;
  budget_spent: string;
  indicator_values: { indicatorId: string; value: number }[];
  comment: string;
  consolidation_comment: string | null;
  return_comment: string | null;
  version: number;
  updated_at: Date;
}

/** Columns of `u` (action_update) joined with its action `a` and the action's axis through `os`. */
export const UPDATE_FROM = `"anticorruption"."action_update" u
  JOIN "anticorruption"."action" a ON a."id" = u."action_id"
  JOIN "anticorruption"."expected_result" r ON r."code" = a."result_code"
  JOIN "anticorruption"."objective" oo ON oo."code" = r."objective_code"
  JOIN "anticorruption"."objective" os ON os."code" = oo."parent_code"`;

export const UPDATE_COLUMNS = `u."id", u."action_id", a."code" AS "action_code", os."axis_code",
  a."budget_planned"::text AS "budget_planned", u."structure_code", u."period", u."state", u."status", u."progress",
  u."budget_spent"::text AS "budget_spent", u."indicator_values", u."comment", u."consolidation_comment",
  u."return_comment", u."version", u."updated_at"`;

export function updateView(row: UpdateRow): UpdateDto {
  return {
    id: row.id,
    actionCode: row.action_code,
    structureCode: row.structure_code,
    period: row.period,
    state: row.state,
    status: row.status,
    progress: row.progress,
    budgetSpent: Number(row.budget_spent),
    indicatorValues: row.indicator_values,
    comment: row.comment,
    consolidationComment: row.consolidation_comment,
    returnComment: row.return_comment,
    version: row.version,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** An update event: ids, codes, status and numbers; never the comments nor who wrote them. */
export function updateEvent(rc: RequestContext, topic: string, row: UpdateRow): EventMessage {
  const payload: UpdateEventV1 = {
    updateId: row.id,
    actionId: row.action_id,
    actionCode: row.action_code,
    axisCode: row.axis_code,
    structureCode: row.structure_code,
    period: row.period,
    state: row.state,
    status: row.status,
    progress: row.progress,
    budgetSpent: Number(row.budget_spent),
    budgetPlanned: Number(row.budget_planned),
    occurredAt: new Date().toISOString(),
  };
  return { topic, key: row.action_id, payload, headers: { [Headers.requestId]: rc.requestId } };
}
