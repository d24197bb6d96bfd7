import type { ActivityOfQuarter } from './report-builder';
import { buildSections } from './report-builder';

/**
 * The activities of the Q4-2023 report (shared/domain/prosmed-quarterly-report-2023-q4.txt) as the M&E
 * officers would record them, and the sentences the report is drafted with. Where the report gives no split
 * by cercle, one cercle it names carries the activity.
 */
const a = (
  resultArea: ActivityOfQuarter['resultArea'],
  kind: ActivityOfQuarter['kind'],
  audience: ActivityOfQuarter['audience'],
  total: number,
  women: number | null,
  cercle: string,
  more: Partial<ActivityOfQuarter> = {},
): ActivityOfQuarter => ({
  resultArea,
  kind,
  audience,
  title: 'Activité du rapport',
  startDate: '2023-10-10',
  units: 1,
  total,
  women,
  youth: null,
  cercle,
  ...more,
});

const Q4_2023: ActivityOfQuarter[] = [
  a('R1', 'peace-infrastructure', 'general', 0, null, 'Diéma', { units: 8 }),
  a('R1', 'workshop', 'cofo-members', 26, 5, 'Ségou', { units: 2 }),
  a('R1', 'awareness-session', 'local-authorities', 31, 0, 'Ségou'),
  a('R1', 'awareness-session', 'women-youth-associations', 589, 402, 'Bla'),
  a('R1', 'awareness-session', 'community-members', 252, 154, 'San'),
  a('R2', 'training', 'police', 25, 0, 'Mopti'),
  a('R2', 'training', 'judicial-staff', 18, 1, 'Ségou'),
  a('R2', 'training', 'magistrates', 23, 0, 'San'),
  a('R2', 'security-infrastructure', 'general', 0, null, 'Koutiala', { units: 14 }),
  a('R3', 'workshop', 'students', 140, null, 'Ségou'),
  a('R4', 'pve-meeting', 'religious-leaders', 83, 22, 'Koutiala', { units: 8 }),
  a('R4', 'exchange', 'general', 207, 68, 'Yorosso', { youth: 137 }),
  a('R4', 'contest', 'pupils', 272, 110, 'Nara'),
  a('R4', 'awareness-session', 'pupils', 225, 83, 'Koutiala'),
  a('COPIL', 'steering-committee', 'officials', 0, null, 'Ségou', {
    startDate: '2023-12-15',
    title: 'Troisième comité de pilotage du PROSMED, Maison commune des Nations Unies, Bamako',
  }),
];

describe('the Q4-2023 report drafted from its activities', () => {
  const sections = Object.fromEntries(buildSections([], Q4_2023).map((s) => [s.key, s.paragraphs]));

  it('Résultat 1: peace infrastructures, the two workshops, and the 872 people of the awareness sessions', () => {
    expect(sections.R1).toEqual([
      '8 infrastructures de paix réalisées, dans le cercle de Diéma.',
      '2 ateliers : 26 personnes (5 femmes) touchées, dans le cercle de Ségou.',
      '3 séances de sensibilisation : 872 personnes (556 femmes) touchées, soit 31 autorités locales et ' +
        'traditionnelles, 589 (402 femmes) personnes membres d’associations de femmes et jeunes et 252 (154 femmes) ' +
        'autres membres des communautés, dans les cercles de Ségou, Bla et San.',
    ]);
  });

  it('Résultat 2: the trainings of police, judicial staff and magistrates, and 14 security infrastructures', () => {
    expect(sections.R2).toEqual([
      '3 formations : 66 personnes (1 femme) touchées, soit 25 agents et officiers de police judiciaire, ' +
        '18 (1 femme) personnels judiciaires et 23 magistrats, dans les cercles de Mopti, Ségou et San.',
      '14 infrastructures de sécurité réalisées, dans le cercle de Koutiala.',
    ]);
  });

  it('Résultats 3 and 4 and the steering committee', () => {
    expect(sections.R3).toEqual(['1 atelier : 140 personnes touchées, dans le cercle de Ségou.']);
    expect(sections.R4).toEqual([
      '8 réunions de prévention de l’extrémisme violent : 83 personnes (22 femmes) touchées, dans le cercle de Koutiala.',
      '1 cadre d’échanges : 207 personnes (68 femmes, 137 jeunes) touchées, dans le cercle de Yorosso.',
      '1 concours : 272 personnes (110 femmes) touchées, dans le cercle de Nara.',
      '1 séance de sensibilisation : 225 personnes (83 femmes) touchées, dans le cercle de Koutiala.',
    ]);
    expect(sections.COPIL).toEqual([
      'Le 15/12/2023 : Troisième comité de pilotage du PROSMED, Maison commune des Nations Unies, Bamako.',
    ]);
  });
});
