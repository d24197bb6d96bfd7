import { formatDate, formatFcfa, formatNumber, parseDate, today } from './format';
import { defineMessages, localized, translate } from './messages';

describe('messages', () => {
  const m = defineMessages({
    fr: { hello: 'Bonjour {name}, {n} dossier(s)', only: 'seulement' },
    en: { hello: 'Hello {name}, {n} case(s)', only: 'only' },
  });
  it('translates with parameters, in French or English', () => {
    expect(translate(m, 'fr', 'hello', { name: 'Awa', n: 3 })).toBe('Bonjour Awa, 3 dossier(s)');
    expect(translate(m, 'en', 'hello', { name: 'Awa', n: 3 })).toBe('Hello Awa, 3 case(s)');
    expect(translate(m, 'fr', 'hello', { name: 'Awa' })).toBe('Bonjour Awa, {n} dossier(s)');
    expect(localized(m, 'only')).toEqual({ fr: 'seulement', en: 'only' });
  });
});

describe('formats', () => {
  it('shows dates dd/mm/yyyy, a calendar day never shifted by the time zone', () => {
    expect(formatDate('2026-11-20')).toBe('20/11/2026');
    expect(formatDate(new Date(2026, 0, 5, 23, 59))).toBe('05/01/2026');
    expect(formatDate(undefined)).toBe('');
    expect(parseDate('5/1/2026')).toBe('2026-01-05');
    expect(parseDate('31/02/2026')).toBeUndefined();
    expect(today(new Date(2026, 10, 30, 1, 0))).toBe('2026-11-30');
  });

  it('writes numbers the French way and amounts in FCFA', () => {
    expect(formatNumber(1234567.5)).toBe('1\u202f234\u202f567,5');
    expect(formatNumber(2.5)).toBe('2,5');
    expect(formatFcfa(1500000)).toBe('1\u202f500\u202f000\u00a0FCFA');
    expect(formatFcfa(999.6)).toBe('1\u202f000\u00a0FCFA');
  });
});
