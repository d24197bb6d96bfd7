import { useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { type ApiErrorBody, type FormErrors, toFormErrors } from '../../api/errors';
import { formatDate, formatNumber, today } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { discard, resubmit, type SubmitResult } from '../../outbox/outbox';
import { submitTo } from '../../outbox/typed';
import { navigate } from '../../router';
import { Field, FormError, fieldId } from '../../ui/Field';
import type { ItemEditorProps, ScreenProps } from '../types';
import { type ActivityBody, activityFormOf } from './forms';
import { DateInput } from './DateInput';
import { type SecurityKey, m } from './messages';
import { PlacePicker, useCcsPlace } from './PlacePicker';
import {
  apiDates,
  checkParticipants,
  type CountField,
  type CountProblem,
  SUB_COUNTS,
  visibleProblems,
} from './rules';
import { allOf } from '../../api/enums';

/** The outbox kind of a recorded activity: her list shows the waiting ones. */
export const RECORD_ACTIVITY_KIND = 'security.activity.record';

type Activity = Schemas['RecordActivityDto'];
export const ACTIVITY_TYPES = allOf<Activity['type']>()([
  'meeting',
  'awareness-session',
  'fds-open-day',
  'sports-event',
  'radio-programme',
  'training',
  'clean-up-day',
  'ruptures-de-jeune',
  'other',
]);
export const FORCES = allOf<Activity['forces'][number]>()([
  'police',
  'gendarmerie',
  'garde-nationale',
  'armee',
  'protection-civile',
]);

/** The fields of this form, by their API path: the server's messages for them go beside them. */
const FIELDS = [
  'type',
  'typeLabel',
  'startOn',
  'endOn',
  'placeCode',
  'theme',
  'forces',
  'participants.total',
  'participants.women',
  'participants.youth',
  'participants.fds',
  'participants.children',
  'outcomes',
  'recommendations',
] as const;
type Name = (typeof FIELDS)[number];

type Send = (body: Activity, label: string) => Promise<SubmitResult>;

/** The CCS secretary records an activity of her CCS (through the outbox: it works offline). */
export function RecordActivity({ user }: ScreenProps) {
  const t = useT(m);
  const send: Send = (body, label) =>
    submitTo('post', '/api/v1/ccs-activities', { body, label, kind: RECORD_ACTIVITY_KIND });
  return <ActivityForm ccs={user.scope.ccsId ?? ''} title={t('recordActivity')} send={send} discardRefused />;
}

/** An activity the outbox could not send (refused): the same form, its values and the server's messages. */
export function FixRecordActivity({ item }: ItemEditorProps) {
  const t = useT(m);
  const [id, setId] = useState(item.id);
  const send: Send = async (body) => {
    const r = await resubmit(id, body);
    if (r.status !== 'sent') setId(r.item.id);
    return r;
  };
  const body = item.body as ActivityBody;
  return (
    <ActivityForm
      ccs={body.ccsCode}
      title={t('fixActivity')}
      send={send}
      initial={activityFormOf(body)}
      initialError={item.error}
    />
  );
}

function ActivityForm(props: {
  ccs: string;
  title: string;
  send: Send;
  initial?: { values: Record<string, string>; forces: string[] };
  initialError?: ApiErrorBody;
  /** Refused at once: the form still holds it, with the messages, so it leaves the outbox. */
  discardRefused?: boolean;
}) {
  const t = useT(m);
  const ccs = props.ccs;
  const root = useCcsPlace(ccs);
  const [v, setV] = useState<Record<string, string>>(
    () => props.initial?.values ?? { type: 'meeting', startOn: formatDate(today()) },
  );
  const [forces, setForces] = useState<string[]>(() => props.initial?.forces ?? []);
  const [errors, setErrors] = useState<FormErrors | undefined>(() =>
    props.initialError ? toFormErrors(props.initialError, t('refusedFix'), FIELDS) : undefined,
  );
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    setV({ ...v, [name]: e.currentTarget.value });

  const counts: Partial<Record<CountField, string>> = {
    total: v['participants.total'],
    women: v['participants.women'],
    youth: v['participants.youth'],
    fds: v['participants.fds'],
    children: v['participants.children'],
  };
  const check = checkParticipants(counts);
  const shown = visibleProblems(check, counts, tried);
  const exceeds = Object.values(check.problems).some((p) => p.kind === 'exceeds-total');
  const countMessage = (f: CountField, p: CountProblem): string =>
    p.kind === 'exceeds-total'
      ? t('count.exceeds-total', {
          field: t(`field.${f}` as SecurityKey).replace(/ \(.*\)$/, ''),
          value: formatNumber(p.value),
          total: formatNumber(p.total),
        })
      : p.kind === 'too-large'
        ? t('count.too-large', { max: formatNumber(p.max) })
        : t(`count.${p.kind}`);

  /** The server's messages, with the counts' own check over them while she types. */
  const allErrors: FormErrors = {
    form: errors?.form,
    fields: {
      ...(errors?.fields ?? {}),
      ...Object.fromEntries(
        (Object.entries(shown) as [CountField, CountProblem][]).map(([f, p]) => [
          `participants.${f}`,
          countMessage(f, p),
        ]),
      ),
    },
  };

  async function onSubmit(e: Event) {
    e.preventDefault();
    setTried(true);
    const required: Name[] = ['type', 'startOn', 'placeCode', 'theme'];
    if (v.type === 'other') required.push('typeLabel');
    const missing = required.filter((f) => !(v[f] ?? '').trim());
    const { dates, invalid } = apiDates({ startOn: v.startOn, endOn: v.endOn }, ['endOn']);
    if (missing.length > 0 || invalid.length > 0 || !check.value) {
      setErrors({
        fields: {
          ...Object.fromEntries(invalid.map((f) => [f, t('badDate')])),
          ...Object.fromEntries(missing.map((f) => [f, t('required')])),
        },
      });
      return;
    }
    const recommendations = (v.recommendations ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const body: Activity = {
      ccsCode: ccs,
      type: v.type as Activity['type'],
      ...(v.type === 'other' ? { typeLabel: v.typeLabel.trim() } : {}),
      startOn: dates.startOn!,
      ...(dates.endOn ? { endOn: dates.endOn } : {}),
      placeCode: v.placeCode,
      theme: v.theme.trim(),
      forces: FORCES.filter((f) => forces.includes(f)),
      participants: check.value,
      ...(v.outcomes?.trim() ? { outcomes: v.outcomes.trim() } : {}),
      ...(recommendations.length > 0 ? { recommendations } : {}),
    };
    setBusy(true);
    setErrors(undefined);
    try {
      const r = await props.send(body, `${t('activity')} : ${body.theme}`);
      if (r.status === 'sent') {
        navigate(`/security/activities/${(r.body as Schemas['ActivityDto']).id}`);
      } else if (r.status === 'waiting') {
        setNotice(t('activityQueued'));
        navigate('/security/activities');
      } else {
        setErrors(toFormErrors(r.error, t('refusedFix'), FIELDS));
        if (props.discardRefused) await discard(r.item.id);
      }
    } finally {
      setBusy(false);
    }
  }

  const text = (name: Name, label: SecurityKey, type: 'text' | 'date' = 'text') => (
    <Field label={t(label)} name={name} errors={allErrors}>
      {type === 'date' ? (
        <DateInput name={name} value={v[name] ?? ''} onInput={(x) => setV((o) => ({ ...o, [name]: x }))} />
      ) : (
        <input id={fieldId(name)} name={name} type="text" value={v[name] ?? ''} onInput={set(name)} />
      )}
    </Field>
  );
  const count = (f: CountField) => {
    const name = `participants.${f}`;
    return (
      <Field label={t(`field.${f}` as SecurityKey)} name={name} errors={allErrors}>
        <input
          id={fieldId(name)}
          name={name}
          type="text"
          inputMode="numeric"
          pattern="[0-9]*"
          value={v[name] ?? ''}
          onInput={set(name)}
        />
      </Field>
    );
  };

  return (
    <main>
      <h1>{props.title}</h1>
      {notice && <p class="notice">{notice}</p>}
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="record-activity">
        <FormError errors={allErrors} />
        <Field label={t('field.type')} name="type" errors={allErrors}>
          <select id={fieldId('type')} name="type" value={v.type} onChange={set('type')}>
            {ACTIVITY_TYPES.map((o) => (
              <option value={o}>{t(`type.${o}` as SecurityKey)}</option>
            ))}
          </select>
        </Field>
        {v.type === 'other' && text('typeLabel', 'field.typeLabel')}
        <div class="row">
          {text('startOn', 'field.startOn', 'date')}
          {text('endOn', 'field.endOn', 'date')}
        </div>
        <PlacePicker
          name="placeCode"
          label={t('field.place')}
          value={v.placeCode ?? ''}
          root={root}
          errors={allErrors}
          onChange={(code) => setV((old) => ({ ...old, placeCode: code }))}
        />
        {text('theme', 'field.theme')}
        <fieldset data-field="forces">
          <legend>{t('field.forces')}</legend>
          <div class="checks">
            {FORCES.map((f) => (
              <label>
                <input
                  type="checkbox"
                  name="forces"
                  value={f}
                  checked={forces.includes(f)}
                  onChange={(e) =>
                    setForces(e.currentTarget.checked ? [...forces, f] : forces.filter((x) => x !== f))
                  }
                />
                {t(`force.${f}` as SecurityKey)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset data-testid="participants">
          <legend>{t('field.participants')}</legend>
          {count('total')}
          <div class="row">{SUB_COUNTS.map((f) => count(f))}</div>
        </fieldset>
        <Field label={t('field.outcomes')} name="outcomes" errors={allErrors}>
          <textarea
            id={fieldId('outcomes')}
            name="outcomes"
            rows={3}
            value={v.outcomes ?? ''}
            onInput={set('outcomes')}
          />
        </Field>
        <Field label={t('field.recommendations')} name="recommendations" errors={allErrors}>
          <textarea
            id={fieldId('recommendations')}
            name="recommendations"
            rows={3}
            value={v.recommendations ?? ''}
            onInput={set('recommendations')}
          />
        </Field>
        <button type="submit" disabled={busy || exceeds} data-testid="submit">
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </main>
  );
}
