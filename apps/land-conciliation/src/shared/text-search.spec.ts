import { containsPattern, searchKey } from './text-search';

describe('name search key', () => {
  it('ignores accents, case, punctuation and spacing', () => {
    expect(searchKey('Commission foncière communale de Ségou')).toBe(
      'commission fonciere communale de segou',
    );
    expect(searchKey('  SÉGOU ')).toBe('segou');
    expect(searchKey("Tribunal d'instance de San")).toBe('tribunal d instance de san');
    expect(searchKey('Kala-Siguida')).toBe('kala siguida');
    expect(searchKey('Cœur')).toBe('coeur');
  });

  it('escapes LIKE wildcards of the search text', () => {
    expect(containsPattern('Ségou')).toBe('%segou%');
    expect(containsPattern('100%')).toBe('%100%');
    expect(containsPattern('a_b')).toBe('%a b%');
  });
});
