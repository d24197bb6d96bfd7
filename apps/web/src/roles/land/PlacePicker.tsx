import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { useT } from '../../i18n/hooks';
import { useOnline } from '../../outbox/hooks';
import { fieldId } from '../../ui/Field';
import { rememberedPlaces, rememberPlaces } from './data';
import { type LandKey, m } from './messages';
import { offer, type Place } from './places';

/**
 * A place of the CoFo's territory, found by typing its name: the API's search ignores accents and case
 * ("Segou" finds "Ségou") but covers all of Mali, so its answers are filtered to the territory here (the
 * server checks it again: PLACE_OUTSIDE_COFO). With no network, the places already seen on this phone.
 */
export function PlacePicker(props: {
  name: string;
  cofoCode: string;
  territory: string | undefined;
  value: { code: string; name: string };
  onChange: (p: { code: string; name: string }) => void;
}) {
  const t = useT(m);
  const online = useOnline();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Place[] | undefined>();
  const { territory, cofoCode } = props;

  useEffect(() => {
    if (!territory || !q.trim()) {
      setFound(undefined);
      return;
    }
    let live = true;
    const local = offer(rememberedPlaces(cofoCode), territory, q);
    setFound(local);
    if (!online) return;
    const timer = setTimeout(() => {
      api
        .GET('/api/v1/places', { params: { query: { q: q.trim(), limit: 100 } } })
        .then(({ data }) => {
          if (!live || !data) return;
          const mine = offer(data, territory, q);
          rememberPlaces(cofoCode, mine);
          setFound(offer([...mine, ...local], territory, q));
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, territory, cofoCode, online]);

  const chosen = props.value.code;
  if (chosen) {
    return (
      <div class="place-chosen" data-testid="place-chosen">
        <strong>{props.value.name || chosen}</strong> <span class="muted">{chosen}</span>{' '}
        <button type="button" class="secondary" onClick={() => props.onChange({ code: '', name: '' })}>
          {t('placeChange')}
        </button>
      </div>
    );
  }
  return (
    <div class="place-picker">
      <input
        id={fieldId(props.name)}
        name={props.name}
        type="search"
        autoComplete="off"
        value={q}
        placeholder={t('placeHint')}
        onInput={(e) => setQ(e.currentTarget.value)}
        data-testid="place-search"
      />
      {!online && <p class="muted">{t('placeOffline')}</p>}
      {found?.length === 0 && <p class="muted">{t('placeNone')}</p>}
      {found && found.length > 0 && (
        <ul class="choices" data-testid="place-choices">
          {found.map((p) => (
            <li>
              <button
                type="button"
                class="choice"
                data-code={p.code}
                onClick={() => {
                  props.onChange({ code: p.code, name: p.name });
                  setQ('');
                }}
              >
                <strong>{p.name}</strong>{' '}
                <span class="muted">
                  {t(`level.${p.level}` as LandKey)} · {p.code}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
