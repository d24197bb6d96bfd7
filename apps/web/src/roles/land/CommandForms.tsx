import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { type ApiErrorBody, type FormErrors, toFormErrors } from '../../api/errors';
import { today } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import type { SubmitResult } from '../../outbox/outbox';
import { Field, FormError, fieldId } from '../../ui/Field';
import type { CaseDetail } from './cases';
import { pvInForce } from './cases';
import {
  type DecisionBody,
  type DecisionForm,
  decisionBody,
  decisionFormOf,
  emptyMember,
  emptyPvForm,
  type HomologationRequestBody,
  type MemberRow,
  type PvBody,
  type PvForm,
  pvBody,
  pvFormOf,
  type ReferralBody,
  STEP_KINDS,
  type StepBody,
  type StepForm,
  stepBody,
  stepFormOf,
  unmarkedParties,
} from './commands';
import { useCofo } from './data';
import { DateInput } from './DateInput';
import { type LandKey, m } from './messages';

/** The outbox kinds of the case commands (the outbox reopens a refused one in its form). */
export const KINDS = {
  step: 'land.case.step',
  pv: 'land.case.pv',
  homologation: 'land.case.homologation-request',
  decision: 'land.case.homologation-decision',
  referral: 'land.case.referral',
} as const;

export interface CommandFormProps<B> {
  c: CaseDetail;
  version: number;
  initial?: B;
  initialError?: ApiErrorBody;
  send: (body: B) => Promise<SubmitResult>;
  /** After the server has it (`sent`) or the outbox keeps it (`waiting`). */
  done: (r: SubmitResult) => void;
  /** A command refused at once leaves the outbox: the form still holds it, with the messages. */
  dropRefused?: (r: SubmitResult) => Promise<void>;
}

/** One command form: its fields, the server's messages beside them, the button. */
function useCommand<B>(props: CommandFormProps<B>, fields: () => readonly string[]) {
  const t = useT(m);
  const [errors, setErrors] = useState<FormErrors | undefined>(() =>
    props.initialError ? toFormErrors(props.initialError, t('refusedFix'), fields()) : undefined,
  );
  const [busy, setBusy] = useState(false);
  async function run(body: B, missing: readonly string[] = []) {
    if (missing.length) {
      setErrors({ fields: Object.fromEntries(missing.map((f) => [f, t('required')])) });
      return;
    }
    setBusy(true);
    setErrors(undefined);
    try {
      const r = await props.send(body);
      if (r.status === 'refused') {
        setErrors(toFormErrors(r.error, t('refusedFix'), fields()));
        await props.dropRefused?.(r);
      } else props.done(r);
    } finally {
      setBusy(false);
    }
  }
  return { t, errors, busy, run };
}

