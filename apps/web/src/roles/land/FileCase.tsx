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
import {
  AGES,
  type CaseForm,
  caseBody,
  caseFields,
  caseFormOf,
  DISPUTES,
  emptyCaseForm,
  FILE_STEPS,
  type FileCaseBody,
  type FileStep,
  hasBothSides,
  missingOnStep,
  newParty,
  type PartyForm,
  ROLES,
  stepOfField,
} from './case-form';
import { useCofo } from './data';
import { DateInput } from './DateInput';
import { type LandKey, m } from './messages';
import { PlacePicker } from './PlacePicker';

/** The outbox kind of a filing: the cases list shows the waiting ones, the outbox reopens refused ones here. */
export const FILE_CASE_KIND = 'land.case.file';

type Send = (body: FileCaseBody, label: string) => Promise<SubmitResult>;

/** A new filing, step by step (a few short screens on a phone), written through the outbox. */
export function FileCase({ user }: ScreenProps) {
  const t = useT(m);
  const send: Send = (body, label) =>
    submitTo('post', '/api/v1/cases', { body, label, kind: FILE_CASE_KIND });
  return <FileCaseForm user={user} title={t('fileCase')} send={send} discardRefused />;
}

/** A refused filing from the outbox, in the same steps, with the server's messages beside its fields. */
export function FixFileCase({ user, item }: ItemEditorProps) {
  const t = useT(m);
  const [id, setId] = useState(item.id);
  const send: Send = async (body) => {
    const r = await resubmit(id, body);
    if (r.status !== 'sent') setId(r.item.id);
    return r;
  };
  return (
    <FileCaseForm
      user={user}
      title={t('fixCase')}
      send={send}
      initial={caseFormOf(item.body as FileCaseBody)}
      initialError={item.error}
      cofoCode={(item.body as FileCaseBody).cofoCode}
    />
  );
}

