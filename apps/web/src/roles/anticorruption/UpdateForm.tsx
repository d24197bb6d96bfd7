import { useEffect, useState } from 'preact/hooks';
import type { Schemas } from '../../api/client';
import { type FormErrors, toFormErrors } from '../../api/errors';
import { formatFcfa, formatNumber, today } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { discard } from '../../outbox/outbox';
import { submitTo } from '../../outbox/typed';
import { navigate } from '../../router';
import { Field, FormError, fieldId } from '../../ui/Field';
import type { ScreenProps } from '../types';
import { type Action, loadAction, LoadError, type Update } from './load';
import { m } from './messages';
import { ACTION_STATUSES, parseFcfa, periodLabel, reportablePeriods } from './rules';

/** Outbox kinds: the actions list shows the waiting proposals, the action screen its resubmissions. */
export const PROPOSE_KIND = 'anticorruption.update.propose';
export const RESUBMIT_KIND = 'anticorruption.update.resubmit';

type Values = Schemas['ProposeUpdateBody'];

/** The update's indicator values (none before a first update). */
function indicatorValuesOf(u: Update | undefined): { indicatorId: string; value: number }[] {
  return u?.indicatorValues ?? [];
}

const BASE_FIELDS = ['period', 'status', 'progress', 'budgetSpent', 'comment'];

/**
 * A focal point's update of one action for one quarter: proposed (`/propose`), or, once returned by the
 * committee, answered and resubmitted (`/updates/:updateId/resubmit`, the returned values filled in).
 * Written through the outbox, so it is kept on the phone with no network and sent once.
 */
