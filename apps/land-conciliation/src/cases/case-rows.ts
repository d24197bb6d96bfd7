import type {
  CaseHistoryEntryV1,
  CaseState,
  CaseSummaryV1,
  CaseV1,
  CloseReason,
  DisputeType,
  HomologationQueueItemV1,
  HomologationV1,
  InstructionStepV1,
  PartyCountsV1,
  PartyV1,
  PvV1,
} from '@prosmed/contracts';
import type { AuditRow } from '@prosmed/persistence';
import { daysBetween, today } from './case-rules';

/** Rows as PostgreSQL returns them (snake_case columns aliased in the queries below). */
export interface CaseRow {
  id: string;
  number: string;
  cofo_code: string;
  tribunal_code: string | null;
  state: CaseState;
  dispute_type: DisputeType;
  filed_on: string;
  summary: string;
  village_code: string;
  land_description: string;
  surface_ha: string | null;
  gps_lat: number | null;
  gps_lon: number | null;
  party_counts: PartyCountsV1;
  sent_to_tribunal: boolean;
  referral_court: string | null;
  referral_on: string | null;
  referral_recorded_at: Date | null;
  closed_reason: CloseReason | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** `date` columns come back as text (see the type parser set in `cases.module.ts`'s queries: `::text`). */
export const CASE_COLUMNS = `c."id", c."number", c."cofo_code", c."tribunal_code", c."state", c."dispute_type",
  c."filed_on"::text AS "filed_on", c."summary", c."village_code", c."land_description", c."surface_ha"::text AS "surface_ha",
  c."gps_lat", c."gps_lon", c."party_counts", c."sent_to_tribunal", c."referral_court", c."referral_on"::text AS "referral_on",
  c."referral_recorded_at", c."closed_reason", c."version", c."created_at", c."updated_at"`;

export interface PartyRow {
  id: string;
  kind: PartyV1['kind'];
  name: string;
  sex: PartyV1['sex'];
  age_group: NonNullable<PartyV1['ageGroup']>;
  role: PartyV1['role'];
  village_code: string | null;
  member_count: number | null;
}

export interface StepRow {
  id: string;
  kind: InstructionStepV1['kind'];
  date: string;
  members_present: string[];
  summary: string;
  party_id: string | null;
  recorded_at: Date;
  recorded_by: string;
}

export interface PvRow {
  id: string;
  case_id: string;
  case_number: string;
  kind: PvV1['kind'];
  pv_version: number;
  status: PvV1['status'];
  drawn_up_on: string;
  members_present: PvV1['membersPresent'];
  agreed_points: string[];
  open_points: string[];
  marks: PvV1['marks'];
  member_marks: PvV1['memberMarks'];
  steps_tried: string[];
  failure_reason: string | null;
  correction_reason: string | null;
  content_hash: string;
  verification_code: string;
  tribunal_code: string | null;
  requested_on: string | null;
  decision: HomologationV1['decision'];
  decision_number: string | null;
  decision_date: string | null;
  rejection_reason: string | null;
  recorded_at: Date;
  recorded_by: string;
}

export const PV_COLUMNS = `p."id", p."case_id", c."number" AS "case_number", p."kind", p."pv_version", p."status",
  p."drawn_up_on"::text AS "drawn_up_on", p."members_present", p."agreed_points", p."open_points", p."marks", p."member_marks",
  p."steps_tried", p."failure_reason", p."correction_reason", p."content_hash", p."verification_code",
  p."tribunal_code", p."requested_on"::text AS "requested_on", p."decision", p."decision_number",
  p."decision_date"::text AS "decision_date", p."rejection_reason", p."recorded_at", p."recorded_by"`;

export function summaryView(r: CaseRow): CaseSummaryV1 {
  return {
    id: r.id,
    number: r.number,
    cofoCode: r.cofo_code,
    state: r.state,
    disputeType: r.dispute_type,
    filedOn: r.filed_on,
    villageCode: r.village_code,
    summary: r.summary,
    parties: r.party_counts,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export function partyView(p: PartyRow): PartyV1 {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    sex: p.sex,
    ageGroup: p.age_group,
    role: p.role,
    villageCode: p.village_code,
    memberCount: p.member_count,
  };
}

export function stepView(s: StepRow): InstructionStepV1 {
  return {
    id: s.id,
    kind: s.kind,
    date: s.date,
    membersPresent: s.members_present,
    summary: s.summary,
    partyId: s.party_id,
    recordedAt: s.recorded_at.toISOString(),
    recordedBy: s.recorded_by,
  };
}

export function homologationView(p: PvRow, overdueDays: number, now = new Date()): HomologationV1 | null {
  if (p.requested_on === null || p.tribunal_code === null) return null;
  const waitingDays = daysBetween(p.requested_on, p.decision_date ?? today(now));
  return {
    tribunalCode: p.tribunal_code,
    requestedOn: p.requested_on,
    decision: p.decision,
    decisionNumber: p.decision_number,
    decisionDate: p.decision_date,
    rejectionReason: p.rejection_reason,
    waitingDays,
    overdue: p.decision === null && waitingDays > overdueDays,
  };
}

export function pvView(p: PvRow, overdueDays: number): PvV1 {
  return {
    id: p.id,
    caseId: p.case_id,
    caseNumber: p.case_number,
    kind: p.kind,
    pvVersion: p.pv_version,
    status: p.status,
    drawnUpOn: p.drawn_up_on,
    membersPresent: p.members_present,
    agreedPoints: p.agreed_points,
    openPoints: p.open_points,
    marks: p.marks,
    memberMarks: p.member_marks,
    stepsTried: p.steps_tried,
    failureReason: p.failure_reason,
    correctionReason: p.correction_reason,
    contentHash: p.content_hash,
    verificationCode: p.verification_code,
    homologation: homologationView(p, overdueDays),
    recordedAt: p.recorded_at.toISOString(),
    recordedBy: p.recorded_by,
  };
}

export function queueItemView(
  p: PvRow & { cofo_code: string },
  overdueDays: number,
): HomologationQueueItemV1 {
  const h = homologationView(p, overdueDays);
  return {
    pvId: p.id,
    caseId: p.case_id,
    caseNumber: p.case_number,
    cofoCode: p.cofo_code,
    tribunalCode: p.tribunal_code ?? '',
    pvVersion: p.pv_version,
    requestedOn: p.requested_on ?? '',
    decision: p.decision,
    decisionDate: p.decision_date,
    waitingDays: h?.waitingDays ?? 0,
    overdue: h?.overdue ?? false,
  };
}

export function historyView(a: AuditRow): CaseHistoryEntryV1 {
  return {
    at: new Date(a.at).toISOString(),
    actor: a.actorName ?? a.actorId,
    action: a.action,
    fromState: a.fromState,
    toState: a.toState,
    reason: a.reason,
  };
}

export function caseView(
  r: CaseRow,
  parties: PartyRow[],
  steps: StepRow[],
  pvs: PvRow[],
  history: AuditRow[],
  overdueDays: number,
): CaseV1 {
  return {
    ...summaryView(r),
    partiesList: parties.map(partyView),
    land: {
      villageCode: r.village_code,
      description: r.land_description,
      surfaceHa: r.surface_ha === null ? null : Number(r.surface_ha),
      gps: r.gps_lat === null || r.gps_lon === null ? null : { lat: r.gps_lat, lon: r.gps_lon },
    },
    steps: steps.map(stepView),
    pvs: pvs.map((p) => pvView(p, overdueDays)),
    referral:
      r.referral_recorded_at === null
        ? null
        : {
            court: r.referral_court,
            referredOn: r.referral_on,
            recordedAt: r.referral_recorded_at.toISOString(),
          },
    closedReason: r.closed_reason,
    history: history.map(historyView),
    createdAt: r.created_at.toISOString(),
  };
}
