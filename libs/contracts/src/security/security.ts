/**
 * Controlled lists and event payloads of the security-committee (CCS) service, version 1 (DOMAIN.md
 * section 2). Values are stable identifiers; users see the French labels.
 */

/** Régional (chaired by the governor), de cercle (the préfet) where one exists, communal (the mayor). */
export const CCS_LEVELS = ['regional', 'cercle', 'communal'] as const;
export type CcsLevel = (typeof CCS_LEVELS)[number];

/** The place level each CCS level serves. */
export const CCS_LEVEL_PLACE: Record<CcsLevel, 'region' | 'cercle' | 'commune'> = {
  regional: 'region',
  cercle: 'cercle',
  communal: 'commune',
};

/** Who chairs a CCS of each level. */
export const CCS_CHAIR: Record<CcsLevel, string> = {
  regional: 'gouverneur',
  cercle: 'préfet',
  communal: 'maire',
};

/** The defence and security forces (FDS) a member, an activity or a training may involve. */
export const FORCES = ['police', 'gendarmerie', 'garde-nationale', 'armee', 'protection-civile'] as const;
export type Force = (typeof FORCES)[number];

export const ACTIVITY_TYPES = [
  'meeting',
  'awareness-session',
  'fds-open-day',
  'sports-event',
  'radio-programme',
  'training',
  'clean-up-day',
  'ruptures-de-jeune',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_TYPE_LABELS: Record<ActivityType, string> = {
  meeting: 'Réunion',
  'awareness-session': 'Séance de sensibilisation',
  'fds-open-day': 'Journée porte ouverte des FDS',
  'sports-event': 'Événement sportif (match, marche)',
  'radio-programme': 'Émission de radio communautaire',
  training: 'Formation',
  'clean-up-day': 'Journée de salubrité',
  'ruptures-de-jeune': 'Ruptures de jeûne',
  other: 'Autre',
};

export const RECOMMENDATION_STATES = ['pending', 'in-progress', 'done', 'abandoned'] as const;
export type RecommendationState = (typeof RECOMMENDATION_STATES)[number];

export const GRIEVANCE_CHANNELS = ['in-person', 'phone', 'meeting', 'letter', 'radio', 'other'] as const;
export type GrievanceChannel = (typeof GRIEVANCE_CHANNELS)[number];

export const GRIEVANCE_CATEGORIES = [
  'incident',
  'threat',
  'complaint-against-force',
  'conflict',
  'other',
] as const;
export type GrievanceCategory = (typeof GRIEVANCE_CATEGORIES)[number];

export const GRIEVANCE_STATES = ['received', 'referred', 'in-follow-up', 'closed'] as const;
export type GrievanceState = (typeof GRIEVANCE_STATES)[number];

export const REFERRAL_SERVICES = ['police', 'gendarmerie', 'garde-nationale', 'justice', 'mayor'] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];

export const GRIEVANCE_OUTCOMES = [
  'resolved',
  'unfounded',
  'withdrawn',
  'sent-to-court',
  'unresolved',
] as const;
export type GrievanceOutcome = (typeof GRIEVANCE_OUTCOMES)[number];

export const INFRASTRUCTURE_TYPES = [
  'police-station',
  'gendarmerie-brigade',
  'garde-post',
  'court',
  'prison',
  'other',
] as const;
export type InfrastructureType = (typeof INFRASTRUCTURE_TYPES)[number];

export const INFRASTRUCTURE_WORKS = ['built', 'rehabilitated'] as const;
export type InfrastructureWorks = (typeof INFRASTRUCTURE_WORKS)[number];

export const TRAINING_TOPICS = ['opj', 'human-rights', 'community-policing', 'gbv', 'other'] as const;
export type TrainingTopic = (typeof TRAINING_TOPICS)[number];

export const TRAINEE_BODIES = [
  'police',
  'gendarmerie',
  'garde-nationale',
  'justice',
  'civil-society',
] as const;
export type TraineeBody = (typeof TRAINEE_BODIES)[number];

/** Participants of an activity: a total and overlapping sub-counts, each at most the total. */
export interface ParticipantCountsV1 {
  total: number;
  women: number;
  youth: number;
  fds: number;
  children: number | null;
}

/*
 * Events: counts, codes, types and dates only. No names, phones, complainant, theme, outcome or notes:
 * the reporting service reads them, and what leaves the service carries no personal data or free text.
 * The event's id is the `x-message-id` header (the outbox row id); `version` orders changes of one record.
 */
interface SecurityEventBaseV1 {
  ccsCode: string;
  placeCode: string;
  version: number;
  occurredAt: string;
}

export interface ActivityEventV1 extends SecurityEventBaseV1 {
  activityId: string;
  change: 'recorded' | 'updated' | 'recommendation-updated';
  type: ActivityType;
  startOn: string;
  endOn: string;
  forces: Force[];
  participants: ParticipantCountsV1;
  recommendations: { total: number; done: number };
}

export interface GrievanceEventV1 extends SecurityEventBaseV1 {
  grievanceId: string;
  /** The transition: `received`, `referred`, `follow-up`, `closed`. */
  change: 'received' | 'referred' | 'follow-up' | 'closed';
  state: GrievanceState;
  category: GrievanceCategory;
  channel: GrievanceChannel;
  receivedOn: string;
  date: string;
  referralService: ReferralService | null;
  outcome: GrievanceOutcome | null;
}

export interface InfrastructureEventV1 extends SecurityEventBaseV1 {
  infrastructureId: string;
  change: 'recorded' | 'updated';
  type: InfrastructureType;
  works: InfrastructureWorks;
  handedOverOn: string | null;
}

export interface TrainingEventV1 extends SecurityEventBaseV1 {
  trainingId: string;
  change: 'recorded';
  topic: TrainingTopic;
  startOn: string;
  endOn: string;
  trainees: { body: TraineeBody; women: number; men: number }[];
  totals: { women: number; men: number; total: number };
}
