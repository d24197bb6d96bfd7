import type { CatalogueEntry } from '../error-catalogue';

/** The error codes of the security-committee (CCS) service, merged into `ERROR_CATALOGUE`. French first. */
export const SECURITY_ERRORS = {
  CCS_NOT_FOUND: { kind: 'not_found', fr: 'CCS introuvable : {code}.', en: 'CCS not found: {code}.' },
  CCS_CODE_TAKEN: {
    kind: 'conflict',
    fr: 'Le code CCS {code} est déjà utilisé.',
    en: 'CCS code {code} is already in use.',
  },
  CCS_LEVEL_PLACE_MISMATCH: {
    kind: 'business_rule',
    fr: 'Un CCS de niveau {level} sert une unité de niveau {expected} : {code} ne convient pas.',
    en: 'A CCS of level {level} serves a unit of level {expected}: {code} does not fit.',
  },
  CCS_INACTIVE: {
    kind: 'business_rule',
    fr: "Le CCS {code} n'était pas actif le {date} (actif du {activeFrom} au {activeTo}).",
    en: 'CCS {code} was not active on {date} (active from {activeFrom} to {activeTo}).',
  },
  PLACE_OUTSIDE_CCS: {
    kind: 'business_rule',
    fr: "Le lieu {code} n'est pas dans le territoire du CCS {ccsCode} ({territory}) : choisissez un lieu de ce territoire.",
    en: 'Place {code} is not in the territory of CCS {ccsCode} ({territory}): choose a place in that territory.',
  },
  PARTICIPANTS_EXCEED_TOTAL: {
    kind: 'validation',
    fr: '{field} ({count}) dépasse le nombre total de participants ({total}) : chaque sous-total doit être inférieur ou égal au total.',
    en: '{field} ({count}) exceeds the total of participants ({total}): each sub-count must be at most the total.',
  },
  DATE_RANGE_INVERTED: {
    kind: 'validation',
    fr: 'La date de fin ({endOn}) précède la date de début ({startOn}).',
    en: 'The end date ({endOn}) is before the start date ({startOn}).',
  },
  MEMBER_FORCE_MISMATCH: {
    kind: 'validation',
    fr: 'Un membre des FDS doit avoir sa force (police, gendarmerie, garde nationale...), un autre membre aucune : corrigez les membres indiqués.',
    en: 'An FDS member needs a force (police, gendarmerie, garde nationale...), any other member none: fix the members listed.',
  },
  ACTIVITY_NOT_FOUND: { kind: 'not_found', fr: 'Activité introuvable.', en: 'Activity not found.' },
  RECOMMENDATION_NOT_FOUND: {
    kind: 'not_found',
    fr: "Cette recommandation n'appartient pas à l'activité.",
    en: 'This recommendation does not belong to the activity.',
  },
  GRIEVANCE_NOT_FOUND: { kind: 'not_found', fr: 'Plainte introuvable.', en: 'Grievance not found.' },
  GRIEVANCE_TRANSITION_FORBIDDEN: {
    kind: 'conflict',
    fr: "Opération impossible : la plainte est à l'étape « {state} », où {action} n'est pas prévu.",
    en: 'Not possible: the grievance is at the "{state}" stage, where {action} is not provided for.',
  },
  GRIEVANCE_CLOSED: {
    kind: 'conflict',
    fr: 'La plainte est close : elle ne peut plus être modifiée.',
    en: 'The grievance is closed: it can no longer be changed.',
  },
  GRIEVANCE_DATE_BEFORE_RECEIPT: {
    kind: 'business_rule',
    fr: '{field} ({date}) précède la réception de la plainte ({receivedOn}) : corrigez la date.',
    en: '{field} ({date}) is before the grievance was received ({receivedOn}): fix the date.',
  },
  COMPLAINANT_EMPTY: {
    kind: 'validation',
    fr: "L'identité du plaignant est vide : donnez un nom, un téléphone ou une note, ou omettez-la.",
    en: "The complainant's identity is empty: give a name, a phone or a note, or leave it out.",
  },
  TRAINEE_BODY_REPEATED: {
    kind: 'validation',
    fr: 'Chaque corps ne figure qu’une fois dans les participants à la formation ({body} est répété).',
    en: 'Each body appears once among the trainees ({body} is repeated).',
  },
  INFRASTRUCTURE_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Infrastructure introuvable.',
    en: 'Infrastructure not found.',
  },
  TRAINING_NOT_FOUND: { kind: 'not_found', fr: 'Formation introuvable.', en: 'Training not found.' },
} as const satisfies Record<string, CatalogueEntry>;