export function UpdateForm({ params }: ScreenProps) {
  const t = useT(m);
  const code = params.code;
  const updateId = params.updateId as string | undefined;
  const [action, setAction] = useState<Action | undefined>();
  const [loadError, setLoadError] = useState<LoadError | undefined>();
  const [v, setV] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FormErrors | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    loadAction(code)
      .then((a) => {
        if (!live) return;
        setAction(a);
        const returned = updateId ? a.updates.find((u) => u.id === updateId) : undefined;
        const periods = reportablePeriods(
          a.startOn,
          today(),
          a.updates.map((u) => u.period),
        );
        const init: Record<string, string> = returned
          ? {
              period: returned.period,
              status: returned.status,
              progress: String(returned.progress),
              budgetSpent: formatNumber(returned.budgetSpent, 0),
              comment: '',
            }
          : {
              period: periods[0] ?? '',
              status: a.status,
              progress: String(a.progress),
              budgetSpent: '',
              comment: '',
            };
        a.indicators.forEach((ind, i) => {
          const prev = indicatorValuesOf(returned).find((x) => x.indicatorId === ind.id);
          init[`indicatorValues[${i}].value`] = prev ? String(prev.value) : '';
        });
        setV(init);
      })
      .catch((e: unknown) => live && setLoadError(e instanceof LoadError ? e : new LoadError(String(e), 0)));
    return () => {
      live = false;
    };
  }, [code, updateId]);

  if (loadError) {
    return (
      <main data-testid="action-not-found">
        <h1>
          {loadError.status === 403 || loadError.status === 404
            ? t('notFound')
            : t('loadFailed', { reason: loadError.message })}
        </h1>
        <a href="#/anticorruption/actions">{t('backToActions')}</a>
      </main>
    );
  }
  if (!action) return <main>{t('loading')}</main>;

  const returned = updateId ? action.updates.find((u) => u.id === updateId) : undefined;
  const periods = updateId
    ? [returned?.period ?? '']
    : reportablePeriods(
        action.startOn,
        today(),
        action.updates.map((u) => u.period),
      );
  const indicatorFields = action.indicators.map((_, i) => `indicatorValues[${i}].value`);
  const FIELDS = [...BASE_FIELDS, ...indicatorFields];
  // A field being corrected loses its old message (the next sending says what is still wrong).
  const update = (name: string, value: string) => {
    setV({ ...v, [name]: value });
    if (errors?.fields[name]) {
      const fields = { ...errors.fields };
      delete fields[name];
      setErrors({ ...errors, fields });
    }
  };
  const set = (name: string) => (e: { currentTarget: { value: string } }) =>
    update(name, e.currentTarget.value);
  const fcfa = parseFcfa(v.budgetSpent ?? '');
  // The amount is shown grouped as she types (2 500 000); a decimal part stays as typed, refused below.
  const setAmount = (e: { currentTarget: { value: string } }) => {
    const text = e.currentTarget.value;
    const parsed = parseFcfa(text);
    update(
      'budgetSpent',
      parsed.ok && /^[\d\s\u00a0\u202f]+$/.test(text) ? formatNumber(parsed.value, 0) : text,
    );
  };

  function check(): Record<string, string> {
    const bad: Record<string, string> = {};
    if (!v.period) bad.period = t('required');
    const p = Number(v.progress);
    if (!/^\d{1,3}$/.test((v.progress ?? '').trim()) || p > 100) bad.progress = t('progressInvalid');
    if (!fcfa.ok)
      bad.budgetSpent =
        fcfa.reason === 'decimals'
          ? t('fcfaDecimals')
          : fcfa.reason === 'empty'
            ? t('required')
            : t('fcfaInvalid');
    if (!(v.comment ?? '').trim()) bad.comment = t('required');
    indicatorFields.forEach((f) => {
      const text = (v[f] ?? '').trim().replace(',', '.');
      if (text !== '' && !(Number(text) >= 0)) bad[f] = t('numberInvalid');
    });
    return bad;
  }

  async function onSubmit(e: Event) {
    e.preventDefault();
    const bad = check();
    if (Object.keys(bad).length > 0 || !fcfa.ok) {
      setErrors({ fields: bad });
      return;
    }
    const indicatorValues = action!.indicators
      .map((ind, i) => ({ indicatorId: ind.id, text: (v[`indicatorValues[${i}].value`] ?? '').trim() }))
      .filter((x) => x.text !== '')
      .map((x) => ({ indicatorId: x.indicatorId, value: Number(x.text.replace(',', '.')) }));
    const values: Omit<Values, 'period'> = {
      status: v.status as Values['status'],
      progress: Number(v.progress),
      budgetSpent: fcfa.value,
      comment: v.comment.trim(),
      ...(indicatorValues.length > 0 ? { indicatorValues } : {}),
    };
    setBusy(true);
    setErrors(undefined);
    try {
      const label = `${action!.code} · ${periodLabel(v.period)}`;
      const r = returned
        ? await submitTo('post', '/api/v1/updates/{updateId}/resubmission', {
            params: { updateId: returned.id },
            body: { ...values, version: returned.version },
            label,
            kind: RESUBMIT_KIND,
          })
        : await submitTo('post', '/api/v1/actions/{code}/updates', {
            params: { code: action!.code },
            body: { ...values, period: v.period },
            label,
            kind: PROPOSE_KIND,
          });
      if (r.status === 'refused') {
        setErrors(toFormErrors(r.error, t('refusedFix'), FIELDS));
        await discard(r.item.id);
        return;
      }
      setNotice(r.status === 'sent' ? t('sent') : t('queued'));
      // Sent: back to the action, which shows it. Kept on the phone: to her list, which shows it waiting
      // (the action itself cannot be read with no network).
      navigate(
        r.status === 'sent'
          ? `/anticorruption/actions/${encodeURIComponent(action!.code)}`
          : '/anticorruption/actions?queued=1',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main>
      <h1>{returned ? t('resubmit') : t('propose')}</h1>
      <p>
        <strong>{action.code}</strong> · {action.title}
      </p>
      {returned?.returnComment && (
        <p class="notice" data-testid="return-comment">
          {t('returnedWhy', { comment: returned.returnComment })}
        </p>
      )}
      {notice && <p class="notice">{notice}</p>}
      {periods.length === 0 || (updateId && !returned) ? (
        <p>{t('noPeriod')}</p>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="update-form">
          <FormError errors={errors} />
          <Field label={t('field.period')} name="period" errors={errors}>
            <select
              id={fieldId('period')}
              name="period"
              value={v.period}
              onChange={set('period')}
              disabled={!!returned}
            >
              {periods.map((p) => (
                <option value={p}>{periodLabel(p)}</option>
              ))}
            </select>
          </Field>
          <Field label={t('field.status')} name="status" errors={errors}>
            <select id={fieldId('status')} name="status" value={v.status} onChange={set('status')}>
              {ACTION_STATUSES.map((s) => (
                <option value={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field label={t('field.progress')} name="progress" errors={errors}>
            <input
              id={fieldId('progress')}
              name="progress"
              type="text"
              inputMode="numeric"
              value={v.progress ?? ''}
              onInput={set('progress')}
            />
          </Field>
          {action.indicators.map((ind, i) => {
            const name = `indicatorValues[${i}].value`;
            return (
              <Field
                label={t('field.indicator', { label: ind.label, unit: ind.unit })}
                name={name}
                errors={errors}
              >
                <input
                  id={fieldId(name)}
                  name={name}
                  type="text"
                  inputMode="decimal"
                  value={v[name] ?? ''}
                  onInput={set(name)}
                />
              </Field>
            );
          })}
          <Field label={t('field.budgetSpent')} name="budgetSpent" errors={errors}>
            <input
              id={fieldId('budgetSpent')}
              name="budgetSpent"
              type="text"
              inputMode="numeric"
              value={v.budgetSpent ?? ''}
              onInput={setAmount}
            />
            <span class={fcfa.ok || fcfa.reason === 'empty' ? 'muted' : 'error'} data-testid="fcfa-preview">
              {fcfa.ok
                ? t('fcfaPreview', { amount: formatFcfa(fcfa.value) })
                : fcfa.reason === 'decimals'
                  ? t('fcfaDecimals')
                  : fcfa.reason === 'empty'
                    ? ''
                    : t('fcfaInvalid')}
            </span>
          </Field>
          <Field label={returned ? t('field.answer') : t('field.comment')} name="comment" errors={errors}>
            <textarea
              id={fieldId('comment')}
              name="comment"
              rows={3}
              value={v.comment ?? ''}
              onInput={set('comment')}
            />
          </Field>
          <button type="submit" disabled={busy}>
            {busy ? t('submitting') : t('submit')}
          </button>
        </form>
      )}
    </main>
  );
}
