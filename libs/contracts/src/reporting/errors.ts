import type { CatalogueEntry } from '../error-catalogue';

/** The error codes of the reporting service, merged into `ERROR_CATALOGUE`. French first. */
export const REPORTING_ERRORS = {
  SUBCOUNT_EXCEEDS_TOTAL: {
    kind: 'validation',
    fr: 'Le nombre de {label} ({count}) dépasse le total des participants ({total}) : chaque sous-total doit être inférieur ou égal au total.',
    en: 'The number of {labelEn} ({count}) exceeds the total of participants ({total}): each sub-count must be at most the total.',
  },
  SUBCOUNT_TWICE: {
    kind: 'validation',
    fr: 'Le nombre de {label} est donné deux fois, en nombre et en pourcentage : donnez l’un ou l’autre.',
    en: 'The number of {labelEn} is given twice, as a count and as a percentage: give one or the other.',
  },
  ACTIVITY_IN_FUTURE: {
    kind: 'business_rule',
    fr: 'La date de fin de l’activité ({endDate}) est dans le futur : enregistrez une activité une fois réalisée.',
    en: 'The end date of the activity ({endDate}) is in the future: record an activity once it has taken place.',
  },
  ACTIVITY_END_BEFORE_START: {
    kind: 'validation',
    fr: 'La date de fin ({endDate}) précède la date de début ({startDate}) : corrigez les dates.',
    en: 'The end date ({endDate}) is before the start date ({startDate}): fix the dates.',
  },
  PERIOD_INVALID: {
    kind: 'validation',
    fr: 'Période invalide ({period}) : écrivez un trimestre (2023Q4), une année (2023) ou une plage AAAA-MM-JJ..AAAA-MM-JJ (début avant fin, au plus 10 ans).',
    en: 'Invalid period ({period}): write 2023Q4, 2023 or 2023-10-01..2023-12-31 (start before end, at most 10 years).',
  },
  INDICATOR_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Indicateur introuvable : {code}.',
    en: 'Indicator not found: {code}.',
  },
  INDICATOR_DEFINITION_INVALID: {
    kind: 'validation',
    fr: 'Définition d’indicateur invalide : {reason}',
    en: 'Invalid indicator definition: {reasonEn}',
  },
  INDICATOR_UNCHANGED: {
    kind: 'conflict',
    fr: 'L’indicateur {code} a déjà cette définition (version {version}) : rien à changer.',
    en: 'Indicator {code} already has this definition (version {version}): nothing to change.',
  },
  PARKED_EVENT_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Événement mis de côté introuvable : il a peut-être déjà été compté.',
    en: 'Parked event not found: it may have been counted already.',
  },
  REPORT_NOT_FOUND: { kind: 'not_found', fr: 'Rapport introuvable.', en: 'Report not found.' },
  REPORT_PUBLISHED: {
    kind: 'conflict',
    fr: 'Le rapport est publié : sa version {version} est figée. Rédigez un nouveau rapport pour la période.',
    en: 'The report is published: its version {version} is frozen. Draft a new report for the period.',
  },
  REPORT_VERSION_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Le rapport n’a pas de version publiée {version}.',
    en: 'The report has no published version {version}.',
  },
  REPORT_SECTION_UNKNOWN: {
    kind: 'validation',
    fr: 'Section inconnue : {section}. Sections du rapport : {sections}.',
    en: 'Unknown section: {section}. Sections of the report: {sections}.',
  },
} as const satisfies Record<string, CatalogueEntry>;
