import type { ActionStatus, UpdateState } from './domain';

/**
 * Payloads of the anti-corruption events (topics in `Events.anticorruption`), read by the reporting
 * service. Ids, codes, statuses, numbers and periods only: no names, no comments (events leave the service).
 */
export interface UpdateEventV1 {
  updateId: string;
  actionId: string;
  actionCode: string;
  axisCode: string;
  structureCode: string;
  period: string;
  state: UpdateState;
  status: ActionStatus;
  progress: number;
  /** Integer FCFA. */
  budgetSpent: number;
  budgetPlanned: number;
  occurredAt: string;
}

export interface SessionClosedEventV1 {
  sessionId: string;
  periodFrom: string;
  periodTo: string;
  /** How many actions the frozen snapshot holds, and how many were validated in it. */
  actions: number;
  validated: number;
  closedAt: string;
}

export interface ActionLateEventV1 {
  actionId: string;
  actionCode: string;
  axisCode: string;
  structureCode: string;
  endOn: string;
  status: ActionStatus;
  progress: number;
  occurredAt: string;
}

export interface ReminderDueEventV1 {
  structureCode: string;
  period: string;
  deadline: string;
  /** Actions of the structure with no update for the period. */
  actionCodes: string[];
  occurredAt: string;
}
