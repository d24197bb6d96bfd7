import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { type FormErrors, isApiErrorBody, toFormErrors } from '../../api/errors';
import { formatDate, today } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { useOnline, useOutbox } from '../../outbox/hooks';
import { discard } from '../../outbox/outbox';
import { submitTo } from '../../outbox/typed';
import { Field, FormError, fieldId } from '../../ui/Field';
import type { ScreenProps } from '../types';
import { DateInput } from './DateInput';
import { History, usePlaceName } from './History';
import { type SecurityKey, m } from './messages';
import { apiDates, grievanceActions } from './rules';
import { allOf } from '../../api/enums';

type Detail = Schemas['GrievanceDetailDto'];
const SERVICES = allOf<Schemas['ReferGrievanceBody']['service']>()([
  'police',
  'gendarmerie',
  'garde-nationale',
  'justice',
  'mayor',
]);
const OUTCOMES = allOf<Schemas['CloseGrievanceBody']['outcome']>()([
  'resolved',
  'unfounded',
  'withdrawn',
  'sent-to-court',
  'unresolved',
]);
type Step = 'refer' | 'follow-up' | 'close';
const STEP_FIELDS: Record<Step, readonly string[]> = {
  refer: ['service', 'referredOn', 'note'],
  'follow-up': ['date', 'note'],
  close: ['closedOn', 'outcome', 'note'],
};

