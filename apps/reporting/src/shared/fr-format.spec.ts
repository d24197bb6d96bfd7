import { frCount, frDate, frList, frNumber, frUnit } from './fr-format';

describe('French formatting of the report', () => {
  it('groups thousands with a no-break space and writes decimals with a comma', () => {
    expect(frNumber(1234.5)).toBe('1\u00a0234,5');
    expect(frNumber(872)).toBe('872');
    expect(frNumber(1_000_000)).toBe('1\u00a0000\u00a0000');
    expect(frNumber(12.34, 2)).toBe('12,34');
    expect(frNumber(-1500)).toBe('-1\u00a0500');
    expect(frNumber(68.31, 0)).toBe('68');
  });

  it('writes dates dd/mm/yyyy, lists with "et", and the singular below two', () => {
    expect(frDate('2023-12-15')).toBe('15/12/2023');
    expect(frList(['Ségou', 'Bla', 'Niono', 'San', 'Bandiagara'])).toBe(
      'Ségou, Bla, Niono, San et Bandiagara',
    );
    expect(frList(['San'])).toBe('San');
    expect(frList([])).toBe('');
    expect(frCount(1, 'femme', 'femmes')).toBe('1 femme');
    expect(frCount(0, 'femme', 'femmes')).toBe('0 femme');
    expect(frCount(556, 'femme', 'femmes')).toBe('556 femmes');
  });

  it('agrees a stored plural unit with its number', () => {
    expect(frUnit(1, 'activités')).toBe('activité');
    expect(frUnit(1, 'mises à jour')).toBe('mise à jour');
    expect(frUnit(1, 'PV')).toBe('PV');
    expect(frUnit(27, 'activités')).toBe('activités');
  });
});
