import { useEffect, useState } from 'preact/hooks';
import { type FormErrors, toFormErrors } from '../../api/errors';
import { hasAnyRole } from '../../auth/claims';
import { formatDate, formatFcfa } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { discard } from '../../outbox/outbox';
import { useOnline } from '../../outbox/hooks';
import { submitTo } from '../../outbox/typed';
import { Field, FormError, fieldId } from '../../ui/Field';
import type { ScreenProps } from '../types';
import { Evidence } from './Evidence';
import { loadUpdates, type Update } from './load';
import { type AcKey, m } from './messages';
import { COMMITTEE_STATES, periodLabel, SECRETARIAT_STATES } from './rules';

export const STEP_KIND = 'anticorruption.update.step';
export const SECRETARIAT = ['snlcc-secretariat'] as const;
export const COMMITTEE = ['steering-committee'] as const;

/**
 * The updates waiting for this person's step: the Secrétariat permanent consolidates the proposed and
 * resubmitted ones; the comité de pilotage validates the consolidated ones or returns them with a reason.
 */
export function Queue({ user }: ScreenProps) {
  const t = useT(m);
  const online = useOnline();
  const committee = hasAnyRole(user, COMMITTEE);
  const states = committee ? COMMITTEE_STATES : SECRETARIAT_STATES;
  const [updates, setUpdates] = useState<Update[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [round, setRound] = useState(0);
  const [done, setDone] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    setError(undefined);
    loadUpdates(states)
      .then((u) => live && setUpdates(u.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [committee, online, round]);

  return (
    <main>
      <h1>{committee ? t('queueOfCommittee') : t('queueOfSecretariat')}</h1>
      {done && (
        <p class="notice" data-testid="step-done">
          {done}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {online ? t('loadFailed', { reason: error }) : t('offline')}
        </p>
      )}
      {!updates && !error && <p>{t('loading')}</p>}
      {updates?.length === 0 && <p>{t('noWaiting')}</p>}
      <ul class="list" data-testid="queue">
        {(updates ?? []).map((u) => (
          <UpdateItem
            key={u.id}
            update={u}
            committee={committee}
            onDone={(what) => {
              setDone(t('done', { what: `${u.actionCode} ${periodLabel(u.period)} : ${what}` }));
              setRound((r) => r + 1);
            }}
          />
        ))}
      </ul>
    </main>
  );
}

function UpdateItem(props: { update: Update; committee: boolean; onDone: (what: string) => void }) {
  const t = useT(m);
  const u = props.update;
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormErrors | undefined>();
  const [busy, setBusy] = useState(false);
  const name = `comment-${u.id}`;

  async function step(kind: 'consolidation' | 'validation' | 'return') {
    setErrors(undefined);
    const text = comment.trim();
    if (kind === 'return' && !text) {
      setErrors({ fields: { comment: t('returnRequired') } });
      return;
    }
    setBusy(true);
    try {
      const label = `${u.actionCode} · ${periodLabel(u.period)}`;
      const params = { updateId: u.id };
      const r =
        kind === 'consolidation'
          ? await submitTo('post', '/api/v1/updates/{updateId}/consolidation', {
              params,
              body: { version: u.version, ...(text ? { comment: text } : {}) },
              label,
              kind: STEP_KIND,
            })
          : kind === 'validation'
            ? await submitTo('post', '/api/v1/updates/{updateId}/validation', {
                params,
                body: { version: u.version },
                label,
                kind: STEP_KIND,
              })
            : await submitTo('post', '/api/v1/updates/{updateId}/return', {
                params,
                body: { version: u.version, comment: text },
                label,
                kind: STEP_KIND,
              });
      if (r.status === 'refused') {
        setErrors(toFormErrors(r.error, t('stepRefused'), ['comment']));
        await discard(r.item.id);
        return;
      }
      props.onDone(
        kind === 'consolidation' ? t('consolidate') : kind === 'validation' ? t('validate') : t('return'),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <li data-update={u.id} data-action={u.actionCode} data-state={u.state}>
      <strong>
        <a href={`#/anticorruption/actions/${encodeURIComponent(u.actionCode)}`}>{u.actionCode}</a>
      </strong>
      <span class="muted">
        {t('structureLine', {
          structure: u.structureCode,
          period: periodLabel(u.period),
          state: t(`state.${u.state}` as AcKey),
        })}{' '}
        · {formatDate(u.updatedAt)}
      </span>
      <span>
        {u.status} · {u.progress} % · {formatFcfa(u.budgetSpent)}
      </span>
      <span class="muted">{t('focalComment', { comment: u.comment })}</span>
      {u.returnComment && <span class="muted">{t('returnedWhy', { comment: u.returnComment })}</span>}
      <Evidence updateId={u.id} canAdd={false} />
      <form onSubmit={(e) => e.preventDefault()} noValidate data-testid="step-form">
        <FormError errors={errors} />
        <Field
          label={props.committee ? t('returnComment') : t('consolidationComment')}
          name="comment"
          errors={errors}
        >
          <textarea
            id={fieldId(name)}
            name="comment"
            rows={2}
            required={props.committee}
            value={comment}
            onInput={(e) => {
              setComment(e.currentTarget.value);
              setErrors(undefined);
            }}
          />
        </Field>
        <div class="actions">
          {props.committee ? (
            <>
              <button
                type="button"
                data-testid="validate"
                disabled={busy}
                onClick={() => void step('validation')}
              >
                {t('validate')}
              </button>
              <button
                type="button"
                class="secondary"
                data-testid="return"
                disabled={busy}
                onClick={() => void step('return')}
              >
                {t('return')}
              </button>
            </>
          ) : (
            <button
              type="button"
              data-testid="consolidate"
              disabled={busy}
              onClick={() => void step('consolidation')}
            >
              {t('consolidate')}
            </button>
          )}
        </div>
      </form>
    </li>
  );
}