/** One grievance: its facts, the confidential identity (her CCS only), its path and the next step. */
export function GrievanceScreen({ params }: ScreenProps) {
  const t = useT(m);
  const id = params.grievanceId;
  const online = useOnline();
  // Its steps still in the outbox: shown, and no other step meanwhile (each names the version it read).
  const pending = useOutbox().filter((i) => i.path.startsWith(`/api/v1/grievances/${id}/`));
  const [g, setG] = useState<Detail | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [reload, setReload] = useState(0);
  const place = usePlaceName(g?.placeCode);

  useEffect(() => {
    let live = true;
    api
      .GET('/api/v1/grievances/{grievanceId}', { params: { path: { grievanceId: id } } })
      .then(({ data, error: e, response }) => {
        if (!live) return;
        if (data) {
          setG(data);
          setError(undefined);
        } else setError(isApiErrorBody(e) ? e.message : `HTTP ${response.status}`);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [id, reload, online, pending.length]);

  if (!g) {
    return (
      <main>
        <p>
          <a href="#/security/grievances">{t('back')}</a>
        </p>
        {error ? (
          <p class="error" role="alert">
            {online ? t('loadFailed', { reason: error }) : t('offlineRecord')}
          </p>
        ) : (
          <p>{t('loading')}</p>
        )}
      </main>
    );
  }
  const who = g.complainant;
  return (
    <main data-testid="grievance" data-id={g.id} data-state={g.state}>
      <p>
        <a href="#/security/grievances">{t('back')}</a>
      </p>
      <h1>
        {t('grievance')} : {t(`category.${g.category}` as SecurityKey)}
      </h1>
      <p>
        <span class="state-tag" data-testid="state">
          {t(`gstate.${g.state}` as SecurityKey)}
        </span>
        {g.overdue && <span class="overdue"> · {t('overdue')}</span>} ·{' '}
        {t(g.state === 'closed' ? 'daysOpenClosed' : 'daysOpen', { days: g.daysOpen })}
      </p>
      <p>
        {t('receivedLine', {
          date: formatDate(g.receivedOn),
          channel: t(`channel.${g.channel}` as SecurityKey),
        })}
      </p>
      <p>{t('place', { place: place ? `${place} (${g.placeCode})` : g.placeCode })}</p>
      <p>{g.summary}</p>
      <section class="confidential" data-testid="identity">
        <strong>{t('identity')}</strong>
        {who ? (
          <div>
            {who.name && <div>{who.name}</div>}
            {who.phone && <div>{who.phone}</div>}
            {who.note && <div class="muted">{who.note}</div>}
          </div>
        ) : (
          <div class="muted">{t('noIdentity')}</div>
        )}
      </section>
      {g.referral && (
        <p data-testid="referral">
          {t('referral', {
            service: t(`service.${g.referral.service}` as SecurityKey),
            date: formatDate(g.referral.referredOn),
          })}
        </p>
      )}
      {g.outcome && (
        <p data-testid="outcome">
          {t('closedWith', {
            date: formatDate(g.closedOn),
            outcome: t(`outcome.${g.outcome}` as SecurityKey),
          })}
        </p>
      )}
      {g.notes.length > 0 && (
        <section class="section">
          <h2>{t('notes')}</h2>
          <ul class="list" data-testid="notes">
            {g.notes.map((n) => (
              <li data-kind={n.kind}>
                <span class="muted">
                  {formatDate(n.date)} · {t(`note.${n.kind}` as SecurityKey)}
                </span>
                <span>{n.note}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {pending.length > 0 ? (
        <ul class="list section" data-testid="pending-steps">
          {pending.map((i) => (
            <li data-status={i.status}>
              <strong>{i.label}</strong>
              <span class="waiting-tag">
                {i.status === 'waiting' ? t('waiting') : (i.error?.message ?? '')}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        grievanceActions(g.state).map((step) => (
          <StepForm step={step} g={g} onDone={() => setReload((n) => n + 1)} />
        ))
      )}
      <History entries={g.history} />
    </main>
  );
}

/** One step of the grievance's path (refer, follow-up note, close), through the outbox. */
function StepForm(props: { step: Step; g: Detail; onDone: () => void }) {
  const t = useT(m);
  const { step, g } = props;
  const [open, setOpen] = useState(false);
  const [v, setV] = useState<Record<string, string>>({
    referredOn: formatDate(today()),
    date: formatDate(today()),
    closedOn: formatDate(today()),
    service: 'police',
    outcome: 'resolved',
  });
  const [errors, setErrors] = useState<FormErrors | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    setV({ ...v, [name]: e.currentTarget.value });
  const title = t(step === 'refer' ? 'refer' : step === 'follow-up' ? 'followUp' : 'close');

  async function onSubmit(e: Event) {
    e.preventDefault();
    const note = (v.note ?? '').trim();
    const dateName = step === 'refer' ? 'referredOn' : step === 'follow-up' ? 'date' : 'closedOn';
    const { dates, invalid } = apiDates({ [dateName]: v[dateName] });
    const day = dates[dateName] ?? '';
    if ((step === 'follow-up' && !note) || invalid.length > 0) {
      setErrors({
        fields: {
          ...(invalid.length > 0 ? { [`${step}.${dateName}`]: t('badDate') } : {}),
          ...(step === 'follow-up' && !note ? { [`${step}.note`]: t('required') } : {}),
        },
      });
      return;
    }
    const opt = note ? { note } : {};
    const label = `${title} (${t(`category.${g.category}` as SecurityKey)})`;
    const kind = `security.grievance.${step}`;
    const params = { grievanceId: g.id };
    setBusy(true);
    setErrors(undefined);
    try {
      const r =
        step === 'refer'
          ? await submitTo('post', '/api/v1/grievances/{grievanceId}/referral', {
              params,
              body: {
                version: g.version,
                service: v.service as Schemas['ReferGrievanceBody']['service'],
                referredOn: day,
                ...opt,
              },
              label,
              kind,
            })
          : step === 'follow-up'
            ? await submitTo('post', '/api/v1/grievances/{grievanceId}/follow-ups', {
                params,
                body: { version: g.version, date: day, note },
                label,
                kind,
              })
            : await submitTo('post', '/api/v1/grievances/{grievanceId}/closure', {
                params,
                body: {
                  version: g.version,
                  closedOn: day,
                  outcome: v.outcome as Schemas['CloseGrievanceBody']['outcome'],
                  ...opt,
                },
                label,
                kind,
              });
      if (r.status === 'sent') {
        setOpen(false);
        setV({ ...v, note: '' });
        props.onDone();
      } else if (r.status === 'waiting') setNotice(t('stepQueued'));
      else {
        // The server names its fields (`note`); this form's are under the step (`close.note`).
        const fe = toFormErrors(r.error, t('refusedFix'), STEP_FIELDS[step]);
        setErrors({
          ...fe,
          fields: Object.fromEntries(Object.entries(fe.fields).map(([k, msg]) => [`${step}.${k}`, msg])),
        });
        await discard(r.item.id);
      }
    } finally {
      setBusy(false);
    }
  }

  const fid = (name: string) => fieldId(`${step}.${name}`);
  const field = (name: string, label: SecurityKey, control: JSX.Element) => (
    <Field label={t(label)} name={`${step}.${name}`} errors={errors}>
      {control}
    </Field>
  );
  const date = (name: string) => (
    <DateInput
      name={name}
      idPrefix={step}
      value={v[name] ?? ''}
      onInput={(x) => setV((o) => ({ ...o, [name]: x }))}
    />
  );

  if (!open) {
    return (
      <div class="actions section">
        <button type="button" class="secondary" data-testid={`open-${step}`} onClick={() => setOpen(true)}>
          {title}
        </button>
        {notice && <p class="notice">{notice}</p>}
      </div>
    );
  }
  return (
    <form class="section" data-testid={`step-${step}`} noValidate onSubmit={(e) => void onSubmit(e)}>
      <h2>{title}</h2>
      <FormError errors={errors} />
      {step === 'refer' && (
        <>
          {field(
            'service',
            'field.service',
            <select id={fid('service')} name="service" value={v.service} onChange={set('service')}>
              {SERVICES.map((s) => (
                <option value={s}>{t(`service.${s}` as SecurityKey)}</option>
              ))}
            </select>,
          )}
          {field('referredOn', 'field.referredOn', date('referredOn'))}
        </>
      )}
      {step === 'follow-up' && field('date', 'field.date', date('date'))}
      {step === 'close' && (
        <>
          {field('closedOn', 'field.closedOn', date('closedOn'))}
          {field(
            'outcome',
            'field.outcome',
            <select id={fid('outcome')} name="outcome" value={v.outcome} onChange={set('outcome')}>
              {OUTCOMES.map((o) => (
                <option value={o}>{t(`outcome.${o}` as SecurityKey)}</option>
              ))}
            </select>,
          )}
        </>
      )}
      {field(
        'note',
        'field.note',
        <textarea id={fid('note')} name="note" rows={2} value={v.note ?? ''} onInput={set('note')} />,
      )}
      <div class="actions">
        <button type="submit" disabled={busy} data-testid={`submit-${step}`}>
          {busy ? t('submitting') : t('submit')}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
      {notice && <p class="notice">{notice}</p>}
    </form>
  );
}
