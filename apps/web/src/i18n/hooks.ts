import { useEffect, useState } from 'preact/hooks';
import { getLang, type Lang, onLangChange } from './lang';
import { type MessageTable, type Params, translate } from './messages';

/** The current language; the component renders again when it changes. */
export function useLang(): Lang {
  const [lang, set] = useState(getLang());
  useEffect(() => onLangChange(() => set(getLang())), []);
  return lang;
}

/** `t('key', { n: 3 })` in the current language, from the screen's own table. */
export function useT<K extends string>(table: MessageTable<K>): (key: K, params?: Params) => string {
  const lang = useLang();
  return (key, params) => translate(table, lang, key, params);
}
