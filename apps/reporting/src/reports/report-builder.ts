import {
  ACTIVITY_SOURCE_TYPE,
  RESULT_AREA_TITLES,
  type ActivityKind,
  type Audience,
  type FigureDto,
  type ReportIndicatorDto,
  type ReportSectionDto,
  type ReportTableDto,
  type ResultArea,
} from '@prosmed/contracts';
import { frDate, frNumber, frUnit } from '../shared/fr-format';
import { activitySentence, indicatorSentence, peoplePhrase, type ActivityGroup } from './sentences';

/** An indicator of the quarter: its definition's words, its total, and its values by cercle. */
export interface IndicatorOfQuarter {
  code: string;
  label: string;
  unit: string;
  resultArea: ResultArea;
  dhis2Code: string | null;
  eventTypes: string[];
  total: FigureDto;
  target: number | null;
  progress: number | null;
  byCercle: { placeCode: string; placeName: string; figure: FigureDto }[];
}

/** An activity of the quarter, as the sentences need it (no partner, no person). */
export interface ActivityOfQuarter {
  resultArea: ResultArea;
  kind: ActivityKind;
  audience: Audience;
  title: string;
  startDate: string;
  units: number;
  total: number;
  women: number | null;
  youth: number | null;
  /** Name of the cercle it rolls up to on the report's map; null when it does not roll up. */
  cercle: string | null;
}

const AREAS: ResultArea[] = ['R1', 'R2', 'R3', 'R4'];
const HIGHLIGHTS_PER_AREA = 2;
const SHORT: Record<ResultArea, string> = {
  R1: 'Cohésion sociale et foncier',
  R2: 'Sécurité et justice',
  R3: 'Lutte contre la corruption',
  R4: 'Prévention de l’extrémisme violent',
  COPIL: 'Comité de pilotage',
};

const addNullable = (a: number | null, b: number | null): number | null =>
  a === null && b === null ? null : (a ?? 0) + (b ?? 0);

/** Activities of one area grouped by kind, in the order of their first date; audiences and cercles in order. */
export function groupActivities(list: readonly ActivityOfQuarter[]): ActivityGroup[] {
  const groups = new Map<ActivityKind, ActivityGroup>();
  for (const a of [...list].sort((x, y) => x.startDate.localeCompare(y.startDate))) {
    const g = groups.get(a.kind) ?? {
      kind: a.kind,
      units: 0,
      total: 0,
      women: null,
      youth: null,
      byAudience: [],
      cercles: [],
    };
    g.units += a.units;
    g.total += a.total;
    g.women = addNullable(g.women, a.women);
    g.youth = addNullable(g.youth, a.youth);
    const aud = g.byAudience.find((x) => x.audience === a.audience);
    if (aud) {
      aud.total += a.total;
      aud.women = addNullable(aud.women, a.women);
    } else g.byAudience.push({ audience: a.audience, total: a.total, women: a.women });
    if (a.cercle && !g.cercles.includes(a.cercle)) g.cercles.push(a.cercle);
    groups.set(a.kind, g);
  }
  return [...groups.values()];
}

function indicatorRow(i: IndicatorOfQuarter): ReportIndicatorDto {
  return {
    code: i.code,
    label: i.label,
    unit: i.unit,
    dhis2Code: i.dhis2Code,
    ...i.total,
    target: i.target,
    progress: i.progress,
  };
}

/** The area's table: its people indicator with a sex breakdown and the most people, by cercle. */
export function tableOf(indicators: readonly IndicatorOfQuarter[]): ReportTableDto | null {
  const people = indicators
    .filter((i) => i.total.female !== null && i.total.value > 0 && i.byCercle.length > 0)
    .sort((a, b) => b.total.value - a.total.value)[0];
  if (!people) return null;
  return {
    title: `${people.label} — par cercle et par sexe`,
    indicatorCode: people.code,
    dhis2Code: people.dhis2Code,
    rows: people.byCercle.map((r) => ({
      placeCode: r.placeCode,
      label: r.placeName,
      total: r.figure.value,
      female: r.figure.female,
      male: r.figure.male,
      youth: r.figure.youth,
    })),
  };
}

/** Every section of the quarterly report, figures and sentences generated from the data. */
export function buildSections(
  indicators: readonly IndicatorOfQuarter[],
  activities: readonly ActivityOfQuarter[],
): ReportSectionDto[] {
  const sections: ReportSectionDto[] = [];
  const highlights: string[] = [];
  for (const area of AREAS) {
    const inds = indicators.filter((i) => i.resultArea === area);
    const acts = activities.filter((a) => a.resultArea === area);
    const paragraphs = groupActivities(acts).map(activitySentence);
    for (const i of inds) {
      const fromEvents = !i.eventTypes.includes(ACTIVITY_SOURCE_TYPE);
      if (fromEvents && i.total.value > 0)
        paragraphs.push(indicatorSentence(i.label, i.total.value, i.unit, i.total.female));
    }
    if (paragraphs.length === 0)
      paragraphs.push('Aucune donnée enregistrée pour ce résultat sur la période.');
    const top = inds
      .filter((i) => i.total.value > 0)
      .sort((a, b) => b.total.value - a.total.value)
      .slice(0, HIGHLIGHTS_PER_AREA);
    for (const i of top) {
      const figure =
        i.unit === 'personnes'
          ? peoplePhrase(i.total.value, i.total.female)
          : `${frNumber(i.total.value)} ${frUnit(i.total.value, i.unit)}`;
      highlights.push(`${SHORT[area]} : ${figure} — ${i.label}.`);
    }
    sections.push({
      key: area,
      title: RESULT_AREA_TITLES[area],
      narrative: null,
      paragraphs,
      indicators: inds.map(indicatorRow),
      table: tableOf(inds),
      photos: [],
    });
  }
  const copil = activities.filter((a) => a.resultArea === 'COPIL');
  sections.push({
    key: 'COPIL',
    title: RESULT_AREA_TITLES.COPIL,
    narrative: null,
    paragraphs:
      copil.length === 0
        ? ['Aucune réunion du comité de pilotage enregistrée sur la période.']
        : copil.map(
            (a) =>
              `Le ${frDate(a.startDate)} : ${a.title}${a.total > 0 ? ` (${peoplePhrase(a.total, a.women)})` : ''}.`,
          ),
    indicators: indicators.filter((i) => i.resultArea === 'COPIL').map(indicatorRow),
    table: null,
    photos: [],
  });
  sections.unshift({
    key: 'highlights',
    title: 'Principaux résultats',
    narrative: null,
    paragraphs: highlights.length > 0 ? highlights : ['Aucune donnée enregistrée sur la période.'],
    indicators: [],
    table: null,
    photos: [],
  });
  return sections;
}
