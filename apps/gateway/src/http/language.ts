export type Language = 'fr' | 'en';

export const SUPPORTED_LANGUAGES: readonly Language[] = ['fr', 'en'];
/** Users work in French: it is the answer to no header, `*`, or only languages we do not speak. */
export const DEFAULT_LANGUAGE: Language = 'fr';

/**
 * The caller's preferred language among those we speak, from `Accept-Language` (RFC 9110 §12.5.4):
 * the highest quality wins, the first listed breaks ties, `q=0` means "not this one", and a region
 * (`en-GB`) counts for its language.
 */
export function preferredLanguage(header: string | string[] | undefined): Language {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return DEFAULT_LANGUAGE;
  let best: { lang: Language; q: number } | undefined;
  for (const part of value.split(',')) {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag.trim().toLowerCase();
    if (!tag) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (q <= 0) continue;
    const lang = (tag === '*' ? DEFAULT_LANGUAGE : tag.split('-')[0]) as Language;
    if (!SUPPORTED_LANGUAGES.includes(lang)) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANGUAGE;
}
