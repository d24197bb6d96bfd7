import { domainError, type ActivityParticipantsInputDto } from '@prosmed/contracts';
import { isIsoDate } from '@prosmed/places';

export interface Participants {
  total: number;
  women: number | null;
  men: number | null;
  youth: number | null;
  womenPercent: number | null;
  youthPercent: number | null;
}

const LABELS = {
  women: { fr: 'femmes', en: 'women' },
  men: { fr: 'hommes', en: 'men' },
  youth: { fr: 'jeunes', en: 'youth' },
  'women+men': { fr: 'femmes et d’hommes ensemble', en: 'women and men together' },
} as const;

/**
 * The count a percentage of the total stands for: the nearest whole person, halves rounded up (207 at
 * 33 % -> 68.31 -> 68; at 66 % -> 136.62 -> 137). The percentage given is kept beside it.
 */
export function countOfPercent(total: number, percent: number): number {
  // Work in hundredths of a person to keep 0.5 exact (binary floats make 272 * 0.4 = 108.80000000000001).
  return Math.floor((Math.round(total * percent) + 50) / 100);
}

/**
 * The participants to store: each sub-count at most the total, women and men together too, a share given
 * once (count or percentage). Men, when not given but women are, are the rest of the total: the
 * programme's forms count two sexes. Refused with a French message naming the field, before any write.
 */
export function resolveParticipants(p: ActivityParticipantsInputDto): Participants {
  const pick = (key: 'women' | 'youth'): { count: number | null; percent: number | null } => {
    const count = p[key];
    const percent = p[`${key}Percent`];
    if (count !== undefined && percent !== undefined) {
      const path = `participants.${key}`;
      const pathPercent = `participants.${key}Percent`;
      throw domainError(
        'SUBCOUNT_TWICE',
        { label: LABELS[key].fr, labelEn: LABELS[key].en, path, pathPercent },
        [
          { field: path, code: 'givenTwice' },
          { field: pathPercent, code: 'givenTwice' },
        ],
      );
    }
    if (percent !== undefined) return { count: countOfPercent(p.total, percent), percent };
    return { count: count ?? null, percent: null };
  };
  const women = pick('women');
  const youth = pick('youth');
  const exceeds = (key: keyof typeof LABELS, count: number | null | undefined, path: string) => {
    if (count !== null && count !== undefined && count > p.total) {
      // The message names the field in words; `details` names it as the API does, for the client.
      throw domainError(
        'SUBCOUNT_EXCEEDS_TOTAL',
        { label: LABELS[key].fr, labelEn: LABELS[key].en, path, count, total: p.total },
        [{ field: path, code: 'atMostTotal' }],
      );
    }
  };
  exceeds('women', women.count, women.percent === null ? 'participants.women' : 'participants.womenPercent');
  exceeds('men', p.men, 'participants.men');
  exceeds('youth', youth.count, youth.percent === null ? 'participants.youth' : 'participants.youthPercent');
  if (women.count !== null && p.men !== undefined) {
    exceeds('women+men', women.count + p.men, 'participants.men');
  }
  const men = p.men ?? (women.count !== null ? p.total - women.count : null);
  return {
    total: p.total,
    women: women.count,
    men,
    youth: youth.count,
    womenPercent: women.percent,
    youthPercent: youth.percent,
  };
}

/**
 * Dates of an activity: real calendar days (the DTO checks the shape, and 2023-02-30 has it), the end not
 * before the start, neither after today (UTC is Mali's time).
 */
export function assertActivityDates(
  startDate: string,
  endDate: string,
  today = new Date().toISOString().slice(0, 10),
): void {
  for (const [field, date] of [
    ['startDate', startDate],
    ['endDate', endDate],
  ] as const) {
    if (!isIsoDate(date)) {
      throw domainError('VALIDATION_FAILED', undefined, [
        { field, code: 'isRealDate', message: `${field} is not a calendar date` },
      ]);
    }
  }
  if (endDate < startDate) throw domainError('ACTIVITY_END_BEFORE_START', { startDate, endDate });
  if (endDate > today) throw domainError('ACTIVITY_IN_FUTURE', { endDate });
}
