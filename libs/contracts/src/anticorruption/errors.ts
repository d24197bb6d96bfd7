import type { CatalogueEntry } from '../error-catalogue';

/**
 * The error codes of the anti-corruption (SNLCC) service, merged into `ERROR_CATALOGUE`. French first.
 * The `IMPORT_*` codes are the codes of the `details` of `PLAN_IMPORT_INVALID` (one per bad cell): the
 * service renders their message in the caller's language from these templates.
 */
export const ANTICORRUPTION_ERRORS = {
  STRUCTURE_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Structure introuvable : {code}.',
    en: 'Structure not found: {code}.',
  },
  STRUCTURE_CODE_TAKEN: {
    kind: 'conflict',
    fr: 'Le code de structure {code} est déjà utilisé.',
    en: 'Structure code {code} is already in use.',
  },
  ACTION_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Action introuvable : {code}.',
    en: 'Action not found: {code}.',
  },
  UPDATE_NOT_FOUND: { kind: 'not_found', fr: 'Mise à jour introuvable.', en: 'Update not found.' },
  UPDATE_EXISTS_FOR_PERIOD: {
    kind: 'conflict',
    fr: "Une mise à jour de l'action {code} existe déjà pour la période {period} : complétez-la ou répondez au renvoi.",
    en: 'An update of action {code} already exists for period {period}: complete it or answer the return.',
  },
  UPDATE_TRANSITION_FORBIDDEN: {
    kind: 'conflict',
    fr: "Opération impossible : la mise à jour est à l'étape « {from} », où le circuit de validation ne prévoit pas « {action} ».",
    en: 'Not possible: the update is at the "{from}" stage, where the validation workflow does not provide for "{action}".',
  },
  UPDATE_VALIDATED: {
    kind: 'conflict',
    fr: 'La mise à jour est validée : elle ne peut plus être modifiée.',
    en: 'The update is validated: it can no longer be changed.',
  },
  INDICATOR_UNKNOWN: {
    kind: 'business_rule',
    fr: "L'indicateur {indicatorId} n'appartient pas à l'action {code}.",
    en: 'Indicator {indicatorId} does not belong to action {code}.',
  },
  PERIOD_BEFORE_ACTION: {
    kind: 'business_rule',
    fr: "La période {period} précède le début de l'action {code} ({startOn}).",
    en: 'Period {period} is before the start of action {code} ({startOn}).',
  },
  SESSION_NOT_FOUND: { kind: 'not_found', fr: 'Session introuvable.', en: 'Session not found.' },
  SESSION_CLOSED: {
    kind: 'conflict',
    fr: 'La session est close : son procès-verbal et ses statuts sont figés.',
    en: 'The session is closed: its minutes and statuses are frozen.',
  },
  SESSION_PERIODS_REVERSED: {
    kind: 'business_rule',
    fr: 'La période de début ({periodFrom}) est après la période de fin ({periodTo}).',
    en: 'The first period ({periodFrom}) is after the last one ({periodTo}).',
  },
  SESSION_NOT_CLOSED: {
    kind: 'business_rule',
    fr: "La session n'est pas close : son rapport n'est pas encore figé. Lisez le rapport d'exécution courant.",
    en: 'The session is not closed: its report is not frozen yet. Read the current execution report.',
  },
  WORK_PLAN_NOT_FOUND: {
    kind: 'not_found',
    fr: 'Plan de travail annuel {year} introuvable.',
    en: 'Annual work plan {year} not found.',
  },
  WORK_PLAN_YEAR_TAKEN: {
    kind: 'conflict',
    fr: 'Un plan de travail annuel existe déjà pour {year}.',
    en: 'An annual work plan already exists for {year}.',
  },
  WORK_PLAN_ADOPTED: {
    kind: 'conflict',
    fr: 'Le plan de travail annuel {year} est déjà adopté.',
    en: 'The annual work plan {year} is already adopted.',
  },
  WORK_PLAN_ACTION_OUTSIDE_YEAR: {
    kind: 'business_rule',
    fr: "L'action {code} ne se déroule pas en {year} ({startOn} – {endOn}).",
    en: 'Action {code} does not run in {year} ({startOn} – {endOn}).',
  },
  PLAN_IMPORT_INVALID: {
    kind: 'validation',
    fr: "Import refusé : {count} erreur(s) dans le fichier, rien n'a été importé. Corrigez les cellules indiquées.",
    en: 'Import refused: {count} error(s) in the file, nothing was imported. Fix the cells listed.',
  },
  PLAN_IMPORT_UNREADABLE: {
    kind: 'validation',
    fr: 'Le fichier {fileName} ne peut pas être lu comme un tableur {format} : utilisez le modèle (GET /api/v1/plan/template).',
    en: 'File {fileName} cannot be read as a {format} spreadsheet: use the template (GET /api/v1/plan/template).',
  },
  IMPORT_MISSING_COLUMN: {
    kind: 'validation',
    fr: 'Colonne « {column} » absente de la ligne d’en-tête.',
    en: 'Column "{column}" is missing from the header row.',
  },
  IMPORT_REQUIRED: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : valeur obligatoire.',
    en: 'Row {row}, column "{column}": a value is required.',
  },
  IMPORT_BAD_CODE: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : « {value} » n’est pas un code (majuscules, chiffres, points et tirets).',
    en: 'Row {row}, column "{column}": "{value}" is not a code (capitals, digits, dots and hyphens).',
  },
  IMPORT_BAD_DATE: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : « {value} » n’est pas une date AAAA-MM-JJ.',
    en: 'Row {row}, column "{column}": "{value}" is not a date YYYY-MM-DD.',
  },
  IMPORT_END_BEFORE_START: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : la date de fin ({value}) précède la date de début.',
    en: 'Row {row}, column "{column}": the end date ({value}) is before the start date.',
  },
  IMPORT_BAD_BUDGET: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : « {value} » n’est pas un montant en FCFA (entier positif ou nul, sans décimales).',
    en: 'Row {row}, column "{column}": "{value}" is not an amount in FCFA (a whole number, zero or more).',
  },
  IMPORT_BAD_NUMBER: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : « {value} » n’est pas un nombre positif ou nul.',
    en: 'Row {row}, column "{column}": "{value}" is not a number, zero or more.',
  },
  IMPORT_BAD_TARGETS: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : « {value} » n’a pas la forme 2024:10|2025:20 (années 2023 à 2027).',
    en: 'Row {row}, column "{column}": "{value}" is not like 2024:10|2025:20 (years 2023 to 2027).',
  },
  IMPORT_UNKNOWN_AXIS: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : axe inconnu « {value} » (A1, A2, A3 ou A4).',
    en: 'Row {row}, column "{column}": unknown axis "{value}" (A1, A2, A3 or A4).',
  },
  IMPORT_UNKNOWN_STRUCTURE: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : structure inconnue « {value} » (voir GET /api/v1/structures).',
    en: 'Row {row}, column "{column}": unknown structure "{value}" (see GET /api/v1/structures).',
  },
  IMPORT_DUPLICATE_CODE: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : le code « {value} » figure déjà à la ligne {first}.',
    en: 'Row {row}, column "{column}": code "{value}" already appears on row {first}.',
  },
  IMPORT_CODE_TAKEN: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : l’action « {value} » existe déjà dans le plan.',
    en: 'Row {row}, column "{column}": action "{value}" already exists in the plan.',
  },
  IMPORT_INCONSISTENT: {
    kind: 'validation',
    fr: 'Ligne {row}, colonne « {column} » : « {value} » est déjà rattaché ailleurs ou porte un autre libellé (ligne {first} ou plan existant).',
    en: 'Row {row}, column "{column}": "{value}" already belongs elsewhere or has another label (row {first} or the existing plan).',
  },
  IMPORT_TOO_MANY_ROWS: {
    kind: 'validation',
    fr: 'Le fichier compte {count} lignes : au plus {max}.',
    en: 'The file has {count} rows: at most {max}.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type AnticorruptionErrorCode = keyof typeof ANTICORRUPTION_ERRORS;
