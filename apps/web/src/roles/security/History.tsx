import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { type SecurityKey, m } from './messages';
import { historyKey } from './rules';

/** A place's name from its code (undefined until known, or offline). */
export function usePlaceName(code: string | undefined): string | undefined {
  const [name, setName] = useState<string | undefined>();
  useEffect(() => {
    if (!code) return;
    let live = true;
    api
      .GET('/api/v1/places/{code}', { params: { path: { code } } })
      .then(({ data }) => live && data && setName(data.name))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code]);
  return name;
}

/** A record's history (the audit): when, what, from which state to which. */
export function History(props: { entries: readonly Schemas['HistoryEntryDto'][] }) {
  const t = useT(m);
  const label = (action: string) => {
    const key = historyKey(action) as SecurityKey;
    const text = t(key);
    return text === key ? action : text;
  };
  /** A state, service or outcome code in words when the table has it (`referred` -> Transmise). */
  const word = (code: string) => {
    for (const prefix of ['gstate', 'rstate', 'service', 'outcome']) {
      const key = `${prefix}.${code}`;
      if (key in m.fr) return t(key as SecurityKey);
    }
    return code;
  };
  return (
    <section class="section" data-testid="history">
      <h2>{t('history')}</h2>
      <ul class="list">
        {props.entries.map((h) => (
          <li data-action={h.action}>
            <strong>{label(h.action)}</strong>
            <span class="muted">
              {formatDate(h.at)}
              {h.toState ? ` · ${h.fromState ? `${word(h.fromState)} → ` : ''}${word(h.toState)}` : ''}
              {h.reason ? ` · ${word(h.reason)}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
