import type { Lang } from './lang';

/**
 * A screen's message table: French and English with the same keys (tsc refuses an English table that
 * misses a key). Each screen module owns its table (`messages.ts` beside it), so screens written in
 * parallel never edit the same file.
 */
export type MessageTable<K extends string> = { fr: Record<K, string>; en: Record<K, string> };

export function defineMessages<K extends string>(table: MessageTable<K>): MessageTable<K> {
  return table;
}

export type Params = Record<string, string | number>;

/** The message in `lang`, with `{name}` replaced by `params.name` (unknown names left as they are). */
export function translate<K extends string>(
  table: MessageTable<K>,
  lang: Lang,
  key: K,
  params?: Params,
): string {
  const text = table[lang][key] ?? table.fr[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** A text in both languages, for lists built before the language is known (home tasks, menus). */
export type Localized = Record<Lang, string>;

export function localized<K extends string>(table: MessageTable<K>, key: K): Localized {
  return { fr: table.fr[key], en: table.en[key] };
}