function Form(props: {
  testid: string;
  errors?: FormErrors;
  busy: boolean;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  const t = useT(m);
  return (
    <form
      noValidate
      data-testid={props.testid}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <FormError errors={props.errors} />
      {props.children}
      <button type="submit" disabled={props.busy} data-testid="save">
        {props.busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}

type Setter = (v: string) => void;
function Input(p: {
  name: string;
  label: string;
  errors?: FormErrors;
  value: string;
  set: Setter;
  type?: 'text' | 'date';
}) {
  return (
    <Field label={p.label} name={p.name} errors={p.errors}>
      {p.type === 'date' ? (
        <DateInput id={fieldId(p.name)} name={p.name} value={p.value} onChange={p.set} />
      ) : (
        <input
          id={fieldId(p.name)}
          name={p.name}
          type="text"
          value={p.value}
          onInput={(e) => p.set(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}
function Area(p: {
  name: string;
  label: string;
  errors?: FormErrors;
  value: string;
  set: Setter;
  rows?: number;
}) {
  return (
    <Field label={p.label} name={p.name} errors={p.errors}>
      <textarea
        id={fieldId(p.name)}
        name={p.name}
        rows={p.rows ?? 3}
        value={p.value}
        onInput={(e) => p.set(e.currentTarget.value)}
      />
    </Field>
  );
}
function Choice<V extends string>(p: {
  name: string;
  label: string;
  errors?: FormErrors;
  value: V;
  options: readonly V[];
  text: (v: V) => string;
  set: (v: V) => void;
}) {
  return (
    <Field label={p.label} name={p.name} errors={p.errors}>
      <select
        id={fieldId(p.name)}
        name={p.name}
        value={p.value}
        onChange={(e) => p.set(e.currentTarget.value as V)}
      >
        {p.options.map((o) => (
          <option value={o}>{p.text(o)}</option>
        ))}
      </select>
    </Field>
  );
}

/** An instruction step: visit, hearing, confrontation, or a conciliation session, with the members present. */
export function StepCommand(props: CommandFormProps<StepBody>) {
  const cofo = useCofo(props.c.cofoCode);
  const [f, setF] = useState<StepForm>(() =>
    props.initial
      ? stepFormOf(props.initial)
      : { kind: 'conciliation-session', date: today(), members: '', summary: '', partyId: '' },
  );
  const [prefilled, setPrefilled] = useState(false);
  if (!prefilled && !props.initial && cofo?.cofo.members.length) {
    setPrefilled(true);
    setF({ ...f, members: cofo.cofo.members.map((x) => x.name).join('\n') });
  }
  const FIELDS = ['kind', 'date', 'membersPresent', 'summary', 'partyId'];
  const { t, errors, busy, run } = useCommand(props, () => FIELDS);
  const set = (patch: Partial<StepForm>) => setF({ ...f, ...patch });
  const body = stepBody(f, props.version);
  const missing = [
    ...(body.membersPresent.length ? [] : ['membersPresent']),
    ...(body.summary ? [] : ['summary']),
    ...(body.date ? [] : ['date']),
  ];
  return (
    <Form testid="step-form" errors={errors} busy={busy} onSubmit={() => void run(body, missing)}>
      <Choice
        name="kind"
        label={t('field.stepKind')}
        errors={errors}
        value={f.kind}
        options={STEP_KINDS}
        text={(k) => t(`step.${k}` as LandKey)}
        set={(kind) => set({ kind })}
      />
      <Input
        name="date"
        label={t('field.date')}
        type="date"
        errors={errors}
        value={f.date}
        set={(date) => set({ date })}
      />
      {f.kind === 'audition' && (
        <Choice
          name="partyId"
          label={t('field.heardParty')}
          errors={errors}
          value={f.partyId}
          options={['', ...props.c.partiesList.map((p) => p.id)]}
          text={(id) => props.c.partiesList.find((p) => p.id === id)?.name ?? '—'}
          set={(partyId) => set({ partyId })}
        />
      )}
      <Area
        name="membersPresent"
        label={t('field.membersLines')}
        errors={errors}
        value={f.members}
        set={(members) => set({ members })}
      />
      <Area
        name="summary"
        label={t('field.stepSummary')}
        errors={errors}
        value={f.summary}
        set={(summary) => set({ summary })}
        rows={4}
      />
    </Form>
  );
}

/** The PV: conciliation (points, each party's mark) or non-conciliation (steps tried, why), members' marks. */
export function PvCommand(props: CommandFormProps<PvBody>) {
  const parties = props.c.partiesList;
  const cofo = useCofo(props.c.cofoCode);
  const replacing = pvInForce(props.c) !== undefined;
  const [f, setF] = useState<PvForm>(() =>
    props.initial ? pvFormOf(props.initial, parties) : emptyPvForm(today(), parties, []),
  );
  const [prefilled, setPrefilled] = useState(false);
  if (!prefilled && !props.initial && cofo?.cofo.members.length) {
    setPrefilled(true);
    setF({
      ...f,
      members: cofo.cofo.members.map((x) => ({ name: x.name, role: x.role, sex: x.sex ?? '', mark: '' })),
    });
  }
  const { body, markField, memberMarkField } = pvBody(f, props.version, replacing);
  const fields = () => [
    'kind',
    'drawnUpOn',
    'membersPresent',
    ...f.members.map((_, i) => `membersPresent[${i}]`),
    'memberMarks',
    ...Object.values(memberMarkField),
    'agreedPoints',
    'openPoints',
    'marks',
    ...Object.values(markField),
    'stepsTried',
    'failureReason',
    'correctionReason',
  ];
  const { t, errors, busy, run } = useCommand(props, fields);
  const set = (patch: Partial<PvForm>) => setF({ ...f, ...patch });
  const setMember = (i: number, patch: Partial<MemberRow>) =>
    set({ members: f.members.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const setMark = (i: number, patch: Partial<PvForm['marks'][number]>) =>
    set({ marks: f.marks.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const missing = [
    ...(body.membersPresent.length ? [] : ['membersPresent']),
    ...(f.kind === 'conciliation' && !body.agreedPoints?.length ? ['agreedPoints'] : []),
    ...(f.kind === 'non-conciliation' && !body.stepsTried?.length ? ['stepsTried'] : []),
    ...(f.kind === 'non-conciliation' && !body.failureReason ? ['failureReason'] : []),
    ...(replacing && !body.correctionReason ? ['correctionReason'] : []),
  ];
  const unmarked = unmarkedParties(f, parties);
  const err = (name: string | undefined) => (name ? errors?.fields[name] : undefined);
  return (
    <Form testid="pv-form" errors={errors} busy={busy} onSubmit={() => void run(body, missing)}>
      <Choice
        name="kind"
        label={t('field.pvKind')}
        errors={errors}
        value={f.kind}
        options={['conciliation', 'non-conciliation'] as const}
        text={(k) => t(`pv.${k}`)}
        set={(kind) => set({ kind })}
      />
      <Input
        name="drawnUpOn"
        label={t('field.drawnUpOn')}
        type="date"
        errors={errors}
        value={f.drawnUpOn}
        set={(drawnUpOn) => set({ drawnUpOn })}
      />
      <fieldset>
        <legend>{t('pvMembers')}</legend>
        {errors?.fields.membersPresent && (
          <p class="error" role="alert">
            {errors.fields.membersPresent}
          </p>
        )}
        {f.members.map((x, i) => (
          <div class="subform" data-member={i}>
            <strong>{t('memberN', { n: i + 1 })}</strong>
            <Input
              name={`membersPresent[${i}].name`}
              label={t('field.memberName')}
              value={x.name}
              set={(name) => setMember(i, { name })}
            />
            <Input
              name={`membersPresent[${i}].role`}
              label={t('field.memberRole')}
              value={x.role}
              set={(role) => setMember(i, { role })}
            />
            {err(`membersPresent[${i}]`) && (
              <p class="error" role="alert">
                {err(`membersPresent[${i}]`)}
              </p>
            )}
            <Choice
              name={`member-mark-${i}`}
              label={t('field.mark')}
              value={x.mark}
              options={['', 'signature', 'thumbprint'] as const}
              text={(k) => t(`mark.${k}` as LandKey)}
              set={(mark) => setMember(i, { mark })}
            />
            {err(memberMarkField[i]) && (
              <p class="error" role="alert">
                {err(memberMarkField[i])}
              </p>
            )}
          </div>
        ))}
        {errors?.fields.memberMarks && (
          <p class="error" role="alert">
            {errors.fields.memberMarks}
          </p>
        )}
        <button
          type="button"
          class="secondary"
          data-testid="add-member"
          onClick={() => set({ members: [...f.members, emptyMember()] })}
        >
          {t('addMember')}
        </button>
      </fieldset>
      {f.kind === 'conciliation' ? (
        <>
          <Area
            name="agreedPoints"
            label={t('field.agreedPoints')}
            errors={errors}
            value={f.agreedPoints}
            set={(agreedPoints) => set({ agreedPoints })}
          />
          <Area
            name="openPoints"
            label={t('field.openPoints')}
            errors={errors}
            value={f.openPoints}
            set={(openPoints) => set({ openPoints })}
            rows={2}
          />
          <fieldset>
            <legend>{t('partyMarks')}</legend>
            {errors?.fields.marks && (
              <p class="error" role="alert">
                {errors.fields.marks}
              </p>
            )}
            {parties.map((p, i) => (
              <div class="subform" data-party-mark={i}>
                <Choice
                  name={`party-mark-${i}`}
                  label={`${p.name} (${t(`role.${p.role}` as LandKey)})`}
                  value={f.marks[i]?.kind ?? ''}
                  options={['', 'signature', 'thumbprint', 'represented'] as const}
                  text={(k) => t(`mark.${k}` as LandKey)}
                  set={(kind) => setMark(i, { kind })}
                />
                {f.marks[i]?.kind === 'represented' && (
                  <Input
                    name={`party-represented-${i}`}
                    label={t('field.representedBy')}
                    value={f.marks[i].representedBy}
                    set={(representedBy) => setMark(i, { representedBy })}
                  />
                )}
                {err(markField[i]) && (
                  <p class="error" role="alert">
                    {err(markField[i])}
                  </p>
                )}
              </div>
            ))}
            {unmarked.length > 0 && (
              <p class="muted">{t('markNeeded', { names: unmarked.map((p) => p.name).join(', ') })}</p>
            )}
          </fieldset>
        </>
      ) : (
        <>
          <Area
            name="stepsTried"
            label={t('field.stepsTried')}
            errors={errors}
            value={f.stepsTried}
            set={(stepsTried) => set({ stepsTried })}
          />
          <Area
            name="failureReason"
            label={t('field.failureReason')}
            errors={errors}
            value={f.failureReason}
            set={(failureReason) => set({ failureReason })}
          />
        </>
      )}
      {replacing && (
        <Area
          name="correctionReason"
          label={t('field.correctionReason')}
          errors={errors}
          value={f.correctionReason}
          set={(correctionReason) => set({ correctionReason })}
          rows={2}
        />
      )}
    </Form>
  );
}

/** The conciliation PV sent to the CoFo's tribunal for homologation. */
export function HomologationCommand(props: CommandFormProps<HomologationRequestBody>) {
  const [requestedOn, setOn] = useState(props.initial?.requestedOn ?? today());
  const { t, errors, busy, run } = useCommand(props, () => ['requestedOn']);
  return (
    <Form
      testid="homologation-form"
      errors={errors}
      busy={busy}
      onSubmit={() => void run({ version: props.version, requestedOn }, requestedOn ? [] : ['requestedOn'])}
    >
      <p class="muted">{t('homologationAsk')}</p>
      <Input
        name="requestedOn"
        label={t('field.requestedOn')}
        type="date"
        errors={errors}
        value={requestedOn}
        set={setOn}
      />
    </Form>
  );
}

/** The tribunal's decision: homologated (number, date) or rejected (reason). */
export function DecisionCommand(props: CommandFormProps<DecisionBody>) {
  const [f, setF] = useState<DecisionForm>(() =>
    props.initial
      ? decisionFormOf(props.initial)
      : { decision: 'homologated', decisionNumber: '', decisionDate: today(), rejectionReason: '' },
  );
  const { t, errors, busy, run } = useCommand(props, () => [
    'decision',
    'decisionNumber',
    'decisionDate',
    'rejectionReason',
  ]);
  const set = (patch: Partial<DecisionForm>) => setF({ ...f, ...patch });
  const body = decisionBody(f, props.version);
  const missing = [
    ...(f.decisionDate ? [] : ['decisionDate']),
    ...(f.decision === 'homologated' && !body.decisionNumber ? ['decisionNumber'] : []),
    ...(f.decision === 'rejected' && !body.rejectionReason ? ['rejectionReason'] : []),
  ];
  return (
    <Form testid="decision-form" errors={errors} busy={busy} onSubmit={() => void run(body, missing)}>
      <Choice
        name="decision"
        label={t('field.decision')}
        errors={errors}
        value={f.decision}
        options={['homologated', 'rejected'] as const}
        text={(d) => t(`decision.${d}`)}
        set={(decision) => set({ decision })}
      />
      {f.decision === 'homologated' ? (
        <Input
          name="decisionNumber"
          label={t('field.decisionNumber')}
          errors={errors}
          value={f.decisionNumber}
          set={(decisionNumber) => set({ decisionNumber })}
        />
      ) : (
        <Area
          name="rejectionReason"
          label={t('field.rejectionReason')}
          errors={errors}
          value={f.rejectionReason}
          set={(rejectionReason) => set({ rejectionReason })}
        />
      )}
      <Input
        name="decisionDate"
        label={t('field.decisionDate')}
        type="date"
        errors={errors}
        value={f.decisionDate}
        set={(decisionDate) => set({ decisionDate })}
      />
    </Form>
  );
}

/** A non-conciliation taken to the tribunal: the court and the date. */
export function ReferralCommand(props: CommandFormProps<ReferralBody>) {
  const [court, setCourt] = useState(props.initial?.court ?? '');
  const [referredOn, setOn] = useState(props.initial?.referredOn ?? today());
  const { t, errors, busy, run } = useCommand(props, () => ['court', 'referredOn']);
  const missing = [...(court.trim() ? [] : ['court']), ...(referredOn ? [] : ['referredOn'])];
  return (
    <Form
      testid="referral-form"
      errors={errors}
      busy={busy}
      onSubmit={() => void run({ version: props.version, court: court.trim(), referredOn }, missing)}
    >
      <Input name="court" label={t('field.court')} errors={errors} value={court} set={setCourt} />
      <Input
        name="referredOn"
        label={t('field.referredOn')}
        type="date"
        errors={errors}
        value={referredOn}
        set={setOn}
      />
    </Form>
  );
}
