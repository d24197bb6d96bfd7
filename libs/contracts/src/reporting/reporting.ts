/**
 * Wire vocabulary of the reporting service (issue 13): result areas of the programme's results framework,
 * the kinds of activities the M&E officers record, who took part, and how periods are written.
 */

/** The programme's result areas (Q4-2023 report), plus the steering committee, which is no result. */
export const RESULT_AREAS = ['R1', 'R2', 'R3', 'R4', 'COPIL'] as const;
export type ResultArea = (typeof RESULT_AREAS)[number];

/** Titles as the quarterly report prints them (French: the report's language). */
export const RESULT_AREA_TITLES: Record<ResultArea, string> = {
  R1:
    'Résultat 1 : Les populations bénéficient d’infrastructures de paix et de mécanismes de prévention et ' +
    'gestion des conflits efficaces, inclusifs et accessibles à toutes et tous',
  R2:
    'Résultat 2 : Les populations, notamment les femmes et les filles survivantes de VBG, retrouvent la ' +
    'confiance et ont un accès effectif à des services de sécurité, justice et des institutions des droits ' +
    'de l’homme plus représentatifs, efficaces, inclusifs, redevables',
  R3:
    'Résultat 3 : La corruption au sein des services publics, et en particulier ceux de la sécurité et de ' +
    'la justice, est diminuée grâce aux efforts de prévention et de répression',
  R4: 'Résultat 4 : Les communautés sont plus résilientes faces aux discours en lien avec la radicalisation et l’extrémisme violent',
  COPIL: 'Comité de pilotage',
};

/** Activities that no other service records (the CoFo, CCS and SNLCC services record their own). */
export const ACTIVITY_KINDS = [
  'training',
  'workshop',
  'awareness-session',
  'pve-meeting',
  'exchange',
  'contest',
  'peace-infrastructure',
  'security-infrastructure',
  'launch-event',
  'steering-committee',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** Singular and plural French names and their gender, for the generated sentences ("2 ateliers réalisés"). */
export const ACTIVITY_KIND_FR: Record<ActivityKind, { one: string; feminine: boolean; many: string }> = {
  training: { one: 'formation', feminine: true, many: 'formations' },
  workshop: { one: 'atelier', feminine: false, many: 'ateliers' },
  'awareness-session': {
    one: 'séance de sensibilisation',
    feminine: true,
    many: 'séances de sensibilisation',
  },
  'pve-meeting': {
    one: 'réunion de prévention de l’extrémisme violent',
    feminine: true,
    many: 'réunions de prévention de l’extrémisme violent',
  },
  exchange: { one: 'cadre d’échanges', feminine: false, many: 'cadres d’échanges' },
  contest: { one: 'concours', feminine: false, many: 'concours' },
  'peace-infrastructure': { one: 'infrastructure de paix', feminine: true, many: 'infrastructures de paix' },
  'security-infrastructure': {
    one: 'infrastructure de sécurité',
    feminine: true,
    many: 'infrastructures de sécurité',
  },
  'launch-event': { one: 'lancement', feminine: false, many: 'lancements' },
  'steering-committee': { one: 'comité de pilotage', feminine: false, many: 'comités de pilotage' },
  other: { one: 'activité', feminine: true, many: 'activités' },
};

/** Who took part: the groups the report counts apart ("31 autorités locales et traditionnelles"). */
export const AUDIENCES = [
  'general',
  'local-authorities',
  'women-youth-associations',
  'community-members',
  'magistrates',
  'judicial-staff',
  'police',
  'cofo-members',
  'religious-leaders',
  'pupils',
  'students',
  'focal-points',
  'officials',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_FR: Record<Audience, string> = {
  general: 'personnes',
  'local-authorities': 'autorités locales et traditionnelles',
  'women-youth-associations': 'personnes membres d’associations de femmes et jeunes',
  'community-members': 'autres membres des communautés',
  magistrates: 'magistrats',
  'judicial-staff': 'personnels judiciaires',
  police: 'agents et officiers de police judiciaire',
  'cofo-members': 'acteurs de justice et membres des CoFo',
  'religious-leaders': 'acteurs religieux',
  pupils: 'élèves',
  students: 'élèves et étudiants',
  'focal-points': 'points focaux',
  officials: 'représentants des institutions',
};

/** `2023Q4`, `2023`, or a range `2023-10-01..2023-12-31`. */
export const REPORTING_PERIOD_PATTERN =
  /^(\d{4})(Q[1-4])?$|^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\.\.\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const QUARTER_PATTERN = /^\d{4}Q[1-4]$/;

/** How an indicator counts the records it selects. */
export const INDICATOR_MEASURES = ['count', 'sum', 'distinct'] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];

/** The event type of the activities this service records itself, read by indicators like any event. */
export const ACTIVITY_SOURCE_TYPE = 'reporting.activity.v1';

/** Levels a query rolls up to; `country` is the whole of Mali. */
export const ROLL_UP_LEVELS = ['country', 'region', 'cercle', 'commune'] as const;
export type RollUpLevel = (typeof ROLL_UP_LEVELS)[number];

export const REPORT_STATES = ['draft', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Keys of the quarterly report's sections, in print order. */
export const REPORT_SECTIONS = ['highlights', 'R1', 'R2', 'R3', 'R4', 'COPIL'] as const;
export type ReportSectionKey = (typeof REPORT_SECTIONS)[number];
