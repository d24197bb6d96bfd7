import type { ActivityOfQuarter, IndicatorOfQuarter } from './report-builder';
import { buildSections, groupActivities } from './report-builder';
import { activitySentence, indicatorSentence, peoplePhrase } from './sentences';

const awareness = (
  audience: ActivityOfQuarter['audience'],
  total: number,
  women: number | null,
  cercle: string,
  day: string,
): ActivityOfQuarter => ({
  resultArea: 'R1',
  kind: 'awareness-session',
  audience,
  title: 'Public show',
  startDate: day,
  units: 1,
  total,
  women,
  youth: null,
  cercle,
});

/** The CoFo awareness sessions of the Q4-2023 report: 31 + 589 (402 women) + 252 (154 women). */
const Q4_AWARENESS = [
  awareness('local-authorities', 31, null, 'Ségou', '2023-10-05'),
  awareness('women-youth-associations', 589, 402, 'Bla', '2023-10-12'),
  awareness('community-members', 252, 154, 'San', '2023-11-02'),
];

describe('the generated French sentences', () => {
  it('writes people with their women and youth, the singular below two', () => {
    expect(peoplePhrase(872, 556)).toBe('872 personnes (556 femmes)');
    expect(peoplePhrase(207, 68, 137)).toBe('207 personnes (68 femmes, 137 jeunes)');
    expect(peoplePhrase(41, 1)).toBe('41 personnes (1 femme)');
    expect(peoplePhrase(31, 0)).toBe('31 personnes');
    expect(peoplePhrase(1_250, null)).toBe('1\u00a0250 personnes');
  });

  it('sums a quarter’s awareness sessions into the report’s sentence, by audience and cercle', () => {
    const [group] = groupActivities(Q4_AWARENESS);
    expect(activitySentence(group)).toBe(
      '3 séances de sensibilisation : 872 personnes (556 femmes) touchées, soit 31 autorités locales et traditionnelles, ' +
        '589 (402 femmes) personnes membres d’associations de femmes et jeunes et 252 (154 femmes) autres membres des ' +
        'communautés, dans les cercles de Ségou, Bla et San.',
    );
  });

  it('writes works without people, and figures of the other services', () => {
    const infra = {
      ...awareness('general', 0, null, 'Niono', '2023-10-01'),
      kind: 'peace-infrastructure' as const,
      units: 8,
    };
    expect(activitySentence(groupActivities([infra])[0])).toBe(
      '8 infrastructures de paix réalisées, dans le cercle de Niono.',
    );
    expect(indicatorSentence('PV de conciliation homologués par les tribunaux', 2, 'PV', null)).toBe(
      'PV de conciliation homologués par les tribunaux : 2 PV.',
    );
  });
});

describe('the sections of the quarterly report', () => {
  const indicator: IndicatorOfQuarter = {
    code: 'r1-awareness-people',
    label: 'Personnes sensibilisées sur les mécanismes de gestion des conflits fonciers',
    unit: 'personnes',
    resultArea: 'R1',
    dhis2Code: 'PRSMD_R1_AWARE',
    eventTypes: ['reporting.activity.v1'],
    total: { value: 872, female: 556, male: 316, youth: 0 },
    target: 3000,
    progress: 29.1,
    byCercle: [
      { placeCode: 'ML-SEG-BLA', placeName: 'Bla', figure: { value: 589, female: 402, male: 187, youth: 0 } },
      { placeCode: 'ML-SEG-SAN', placeName: 'San', figure: { value: 252, female: 154, male: 98, youth: 0 } },
      { placeCode: 'ML-SEG-SEG', placeName: 'Ségou', figure: { value: 31, female: 0, male: 31, youth: 0 } },
    ],
  };
  const homologated: IndicatorOfQuarter = {
    ...indicator,
    code: 'r1-pv-homologated',
    label: 'PV de conciliation homologués par les tribunaux',
    unit: 'PV',
    eventTypes: ['land.homologation.decided.v1'],
    total: { value: 2, female: null, male: null, youth: null },
    byCercle: [],
  };
  const sections = buildSections([indicator, homologated], Q4_AWARENESS);

  it('has every section of the Q4-2023 report, in its order', () => {
    expect(sections.map((s) => s.key)).toEqual(['highlights', 'R1', 'R2', 'R3', 'R4', 'COPIL']);
    expect(sections[0].title).toBe('Principaux résultats');
    expect(sections[1].title).toMatch(/^Résultat 1 : Les populations bénéficient/);
  });

  it('fills a result area with its sentences, indicators and table by cercle and sex', () => {
    const r1 = sections[1];
    expect(r1.paragraphs[0]).toContain('872 personnes (556 femmes) touchées');
    expect(r1.paragraphs).toContain('PV de conciliation homologués par les tribunaux : 2 PV.');
    expect(r1.indicators.map((i) => [i.code, i.value, i.female])).toEqual([
      ['r1-awareness-people', 872, 556],
      ['r1-pv-homologated', 2, null],
    ]);
    expect(r1.table?.indicatorCode).toBe('r1-awareness-people');
    expect(r1.table?.rows.map((r) => [r.label, r.total, r.female])).toEqual([
      ['Bla', 589, 402],
      ['San', 252, 154],
      ['Ségou', 31, 0],
    ]);
    expect(sections[0].paragraphs[0]).toBe(
      'Cohésion sociale et foncier : 872 personnes (556 femmes) — Personnes sensibilisées sur les mécanismes de gestion des conflits fonciers.',
    );
    expect(sections[2].paragraphs).toEqual(['Aucune donnée enregistrée pour ce résultat sur la période.']);
  });
});
