import {
  Events,
  Headers,
  type GrievanceCategory,
  type GrievanceChannel,
  type GrievanceDto,
  type GrievanceEventV1,
  type GrievanceNoteDto,
  type GrievanceOutcome,
  type GrievanceState,
  type ReferralService,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import type { EventMessage } from '@prosmed/persistence';
import { daysBetween, today } from '../shared/dates';

/** A grievance row without its ciphertext: what every read and command works with. */
export interface GrievanceRow {
  id: string;
  ccs_code: string;
  received_on: string;
  channel: GrievanceChannel;
  category: GrievanceCategory;
  place_code: string;
  summary: string;
  state: GrievanceState;
  referral_service: ReferralService | null;
  referred_on: string | null;
  notes: GrievanceNoteDto[];
  outcome: GrievanceOutcome | null;
  closed_on: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** Never the `complainant` column: it is read on its own, for the one reader allowed to see it. */
export const GRIEVANCE_COLUMNS = `g."id", g."ccs_code", g."received_on"::text AS "received_on", g."channel", g."category",
  g."place_code", g."summary", g."state", g."referral_service", g."referred_on"::text AS "referred_on", g."notes",
  g."outcome", g."closed_on"::text AS "closed_on", g."version", g."created_at", g."updated_at"`;

/** Days from receipt to closure, or to today while open. */
export function daysOpen(r: Pick<GrievanceRow, 'received_on' | 'closed_on'>, now = new Date()): number {
  return Math.max(0, daysBetween(r.received_on, r.closed_on ?? today(now)));
}

export function grievanceView(r: GrievanceRow, overdueDays: number, now = new Date()): GrievanceDto {
  const days = daysOpen(r, now);
  return {
    id: r.id,
    ccsCode: r.ccs_code,
    receivedOn: r.received_on,
    channel: r.channel,
    category: r.category,
    placeCode: r.place_code,
    summary: r.summary,
    state: r.state,
    referral:
      r.referral_service && r.referred_on ? { service: r.referral_service, referredOn: r.referred_on } : null,
    notes: r.notes,
    outcome: r.outcome,
    closedOn: r.closed_on,
    daysOpen: days,
    overdue: r.state !== 'closed' && days > overdueDays,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** A grievance event: codes, dates and the transition. No summary, no notes, no complainant. */
export function grievanceEvent(
  rc: RequestContext,
  r: GrievanceRow,
  change: GrievanceEventV1['change'],
  date: string,
): EventMessage {
  const payload: GrievanceEventV1 = {
    grievanceId: r.id,
    change,
    ccsCode: r.ccs_code,
    placeCode: r.place_code,
    version: r.version,
    occurredAt: new Date().toISOString(),
    state: r.state,
    category: r.category,
    channel: r.channel,
    receivedOn: r.received_on,
    date,
    referralService: r.referral_service,
    outcome: r.outcome,
  };
  return {
    topic: Events.security.grievanceUpdated,
    key: r.id,
    payload,
    headers: { [Headers.requestId]: rc.requestId },
  };
}
