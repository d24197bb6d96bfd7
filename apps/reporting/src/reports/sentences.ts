import { ACTIVITY_KIND_FR, AUDIENCE_FR, type ActivityKind, type Audience } from '@prosmed/contracts';
import { frCount, frList, frNumber, frUnit } from '../shared/fr-format';

/** People with their women and youth, as the report writes them: "872 personnes (556 femmes)". */
export function peoplePhrase(
  total: number,
  women: number | null,
  youth: number | null = null,
  noun?: string,
): string {
  // `noun` '' gives the bare number ("589 (402 femmes)"), the noun then following the parenthesis.
  const head =
    noun === undefined
      ? frCount(total, 'personne', 'personnes')
      : `${frNumber(total, 0)}${noun ? ` ${noun}` : ''}`;
  const parts: string[] = [];
  if (women !== null && women > 0) parts.push(frCount(women, 'femme', 'femmes'));
  if (youth !== null && youth > 0) parts.push(frCount(youth, 'jeune', 'jeunes'));
  return parts.length > 0 ? `${head} (${parts.join(', ')})` : head;
}

/** One group of the activities of a result area: same kind, its audiences, its cercles. */
export interface ActivityGroup {
  kind: ActivityKind;
  units: number;
  total: number;
  women: number | null;
  youth: number | null;
  byAudience: { audience: Audience; total: number; women: number | null }[];
  cercles: string[];
}

/**
 * The generated sentence of a group: "3 séances de sensibilisation : 872 personnes (556 femmes) touchées,
 * soit 31 autorités locales et traditionnelles, 589 (402 femmes) … et 252 (154 femmes) …, dans les
 * cercles de Ségou, Bla et San." Works, not people (infrastructures), read "8 infrastructures de paix
 * réalisées". The women of a group are left out where there are none, as the report does.
 */
export function activitySentence(g: ActivityGroup): string {
  const kind = ACTIVITY_KIND_FR[g.kind];
  const lead = `${frNumber(g.units, 0)} ${g.units < 2 ? kind.one : kind.many}`;
  const where =
    g.cercles.length === 0
      ? ''
      : `, dans ${g.cercles.length === 1 ? 'le cercle de' : 'les cercles de'} ${frList(g.cercles)}`;
  if (g.total === 0) return `${lead} réalisé${kind.feminine ? 'e' : ''}${g.units < 2 ? '' : 's'}${where}.`;
  let soit = '';
  if (g.byAudience.length > 1) {
    const parts = g.byAudience.map(
      (a) => `${peoplePhrase(a.total, a.women, null, '')} ${AUDIENCE_FR[a.audience]}`,
    );
    soit = `, soit ${frList(parts)}`;
  }
  return `${lead} : ${peoplePhrase(g.total, g.women, g.youth)} touchées${soit}${where}.`;
}

/** "Litiges fonciers portés devant les CoFo : 3 litiges." */
export function indicatorSentence(label: string, value: number, unit: string, women: number | null): string {
  const head = `${frNumber(value)} ${frUnit(value, unit)}`;
  const figure = women !== null && women > 0 ? `${head} (${frCount(women, 'femme', 'femmes')})` : head;
  return `${label} : ${figure}.`;
}
