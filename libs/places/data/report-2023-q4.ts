/**
 * Places named in the programme's Q4-2023 quarterly report (shared/domain/prosmed-quarterly-report-2023-q4.txt),
 * spelt as the report spells them. The shipped data must cover every one (checked by the specs).
 */

/** Cercles named in the report; all are cercles of the pre-2024 map. */
export const REPORT_2023_Q4_CERCLES: readonly string[] = [
  'Ségou',
  'San',
  'Mopti',
  'Niono',
  'Bla',
  'Diéma',
  // The report writes "régions de Nioro du Sahel, Ségou, San et Mopti" (post-2024 names); in 2023 Nioro du
  // Sahel was a cercle of Kayes.
  'Nioro du Sahel',
  'Bandiagara',
  'Djénné',
  'Bankass',
  'Koro',
  'Douentza',
  'Nara',
  'Koutiala',
  'Yorosso',
];

/** Communes named in the report (Bassiro is the report's spelling of Bassirou). */
export const REPORT_2023_Q4_COMMUNES: readonly string[] = [
  'Niono',
  'Kala-Siguida',
  'Korodougou',
  'Grouméra',
  'Fatoma',
  'Kounari',
  'Bassiro',
  'Yorosso',
  'Koutiala',
  'Bla',
  'Ségou',
  'Nara',
];
