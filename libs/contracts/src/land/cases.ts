/** Wire types of land-dispute cases, PVs and homologation, version 1 (DOMAIN.md section 1). */
import type { Sex } from './registry';

export const DISPUTE_TYPES = [
  'limites-de-champs',
  'heritage-succession',
  'pret-retrait-de-terre',
  'vente-transaction',
  'agriculteurs-eleveurs',
  'couloir-transhumance',
  'eau-peche',
  'autre',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** Labels as users say them (French first). */
export const DISPUTE_TYPE_LABELS: Record<DisputeType, { fr: string; en: string }> = {
  'limites-de-champs': { fr: 'Limites de champs', en: 'Field boundaries' },
  'heritage-succession': { fr: 'Héritage / succession', en: 'Inheritance' },
  'pret-retrait-de-terre': { fr: 'Prêt ou retrait de terre', en: 'Land loan or withdrawal' },
  'vente-transaction': { fr: 'Vente / transaction', en: 'Sale / transaction' },
  'agriculteurs-eleveurs': {
    fr: 'Agriculteurs-éleveurs / dégâts de champs',
    en: 'Farmers-herders / crop damage',
  },
  'couloir-transhumance': {
    fr: 'Couloir de passage / transhumance',
    en: 'Livestock corridor / transhumance',
  },
  'eau-peche': { fr: 'Eau / pêche', en: 'Water / fishing' },
  autre: { fr: 'Autre', en: 'Other' },
};

export const AGE_GROUPS = ['under-15', 'youth-15-35', 'adult-36-59', 'elder-60-plus', 'unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const PARTY_ROLES = ['demandeur', 'defendeur', 'temoin'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export const PARTY_KINDS = ['person', 'group'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** The legal states of a case. */
export const CASE_STATES = [
  'filed',
  'in-instruction',
  'conciliated',
  'not-conciliated',
  'homologation-requested',
  'homologated',
  'homologation-rejected',
  'referred',
  'closed',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const INSTRUCTION_STEP_KINDS = [
  'pv-constat',
  'audition',
  'confrontation',
  'conciliation-session',
] as const;
export type InstructionStepKind = (typeof INSTRUCTION_STEP_KINDS)[number];

export const PV_KINDS = ['conciliation', 'non-conciliation'] as const;
export type PvKind = (typeof PV_KINDS)[number];

export const MARK_KINDS = ['signature', 'thumbprint', 'represented'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export const CLOSE_REASONS = ['homologated', 'referred', 'withdrawn'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** Counts of parties by sex and age group, without names: what events and reports carry. */
export interface PartyCountsV1 {
  total: number;
  bySex: Record<Sex | 'group', number>;
  byAgeGroup: Record<AgeGroup, number>;
}

/** Payload common to every land event (no personal data). */
export interface LandEventV1 {
  /** The event's id is the `x-message-id` header (the outbox row id); consumers deduplicate on it. */
  caseId: string;
  caseNumber: string;
  cofoCode: string;
  /** The place code the case was entered with (village of the land). */
  placeCode: string;
  disputeType: DisputeType;
  /** Date the event is about (filing, PV, decision...), YYYY-MM-DD. */
  date: string;
  occurredAt: string;
  state: CaseState;
  parties: PartyCountsV1;
}

export interface GpsPointV1 {
  lat: number;
  lon: number;
}

export interface PartyInputV1 {
  kind: PartyKind;
  /** Person's full name, or the group's name ("Famille Coulibaly", "Association des éleveurs de ..."). */
  name: string;
  /** Required for a person; a group has none. */
  sex?: Sex | null;
  ageGroup?: AgeGroup;
  role: PartyRole;
  /** Place code of the party's village. */
  villageCode?: string | null;
  /** For a group: how many people it speaks for, when known. */
  memberCount?: number | null;
}

export interface PartyV1 extends PartyInputV1 {
  id: string;
}

export interface LandInputV1 {
  /** Place code of the village where the land lies. */
  villageCode: string;
  description: string;
  surfaceHa?: number | null;
  gps?: GpsPointV1 | null;
}

export interface FileCaseV1 {
  /** The CoFo that receives the case; a secretary can only file in her own (scope comes from the token). */
  cofoCode: string;
  /** Date of the saisine, YYYY-MM-DD, not in the future. */
  filedOn: string;
  disputeType: DisputeType;
  summary: string;
  parties: PartyInputV1[];
  land: LandInputV1;
}

export interface InstructionStepInputV1 {
  caseId: string;
  version: number;
  kind: InstructionStepKind;
  date: string;
  /** CoFo members present (names). */
  membersPresent: string[];
  summary: string;
  /** For a hearing: which party was heard. */
  partyId?: string | null;
}

export interface InstructionStepV1 extends Omit<InstructionStepInputV1, 'caseId' | 'version'> {
  id: string;
  recordedAt: string;
  recordedBy: string;
}

export interface PartyMarkV1 {
  partyId: string;
  kind: MarkKind;
  /** When `represented`: who signed for the party. */
  representedBy?: string | null;
}

export interface PvMemberV1 {
  name: string;
  role: string;
  sex?: Sex | null;
}

export interface RecordPvV1 {
  caseId: string;
  version: number;
  kind: PvKind;
  /** Date the PV was drawn up: not before the filing, not in the future. */
  drawnUpOn: string;
  membersPresent: PvMemberV1[];
  /** Conciliation: the points agreed (at least one) and any left open. */
  agreedPoints?: string[];
  openPoints?: string[];
  /** Conciliation: each party's mark. */
  marks?: PartyMarkV1[];
  /** Non-conciliation: the steps tried and why they failed. */
  stepsTried?: string[];
  failureReason?: string | null;
  /** Why a new version replaces the PV in force (required for a correction). */
  correctionReason?: string | null;
}

export const PV_STATUSES = ['in-force', 'superseded'] as const;
export type PvStatus = (typeof PV_STATUSES)[number];

export const HOMOLOGATION_DECISIONS = ['homologated', 'rejected'] as const;
export type HomologationDecision = (typeof HOMOLOGATION_DECISIONS)[number];

export interface HomologationV1 {
  tribunalCode: string;
  requestedOn: string;
  decision: HomologationDecision | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  rejectionReason: string | null;
  /** Days from request to decision, or to today while waiting. */
  waitingDays: number;
  overdue: boolean;
}

export interface PvV1 {
  id: string;
  caseId: string;
  caseNumber: string;
  kind: PvKind;
  pvVersion: number;
  status: PvStatus;
  drawnUpOn: string;
  membersPresent: PvMemberV1[];
  agreedPoints: string[];
  openPoints: string[];
  marks: PartyMarkV1[];
  stepsTried: string[];
  failureReason: string | null;
  correctionReason: string | null;
  contentHash: string;
  verificationCode: string;
  homologation: HomologationV1 | null;
  recordedAt: string;
  recordedBy: string;
}

export interface ReferralV1 {
  court: string | null;
  referredOn: string | null;
  recordedAt: string;
}

export interface CaseHistoryEntryV1 {
  at: string;
  actor: string;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
}

export interface CaseSummaryV1 {
  id: string;
  number: string;
  cofoCode: string;
  state: CaseState;
  disputeType: DisputeType;
  filedOn: string;
  villageCode: string;
  summary: string;
  parties: PartyCountsV1;
  version: number;
  updatedAt: string;
}

export interface CaseV1 extends CaseSummaryV1 {
  partiesList: PartyV1[];
  land: LandInputV1;
  steps: InstructionStepV1[];
  pvs: PvV1[];
  referral: ReferralV1 | null;
  closedReason: CloseReason | null;
  history: CaseHistoryEntryV1[];
  createdAt: string;
}

export interface CaseListQueryV1 {
  state?: CaseState;
  disputeType?: DisputeType;
  /** Place code: the case's village or any unit above it. */
  placeCode?: string;
  cofoCode?: string;
  filedFrom?: string;
  filedTo?: string;
  /** Text in the number, summary, land description or party names (accent-insensitive). */
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface RequestHomologationV1 {
  caseId: string;
  version: number;
  requestedOn: string;
}

export interface DecideHomologationV1 {
  caseId: string;
  version: number;
  decision: HomologationDecision;
  decisionNumber?: string | null;
  decisionDate: string;
  rejectionReason?: string | null;
}

export interface ReferCaseV1 {
  caseId: string;
  version: number;
  court?: string | null;
  referredOn?: string | null;
}

export interface CloseCaseV1 {
  caseId: string;
  version: number;
  reason: CloseReason;
  comment?: string | null;
}

export interface HomologationQueueQueryV1 {
  /** `pending`: waiting for a decision; `overdue`: waiting longer than the configured days. */
  status?: 'pending' | 'overdue' | 'decided';
  cursor?: string;
  limit?: number;
}

export interface HomologationQueueItemV1 {
  pvId: string;
  caseId: string;
  caseNumber: string;
  cofoCode: string;
  tribunalCode: string;
  pvVersion: number;
  requestedOn: string;
  decision: HomologationDecision | null;
  decisionDate: string | null;
  waitingDays: number;
  overdue: boolean;
}

export interface PvPdfV1 {
  filename: string;
  /** The PDF bytes, base64. */
  base64: string;
}

/** What the public check endpoint says about a PV: never personal data. */
export interface PvCheckV1 {
  exists: boolean;
  caseNumber?: string;
  kind?: PvKind;
  pvVersion?: number;
  status?: PvStatus;
  caseState?: CaseState;
  contentHash?: string;
}
