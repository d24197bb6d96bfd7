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
  eventId: string;
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
