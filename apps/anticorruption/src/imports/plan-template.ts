/**
 * The one plan spreadsheet template (XLSX or CSV), one action per row: import, export and the
 * downloadable template share these columns, so an export imports back as it was (round trip).
 * Headers are French, the users' language; the README lists them with their rules.
 */
export const PLAN_COLUMNS = [
  'axe',
  'objectif_specifique',
  'objectif_specifique_libelle',
  'objectif_operationnel',
  'objectif_operationnel_libelle',
  'resultat',
  'resultat_libelle',
  'code_action',
  'libelle_action',
  'structure_responsable',
  'structures_partenaires',
  'date_debut',
  'date_fin',
  'budget_fcfa',
  'indicateur',
  'unite',
  'valeur_reference',
  'cibles',
] as const;
export type PlanColumn = (typeof PLAN_COLUMNS)[number];

/** Columns that may be empty: partners, and the indicator (but an indicator needs its unit). */
export const OPTIONAL_COLUMNS: readonly PlanColumn[] = [
  'structures_partenaires',
  'indicateur',
  'unite',
  'valeur_reference',
  'cibles',
];

/** A row as text, keyed by column. */
export type PlanSheetRow = Record<PlanColumn, string>;

/** The example row of the downloadable template. */
export const TEMPLATE_EXAMPLE: PlanSheetRow = {
  axe: 'A2',
  objectif_specifique: 'OS2',
  objectif_specifique_libelle: 'Prévenir la corruption dans l’administration publique',
  objectif_operationnel: 'OO2.1',
  objectif_operationnel_libelle: 'Généraliser la déclaration des biens',
  resultat: 'R2.1.1',
  resultat_libelle: 'Les assujettis déclarent leurs biens à l’OCLEI',
  code_action: 'ACT-2.1.1.99',
  libelle_action: 'Exemple : former les assujettis à la déclaration en ligne',
  structure_responsable: 'OCLEI',
  structures_partenaires: 'MATD|MCENI',
  date_debut: '2025-01-01',
  date_fin: '2025-12-31',
  budget_fcfa: '12500000',
  indicateur: 'Assujettis formés',
  unite: 'nombre',
  valeur_reference: '0',
  cibles: '2025:500',
};

/** Partner codes are separated by `|` in one cell; so are yearly targets (`2024:10|2025:20`). */
export const LIST_SEPARATOR = '|';
/** The largest plan one file may carry (the real one has 82 actions). */
export const MAX_PLAN_ROWS = 2000;
