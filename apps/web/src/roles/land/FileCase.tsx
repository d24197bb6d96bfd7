import { useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { type FormErrors, toFormErrors } from '../../api/errors';
import { today } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { discard } from '../../outbox/outbox';
import { submitTo } from '../../outbox/typed';
import { navigate } from '../../router';
import { Field, FormError, fieldId } from '../../ui/Field';
import type { ScreenProps } from '../types';
import { type LandKey, m } from './messages';

/** The outbox kind of a filing: the cases list shows the waiting ones. */
export const FILE_CASE_KIND = 'land.case.file';

type FileCase = Schemas['FileCaseDto'];
type Party = Schemas['PartyInputDto'];
const DISPUTES: readonly FileCase['disputeType'][] = [
  'limites-de-champs',
  'heritage-succession',
  'pret-retrait-de-terre',
  'vente-transaction',
  'agriculteurs-eleveurs',
  'couloir-transhumance',
  'eau-peche',
  'autre',
];
const AGES: readonly NonNullable<Party['ageGroup']>[] = [
  'under-15',
  'youth-15-35',
  'adult-36-59',
  'elder-60-plus',
  'unknown',
];

/** The fields of this form, by their API path: the server's messages for them go beside them. */
const FIELDS = [
  'filedOn',
  'disputeType',
  'summary',
  'parties[0].name',
  'parties[0].sex',
  'parties[0].ageGroup',
  'parties[1].name',
  'parties[1].sex',
  'parties[1].ageGroup',
  'land.villageCode',
  'land.description',
] as const;

/**
 * A minimal filing (two persons, the land): the pattern of a form that writes through the outbox. The
 * land screens extend it (more parties, groups, the place picker).
 */
export function FileCase({ user }: ScreenProps) {
  const t = useT(m);
  const [v, setV] = useState<Record<string, string>>({
    filedOn: today(),
    disputeType: 'limites-de-champs',
    'parties[0].sex': 'F',
    'parties[0].ageGroup': 'unknown',
    'parties[1].sex': 'M',
    'parties[1].ageGroup': 'unknown',
  });
  const [errors, setErrors] = useState<FormErrors | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    setV({ ...v, [name]: e.currentTarget.value });

  const party = (i: number, role: Party['role']): Party => ({
    kind: 'person',
    name: (v[`parties[${i}].name`] ?? '').trim(),
    sex: v[`parties[${i}].sex`] as Party['sex'],
    ageGroup: v[`parties[${i}].ageGroup`] as Party['ageGroup'],
    role,
  });

  async function onSubmit(e: Event) {
    e.preventDefault();
    // What the browser can tell at once; the server checks everything again and says the rest.
    const missing = FIELDS.filter((f) => !(v[f] ?? '').trim());
    if (missing.length > 0) {
      setErrors({ fields: Object.fromEntries(missing.map((f) => [f, t('required')])) });
      return;
    }
    const body: FileCase = {
      cofoCode: user.scope.cofoId ?? '',
      filedOn: v.filedOn,
      disputeType: v.disputeType as FileCase['disputeType'],
      summary: v.summary.trim(),
      parties: [party(0, 'demandeur'), party(1, 'defendeur')],
      land: { villageCode: v['land.villageCode'].trim(), description: v['land.description'].trim() },
    };
    setBusy(true);
    setErrors(undefined);
    try {
      const r = await submitTo('post', '/api/v1/cases', {
        body,
        label: `${t('newCase')} : ${body.summary}`,
        kind: FILE_CASE_KIND,
      });
      if (r.status === 'sent') {
        setNotice(t('sent', { number: (r.body as Schemas['CaseDto']).number }));
        navigate('/land/cases');
      } else if (r.status === 'waiting') {
        setNotice(t('queued'));
        navigate('/land/cases');
      } else {
        // Refused at once: the form still holds the data and shows the server's messages by field, so the
        // item leaves the outbox (a refusal met later, when the outbox sends it, stays there to fix).
        setErrors(toFormErrors(r.error, t('refusedFix'), FIELDS));
        await discard(r.item.id);
      }
    } finally {
      setBusy(false);
    }
  }

  const input = (name: (typeof FIELDS)[number], label: LandKey, type: 'text' | 'date' = 'text') => (
    <Field label={t(label)} name={name} errors={errors}>
      {type === 'date' ? (
        <input id={fieldId(name)} name={name} type="date" value={v[name] ?? ''} onInput={set(name)} />
      ) : (
        <input id={fieldId(name)} name={name} type="text" value={v[name] ?? ''} onInput={set(name)} />
      )}
    </Field>
  );
  const select = (
    name: (typeof FIELDS)[number],
    label: LandKey,
    options: readonly string[],
    prefix: string,
  ) => (
    <Field label={t(label)} name={name} errors={errors}>
      <select id={fieldId(name)} name={name} value={v[name]} onChange={set(name)}>
        {options.map((o) => (
          <option value={o}>{t(`${prefix}.${o}` as LandKey)}</option>
        ))}
      </select>
    </Field>
  );
  const partyFields = (i: number, legend: LandKey) => (
    <fieldset>
      <legend>{t(legend)}</legend>
      {input(`parties[${i}].name` as (typeof FIELDS)[number], 'field.name')}
      <div class="row">
        {select(`parties[${i}].sex` as (typeof FIELDS)[number], 'field.sex', ['F', 'M'], 'sex')}
        {select(`parties[${i}].ageGroup` as (typeof FIELDS)[number], 'field.ageGroup', AGES, 'age')}
      </div>
    </fieldset>
  );

  return (
    <main>
      <h1>{t('fileCase')}</h1>
      {notice && <p class="notice">{notice}</p>}
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="file-case">
        <FormError errors={errors} />
        {input('filedOn', 'field.filedOn', 'date')}
        {select('disputeType', 'field.disputeType', DISPUTES, 'dispute')}
        <Field label={t('field.summary')} name="summary" errors={errors}>
          <textarea
            id={fieldId('summary')}
            name="summary"
            rows={3}
            value={v.summary ?? ''}
            onInput={set('summary')}
          />
        </Field>
        {partyFields(0, 'field.claimant')}
        {partyFields(1, 'field.respondent')}
        {input('land.villageCode', 'field.villageCode')}
        {input('land.description', 'field.landDescription')}
        <button type="submit" disabled={busy}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </form>
    </main>
  );
}
