/** Wire types of land-dispute cases, PVs and homologation, version 1 (DOMAIN.md section 1). */
import type {
  CaseListQueryDto,
  CloseCaseDto,
  DecideHomologationDto,
  FileCaseDto,
  GpsPointDto,
  HomologationQueueQueryDto,
  InstructionStepDto,
  LandInputDto,
  PartyInputDto,
  PartyMarkDto,
  PvMemberDto,
  RecordPvDto,
  ReferCaseDto,
  RequestHomologationDto,
} from './case-dtos';
import type {
  CaseDto,
  CaseSummaryDto,
  HistoryEntryDto,
  HomologationDto,
  HomologationQueueItemDto,
  PartyCountsDto,
  PartyDto,
  PvCheckResultDto,
  PvDto,
  ReferralDto,
  StepDto,
} from './case-replies';

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
/** A CoFo member present signs the PV or puts a thumbprint; a member is never represented. */
export const MEMBER_MARK_KINDS = ['signature', 'thumbprint'] as const;
export type MemberMarkKind = (typeof MEMBER_MARK_KINDS)[number];

export const CLOSE_REASONS = ['homologated', 'referred', 'withdrawn'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

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

export const PV_STATUSES = ['in-force', 'superseded'] as const;
export type PvStatus = (typeof PV_STATUSES)[number];

export const HOMOLOGATION_DECISIONS = ['homologated', 'rejected'] as const;
export type HomologationDecision = (typeof HOMOLOGATION_DECISIONS)[number];

/*
 * One shape per message: the class-validator classes (requests, case-dtos.ts) and the documented reply
 * classes (case-replies.ts) ARE the types. These names keep the wire's version in the code that uses them.
 */
/** Counts of parties by sex and age group, without names: what events and reports carry. */
export type PartyCountsV1 = PartyCountsDto;
export type GpsPointV1 = GpsPointDto;
export type PartyInputV1 = PartyInputDto;
export type PartyV1 = PartyDto;
export type LandInputV1 = LandInputDto;
export type FileCaseV1 = FileCaseDto;
export type InstructionStepInputV1 = InstructionStepDto;
export type InstructionStepV1 = StepDto;
export type PartyMarkV1 = PartyMarkDto;
export type PvMemberV1 = PvMemberDto;
export type RecordPvV1 = RecordPvDto;
export type HomologationV1 = HomologationDto;
export type PvV1 = PvDto;
export type ReferralV1 = ReferralDto;
export type CaseHistoryEntryV1 = HistoryEntryDto;
export type CaseSummaryV1 = CaseSummaryDto;
export type CaseV1 = CaseDto;
export type CaseListQueryV1 = CaseListQueryDto;
export type RequestHomologationV1 = RequestHomologationDto;
export type DecideHomologationV1 = DecideHomologationDto;
export type ReferCaseV1 = ReferCaseDto;
export type CloseCaseV1 = CloseCaseDto;
export type HomologationQueueQueryV1 = HomologationQueueQueryDto;
export type HomologationQueueItemV1 = HomologationQueueItemDto;
/** What the public check endpoint says about a PV: never personal data. */
export type PvCheckV1 = PvCheckResultDto;

export interface PvPdfV1 {
  filename: string;
  /** The PDF bytes, base64. */
  base64: string;
}
