import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import type { FormErrors } from '../../api/errors';
import { useT } from '../../i18n/hooks';
import { useOnline } from '../../outbox/hooks';
import { Field, fieldId } from '../../ui/Field';
import { usePlaceName } from './History';
import { type SecurityKey, m } from './messages';
import { inTerritory } from './rules';

type Place = Schemas['PlaceDto'];

/** Her CCS's place code (ML-SEG-SEG for CCS-SEGOU), read once: the picker offers only places under it. */
export function useCcsPlace(ccsCode: string): string | undefined {
  const [place, setPlace] = useState<string | undefined>();
  useEffect(() => {
    if (!ccsCode) return;
    let live = true;
    api
      .GET('/api/v1/ccs/{code}', { params: { path: { code: ccsCode } } })
      .then(({ data }) => live && data && setPlace(data.placeCode))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ccsCode]);
  return place;
}

/**
 * The place of a record: she types a name (accents and case ignored by the API), picks one of the places
 * of her CCS's territory (by code: under her CCS's place on the map it is on); the others of that name are
 * offered on request only (a place of the other map may still be in her territory: the server decides,
 * and its refusal shows beside the field). The code is what is sent. Offline, she may type a code she knows (the server
 * checks it when the outbox sends the record).
 */
export function PlacePicker(props: {
  name: string;
  label: string;
  value: string;
  root: string | undefined;
  errors?: FormErrors;
  onChange: (code: string) => void;
}) {
  const t = useT(m);
  const online = useOnline();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Place[] | undefined>();
  const [others, setOthers] = useState<Place[]>([]);
  const [showOthers, setShowOthers] = useState(false);
  const [chosen, setChosen] = useState<Place | undefined>();
  const [busy, setBusy] = useState(false);
  const knownName = usePlaceName(props.value && online ? props.value : undefined);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2 || !online) {
      setFound(undefined);
      return;
    }
    let live = true;
    setBusy(true);
    const timer = setTimeout(() => {
      api
        .GET('/api/v1/places', { params: { query: { q: text, limit: 50 } } })
        .then(({ data }) => {
          if (!live) return;
          const all = data ?? [];
          setFound(all.filter((p) => inTerritory(p.code, props.root)));
          setOthers(all.filter((p) => !inTerritory(p.code, props.root)));
          setShowOthers(false);
        })
        .catch(() => live && setFound([]))
        .finally(() => live && setBusy(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, online, props.root]);

  const id = fieldId(props.name);
  // A value given by the form (a refused record reopened) shows as chosen, with its name once known.
  const known = chosen?.code === props.value ? chosen.name : knownName;
  if (props.value && online) {
    return (
      <Field label={props.label} name={props.name} errors={props.errors}>
        <div class="chosen" data-testid={`${props.name}-chosen`} data-code={props.value}>
          <span>
            {known
              ? t('place.chosen', { name: known, code: props.value })
              : t('place.chosenCode', { code: props.value })}
          </span>
          <button
            type="button"
            class="secondary"
            id={id}
            onClick={() => {
              setChosen(undefined);
              props.onChange('');
            }}
          >
            {t('place.change')}
          </button>
        </div>
      </Field>
    );
  }
  if (!online) {
    return (
      <Field label={`${props.label} — ${t('place.code')}`} name={props.name} errors={props.errors}>
        <p class="muted">{t('place.offline')}</p>
        <input
          id={id}
          name={props.name}
          type="text"
          value={props.value}
          onInput={(e) => {
            props.onChange(e.currentTarget.value.trim().toUpperCase());
          }}
        />
      </Field>
    );
  }
  return (
    <Field label={props.label} name={props.name} errors={props.errors}>
      <input
        id={id}
        name={props.name}
        type="search"
        autocomplete="off"
        placeholder={t('place.search')}
        value={q}
        onInput={(e) => setQ(e.currentTarget.value)}
        data-testid={`${props.name}-search`}
      />
      {busy && <span class="muted">{t('place.searching')}</span>}
      {found && (
        <ul class="picker" data-testid={`${props.name}-options`}>
          {[...found, ...(showOthers ? others : [])].map((p) => (
            <li>
              <button
                type="button"
                class="secondary"
                data-code={p.code}
                onClick={() => {
                  setChosen(p);
                  props.onChange(p.code);
                }}
              >
                {p.name}{' '}
                <span class="muted">
                  · {t(`level.${p.level}` as SecurityKey)} · {p.code}
                  {showOthers && others.includes(p) ? ` · ${t('place.outsideTag')}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {found && found.length === 0 && <p class="muted">{t('place.none')}</p>}
      {found && others.length > 0 && !showOthers && (
        <p class="muted">
          {t('place.outside', { n: others.length })}{' '}
          <button
            type="button"
            class="link"
            data-testid={`${props.name}-show-others`}
            onClick={() => setShowOthers(true)}
          >
            {t('place.showOthers')}
          </button>
        </p>
      )}
    </Field>
  );
}