function FileCaseForm(props: {
  user: ScreenProps['user'];
  title: string;
  send: Send;
  initial?: CaseForm;
  initialError?: ApiErrorBody;
  cofoCode?: string;
  /** A filing refused at once leaves the outbox: the form still holds it, with the messages. */
  discardRefused?: boolean;
}) {
  const t = useT(m);
  const cofoCode = props.cofoCode ?? props.user.scope.cofoId ?? '';
  const cofo = useCofo(cofoCode || undefined);
  const [form, setForm] = useState<CaseForm>(() => props.initial ?? emptyCaseForm(today()));
  const [errors, setErrors] = useState<FormErrors | undefined>(() =>
    props.initialError
      ? toFormErrors(props.initialError, t('refusedFix'), caseFields(props.initial ?? form))
      : undefined,
  );
  const [step, setStep] = useState<FileStep>(() => {
    const first = Object.keys(errors?.fields ?? {})[0];
    return first ? stepOfField(first) : 'case';
  });
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const index = FILE_STEPS.indexOf(step);

  const update = (patch: Partial<CaseForm>) => setForm({ ...form, ...patch });
  const setParty = (i: number, patch: Partial<PartyForm>) =>
    update({ parties: form.parties.map((p, j) => (j === i ? { ...p, ...patch } : p)) });

  /** What the browser can tell at once, for the step shown; the server checks everything again. */
  function check(s: FileStep): boolean {
    const missing = missingOnStep(form, s);
    const fields: Record<string, string> = Object.fromEntries(missing.map((f) => [f, t('required')]));
    if (s === 'parties' && !hasBothSides(form)) fields.parties = t('bothSides');
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return false;
    }
    setErrors(undefined);
    return true;
  }

  function go(to: FileStep) {
    setStep(to);
    window.scrollTo(0, 0);
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    if (step !== 'review') {
      if (check(step)) go(FILE_STEPS[index + 1]);
      return;
    }
    for (const s of FILE_STEPS) {
      if (!check(s)) return go(s);
    }
    const body = caseBody(form, cofoCode);
    setBusy(true);
    try {
      const r = await props.send(body, `${t('newCase')} : ${body.summary}`);
      if (r.status === 'sent') {
        const c = r.body as Schemas['CaseDto'];
        setNotice(t('sent', { number: c.number }));
        navigate(`/land/cases/${c.id}`);
      } else if (r.status === 'waiting') {
        setNotice(t('queued'));
        navigate('/land/cases');
      } else {
        const errs = toFormErrors(r.error, t('refusedFix'), caseFields(form));
        setErrors(errs);
        const first = Object.keys(errs.fields)[0];
        go(first ? stepOfField(first) : 'review');
        if (props.discardRefused) await discard(r.item.id);
      }
    } finally {
      setBusy(false);
    }
  }

  const text = (
    name: string,
    label: LandKey,
    value: string,
    onInput: (v: string) => void,
    type: 'text' | 'date' | 'decimal' = 'text',
  ) => (
    <Field label={t(label)} name={name} errors={errors}>
      {type === 'date' ? (
        <DateInput id={fieldId(name)} name={name} value={value} onChange={onInput} />
      ) : (
        <input
          id={fieldId(name)}
          name={name}
          type="text"
          inputMode={type === 'decimal' ? 'decimal' : 'text'}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
  const select = <V extends string>(
    name: string,
    label: LandKey,
    value: V,
    options: readonly V[],
    prefix: string,
    onChange: (v: V) => void,
  ) => (
    <Field label={t(label)} name={name} errors={errors}>
      <select
        id={fieldId(name)}
        name={name}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value as V)}
      >
        {options.map((o) => (
          <option value={o}>{t(`${prefix}.${o}` as LandKey)}</option>
        ))}
      </select>
    </Field>
  );

  const party = (p: PartyForm, i: number) => (
    <fieldset data-party={i}>
      <legend>
        {t('partyN', { n: i + 1 })} · {t(`role.${p.role}` as LandKey)}
      </legend>
      {select(`parties[${i}].role`, 'field.role', p.role, ROLES, 'role', (role) => setParty(i, { role }))}
      {select(`parties[${i}].kind`, 'field.partyKind', p.kind, ['person', 'group'] as const, 'kind', (kind) =>
        setParty(i, { kind, sex: kind === 'group' ? '' : p.sex }),
      )}
      {text(`parties[${i}].name`, 'field.name', p.name, (name) => setParty(i, { name }))}
      <div class="row">
        {p.kind === 'person' &&
          select(`parties[${i}].sex`, 'field.sex', p.sex, ['', 'F', 'M'] as const, 'sex', (sex) =>
            setParty(i, { sex }),
          )}
        {select(`parties[${i}].ageGroup`, 'field.ageGroup', p.ageGroup, AGES, 'age', (ageGroup) =>
          setParty(i, { ageGroup }),
        )}
      </div>
      {p.kind === 'group' &&
        text(
          `parties[${i}].memberCount`,
          'field.memberCount',
          p.memberCount,
          (memberCount) => setParty(i, { memberCount }),
          'decimal',
        )}
      {form.parties.length > 2 && (
        <button
          type="button"
          class="secondary"
          onClick={() => update({ parties: form.parties.filter((_, j) => j !== i) })}
        >
          {t('removeParty')}
        </button>
      )}
    </fieldset>
  );

  return (
    <main>
      <h1>{props.title}</h1>
      {notice && <p class="notice">{notice}</p>}
      <ol class="stepper" aria-label={t('stepOf', { n: index + 1, total: FILE_STEPS.length })}>
        {FILE_STEPS.map((s, i) => (
          <li
            class={s === step ? 'on' : i < index ? 'done' : ''}
            aria-current={s === step ? 'step' : undefined}
          >
            {i + 1}
          </li>
        ))}
      </ol>
      <h2 data-testid="wizard-step" data-step={step}>
        {t('stepOf', { n: index + 1, total: FILE_STEPS.length })} · {t(`wizard.${step}` as LandKey)}
      </h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="file-case">
        <FormError errors={errors} />
        {step === 'case' && (
          <>
            {text('filedOn', 'field.filedOn', form.filedOn, (filedOn) => update({ filedOn }), 'date')}
            {select(
              'disputeType',
              'field.disputeType',
              form.disputeType,
              DISPUTES,
              'dispute',
              (disputeType) => update({ disputeType }),
            )}
            <Field label={t('field.summary')} name="summary" errors={errors}>
              <textarea
                id={fieldId('summary')}
                name="summary"
                rows={3}
                value={form.summary}
                onInput={(e) => update({ summary: e.currentTarget.value })}
              />
            </Field>
          </>
        )}
        {step === 'parties' && (
          <>
            {errors?.fields.parties && (
              <p class="error" role="alert" data-field="parties">
                {errors.fields.parties}
              </p>
            )}
            {form.parties.map(party)}
            <button
              type="button"
              class="secondary"
              data-testid="add-party"
              onClick={() => update({ parties: [...form.parties, newParty('temoin')] })}
            >
              {t('addParty')}
            </button>
          </>
        )}
        {step === 'land' && (
          <>
            <Field label={t('field.place')} name="land.villageCode" errors={errors}>
              <PlacePicker
                name="land.villageCode"
                cofoCode={cofoCode}
                territory={cofo?.territory}
                value={{ code: form.land.villageCode, name: form.land.villageName }}
                onChange={(p) => update({ land: { ...form.land, villageCode: p.code, villageName: p.name } })}
              />
            </Field>
            <Field label={t('field.landDescription')} name="land.description" errors={errors}>
              <textarea
                id={fieldId('land.description')}
                name="land.description"
                rows={2}
                value={form.land.description}
                onInput={(e) => update({ land: { ...form.land, description: e.currentTarget.value } })}
              />
            </Field>
            {text(
              'land.surfaceHa',
              'field.surface',
              form.land.surfaceHa,
              (surfaceHa) => update({ land: { ...form.land, surfaceHa } }),
              'decimal',
            )}
          </>
        )}
        {step === 'review' && (
          <dl class="review" data-testid="review">
            <dt>{t('field.filedOn')}</dt>
            <dd>{formatDate(form.filedOn)}</dd>
            <dt>{t('field.disputeType')}</dt>
            <dd>{t(`dispute.${form.disputeType}` as LandKey)}</dd>
            <dt>{t('field.summary')}</dt>
            <dd>{form.summary}</dd>
            <dt>{t('parties')}</dt>
            {form.parties.map((p) => (
              <dd>
                {p.name} · {t(`role.${p.role}` as LandKey)} ·{' '}
                {p.kind === 'group' ? t('kind.group') : t(`sex.${p.sex}` as LandKey)} ·{' '}
                {t(`age.${p.ageGroup}` as LandKey)}
              </dd>
            ))}
            <dt>{t('land')}</dt>
            <dd>
              {form.land.villageName || form.land.villageCode} · {form.land.description}
            </dd>
          </dl>
        )}
        <div class="actions wizard-nav">
          {index > 0 && (
            <button
              type="button"
              class="secondary"
              data-testid="previous"
              onClick={() => go(FILE_STEPS[index - 1])}
            >
              {t('previous')}
            </button>
          )}
          {step !== 'review' ? (
            <button type="submit" data-testid="next">
              {t('next')}
            </button>
          ) : (
            <button type="submit" data-testid="save" disabled={busy}>
              {busy ? t('submitting') : t('submit')}
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
