import { runTag } from './ac-harness';

const COLUMNS =
  'axe;objectif_specifique;objectif_specifique_libelle;objectif_operationnel;objectif_operationnel_libelle;' +
  'resultat;resultat_libelle;code_action;libelle_action;structure_responsable;structures_partenaires;' +
  'date_debut;date_fin;budget_fcfa;indicateur;unite;valeur_reference;cibles';

/** An action code of this run (`ACT-IT-<tag>-<suffix>`). */
export const itCode = (suffix: string): string => `ACT-IT-${runTag}-${suffix}`;

/** One template row of this run's plan, on axis A2, by `responsible`. */
export function itRow(
  suffix: string,
  responsible: string,
  over: { start?: string; end?: string; budget?: string; axis?: string } = {},
): string {
  return [
    over.axis ?? 'A2',
    `OS-IT-${runTag}`,
    'Objectif spécifique d’essai',
    `OO-IT-${runTag}`,
    'Objectif opérationnel d’essai',
    `R-IT-${runTag}`,
    'Résultat d’essai',
    itCode(suffix),
    `Action d’essai ${suffix}`,
    responsible,
    '',
    over.start ?? '2024-01-01',
    over.end ?? '2027-12-31',
    over.budget ?? '5000000',
    'Livrables',
    'nombre',
    '0',
    '2024:1',
  ].join(';');
}

/** The plan.import request of these rows (over Kafka the file travels as base64, as the gateway sends it). */
export function importBody(rows: string[]): { fileName: string; content: string } {
  return {
    fileName: 'plan.csv',
    content: Buffer.from([COLUMNS, ...rows].join('\n'), 'utf8').toString('base64'),
  };
}
