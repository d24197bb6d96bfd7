import { useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { type ApiErrorBody, type FormErrors, toFormErrors } from '../../api/errors';
import { formatDate, today } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { discard, resubmit, type SubmitResult } from '../../outbox/outbox';
import { submitTo } from '../../outbox/typed';
import { navigate } from '../../router';
import { Field, FormError, fieldId } from '../../ui/Field';
import type { ItemEditorProps, ScreenProps } from '../types';
import { type GrievanceBody, grievanceFormOf } from './forms';
import { DateInput } from './DateInput';
import { type SecurityKey, m } from './messages';
import { PlacePicker, useCcsPlace } from './PlacePicker';
import { apiDates } from './rules';
import { allOf } from '../../api/enums';

/** The outbox kind of a received grievance: her list shows the waiting ones. */
export const RECORD_GRIEVANCE_KIND = 'security.grievance.record';

type Grievance = Schemas['RecordGrievanceDto'];
export const CHANNELS = allOf<Grievance['channel']>()([
  'in-person',
  'phone',
  'meeting',
  'letter',
  'radio',
  'other',
]);
export const CATEGORIES = allOf<Grievance['category']>()([
  'incident',
  'threat',
  'complaint-against-force',
  'conflict',
  'other',
]);

const FIELDS = [
  'receivedOn',
  'channel',
  'category',
  'placeCode',
  'summary',
  'complainant',
  'complainant.name',
  'complainant.phone',
  'complainant.note',
] as const;
type Name = (typeof FIELDS)[number];

/**
 * The CCS secretary receives a grievance (through the outbox). The complainant's identity is optional and
 * confidential: sent once with the receipt, read back only on the grievance's own screen by her CCS.
 */
export function ReceiveGrievance({ user }: ScreenProps) {
  const t = useT(m);
  const send: Send = (body, label) =>
    submitTo('post', '/api/v1/grievances', { body, label, kind: RECORD_GRIEVANCE_KIND });
  return (
    <GrievanceForm ccs={user.scope.ccsId ?? ''} title={t('receiveGrievance')} send={send} discardRefused />
  );
}

/** A grievance the outbox could not send (refused): the same form, its values and the server's messages. */
export function FixReceiveGrievance({ item }: ItemEditorProps) {
  const t = useT(m);
  const [id, setId] = useState(item.id);
  const send: Send = async (body) => {
    const r = await resubmit(id, body);
    if (r.status !== 'sent') setId(r.item.id);
    return r;
  };
  const body = item.body as GrievanceBody;
  return (
    <GrievanceForm
      ccs={body.ccsCode}
      title={t('fixGrievance')}
      send={send}
      initial={grievanceFormOf(body)}
      initialError={item.error}
    />
  );
}

type Send = (body: Grievance, label: string) => Promise<SubmitResult>;

function GrievanceForm(props: {
  ccs: string;
  title: string;
  send: Send;
  initial?: Record<string, string>;
  initialError?: ApiErrorBody;
  discardRefused?: boolean;
}) {
  const t = useT(m);
  const ccs = props.ccs;
  const root = useCcsPlace(ccs);
  const [v, setV] = useState<Record<string, string>>(
    () =>
      props.initial ?? {
        receivedOn: formatDate(today()),
        channel: 'in-person',
        category: 'incident',
      },
  );
  const [errors, setErrors] = useState<FormErrors | undefined>(() =>
    props.initialError ? toFormErrors(props.initialError, t('refusedFix'), FIELDS) : undefined,
  );
  const [busy, setBusy] = useState(false);
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    setV({ ...v, [name]: e.currentTarget.value });

  async function onSubmit(e: Event) {
    e.preventDefault();
    const missing = (['receivedOn', 'placeCode', 'summary'] as const).filter((f) => !(v[f] ?? '').trim());
    const { dates, invalid } = apiDates({ receivedOn: v.receivedOn });
    if (missing.length > 0 || invalid.length > 0) {
      setErrors({
        fields: {
          ...Object.fromEntries(invalid.map((f) => [f, t('badDate')])),
          ...Object.fromEntries(missing.map((f) => [f, t('required')])),
        },
      });
      return;
    }
    const who = {
      name: v['complainant.name']?.trim() || null,
      phone: v['complainant.phone']?.trim() || null,
      note: v['complainant.note']?.trim() || null,
    };
    const body: Grievance = {
      ccsCode: ccs,
      receivedOn: dates.receivedOn!,
      channel: v.channel as Grievance['channel'],
      category: v.category as Grievance['category'],
      placeCode: v.placeCode,
      summary: v.summary.trim(),
      complainant: who.name || who.phone || who.note ? who : null,
    };
    setBusy(true);
    setErrors(undefined);
    try {
      // The outbox's label is shown in lists: never the complainant's identity.
      const r = await props.send(
        body,
        `${t('grievance')} : ${t(`category.${body.category}` as SecurityKey)}, ${body.summary.slice(0, 60)}`,
      );
      if (r.status === 'sent') navigate(`/security/grievances/${(r.body as Schemas['GrievanceDto']).id}`);
      else if (r.status === 'waiting') navigate('/security/grievances?queued=1');
      else {
        setErrors(toFormErrors(r.error, t('refusedFix'), FIELDS));
        if (props.discardRefused) await discard(r.item.id);
      }
    } finally {
      setBusy(false);
    }
  }

  const input = (name: Name, label: SecurityKey, type: 'text' | 'date' | 'tel' = 'text') => (
    <Field label={t(label)} name={name} errors={errors}>
      {type === 'date' ? (
        <DateInput name={name} value={v[name] ?? ''} onInput={(x) => setV((o) => ({ ...o, [name]: x }))} />
      ) : type === 'tel' ? (
        <input id={fieldId(name)} name={name} type="tel" value={v[name] ?? ''} onInput={set(name)} />
      ) : (
        <input id={fieldId(name)} name={name} type="text" value={v[name] ?? ''} onInput={set(name)} />
      )}
    </Field>
  );
  const select = (name: Name, label: SecurityKey, options: readonly string[], prefix: string) => (
    <Field label={t(label)} name={name} errors={errors}>
      <select id={fieldId(name)} name={name} value={v[name]} onChange={set(name)}>
        {options.map((o) => (
          <option value={o}>{t(`${prefix}.${o}` as SecurityKey)}</option>
        ))}
      </select>
    </Field>
  );

  return (
    <main>
      <h1>{props.title}</h1>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="receive-grievance">
        <FormError errors={errors} />
        {input('receivedOn', 'field.receivedOn', 'date')}
        <div class="row">
          {select('channel', 'field.channel', CHANNELS, 'channel')}
          {select('category', 'field.category', CATEGORIES, 'category')}
        </div>
        <PlacePicker
          name="placeCode"
          label={t('field.place')}
          value={v.placeCode ?? ''}
          root={root}
          errors={errors}
          onChange={(code) => setV((old) => ({ ...old, placeCode: code }))}
        />
        <Field label={t('field.summary')} name="summary" errors={errors}>
          <textarea
            id={fieldId('summary')}
            name="summary"
            rows={3}
            value={v.summary ?? ''}
            onInput={set('summary')}
          />
        </Field>
        <fieldset data-field="complainant">
          <legend>{t('field.complainant')}</legend>
          <p class="confidential" data-testid="confidential">
            {t('confidential')}
          </p>
          {errors?.fields.complainant && <p class="error">{errors.fields.complainant}</p>}
          {input('complainant.name', 'field.complainantName')}
          {input('complainant.phone', 'field.complainantPhone', 'tel')}
          {input('complainant.note', 'field.complainantNote')}
        </fieldset>
        <button type="submit" disabled={busy} data-testid="submit">
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </main>
  );
}
