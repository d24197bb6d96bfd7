import { preferredLanguage } from './language';

describe('Accept-Language', () => {
  it.each<[string | undefined, 'fr' | 'en']>([
    [undefined, 'fr'],
    ['', 'fr'],
    ['en', 'en'],
    ['EN-us', 'en'],
    ['fr-ML', 'fr'],
    ['en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['fr;q=0.5, en;q=0.6', 'en'],
    ['de, en;q=0.3', 'en'],
    ['de, es', 'fr'],
    ['*', 'fr'],
    ['en;q=0, fr;q=0.1', 'fr'],
    ['en;q=0', 'fr'],
    ['bm, en;q=0.5, fr;q=0.5', 'en'],
    ['en;q=abc', 'en'],
    [' , ;q=1, en', 'en'],
  ])('%j -> %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });

  it('reads a repeated header', () => {
    expect(preferredLanguage(['de', 'en;q=0.5'])).toBe('en');
  });
});
