import { useEffect, useState } from 'preact/hooks';
import { hasAnyRole } from '../../auth/claims';
import { formatDate, formatFcfa, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { useOnline, useOutbox } from '../../outbox/hooks';
import type { ScreenProps } from '../types';
import { Evidence } from './Evidence';
import { type Action, loadAction, LoadError } from './load';
import { type AcKey, m } from './messages';
import { canAddEvidence, canResubmit, periodLabel } from './rules';
import { RESUBMIT_KIND } from './UpdateForm';

/**
 * One action of the focal point's structure: its indicators, its updates (what was returned and why, to
 * answer and resubmit; their evidence) and the history of every step. Another structure's action, or one
 * that does not exist, shows the same "not found or not yours" screen, with none of its data.
 */
export function ActionScreen({ params, user }: ScreenProps) {
  const t = useT(m);
  const online = useOnline();
  const waiting = useOutbox(RESUBMIT_KIND);
  const code = params.code;
  // The Secrétariat and the committee read it from their queues; only the focal point writes.
  const focal = hasAnyRole(user, ['focal-point']);
  const [action, setAction] = useState<Action | undefined>();
  const [error, setError] = useState<LoadError | undefined>();

  useEffect(() => {
    let live = true;
    setError(undefined);
    loadAction(code)
      .then((a) => live && setAction(a))
      .catch((e: unknown) => live && setError(e instanceof LoadError ? e : new LoadError(String(e), 0)));
    return () => {
      live = false;
    };
  }, [code, online, waiting.length]);

  if (error && (error.status === 403 || error.status === 404)) {
    return (
      <main data-testid="action-not-found">
        <h1>{t('notFound')}</h1>
        <p>{t('notFoundHelp')}</p>
        <a href="#/anticorruption/actions">{t('backToActions')}</a>
      </main>
    );
  }
  if (error) {
    return (
      <main>
        <p class="error" role="alert">
          {online ? t('loadFailed', { reason: error.message }) : t('offline')}
        </p>
      </main>
    );
  }
  if (!action || action.code !== code) return <main>{t('loading')}</main>;

  const updates = [...action.updates].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <main data-testid="action" data-code={action.code}>
      <h1>
        {action.code} {action.late && <span class="overdue">· {t('late')}</span>}
      </h1>
      <p>{action.title}</p>
      <p class="muted">
        {t('objectives', {
          os: action.specificObjective,
          oo: action.operationalObjective,
          r: action.result,
        })}
      </p>
      <p class="muted">{t('period', { from: formatDate(action.startOn), to: formatDate(action.endOn) })}</p>
      <p data-testid="action-status">{t('validatedStatus', { status: action.status, n: action.progress })}</p>
      <p class="muted" data-testid="action-budget">
        {t('budget', { spent: formatFcfa(action.budgetSpent), planned: formatFcfa(action.budgetPlanned) })}
      </p>
      {focal &&
        updates
          .filter((u) => canResubmit(u.state))
          .map((u) => (
            <p class="notice" data-testid="returned-banner">
              <strong>{periodLabel(u.period)}</strong> ·{' '}
              {t('returnedWhy', { comment: u.returnComment ?? '' })}{' '}
              <a
                href={`#/anticorruption/actions/${encodeURIComponent(action.code)}/updates/${u.id}/resubmit`}
              >
                {t('resubmit')}
              </a>
            </p>
          ))}
      {focal && (
        <a class="ac-link" href={`#/anticorruption/actions/${encodeURIComponent(action.code)}/propose`}>
          {t('propose')}
        </a>
      )}
      {waiting.length > 0 && (
        <ul class="list" data-testid="waiting-updates">
          {waiting.map((w) => (
            <li data-status={w.status}>
              <strong>{w.label}</strong>
              <span class="waiting-tag">
                {w.status === 'waiting' ? t('waitingUpdate') : (w.error?.message ?? '')}
              </span>
            </li>
          ))}
        </ul>
      )}

      <h2>{t('indicators')}</h2>
      {action.indicators.length === 0 && <p class="muted">{t('noIndicators')}</p>}
      <ul class="list">
        {action.indicators.map((i) => (
          <li>
            {t('indicatorLine', { label: i.label, unit: i.unit, baseline: formatNumber(i.baseline) })}
            {Object.keys(i.targets).length > 0 && (
              <span class="muted">
                {Object.entries(i.targets)
                  .map(([y, v]) => `${y} : ${formatNumber(v)}`)
                  .join(' · ')}
              </span>
            )}
          </li>
        ))}
      </ul>

      <h2>{t('updates')}</h2>
      {updates.length === 0 && <p class="muted">{t('noUpdates')}</p>}
      <ul class="list" data-testid="updates">
        {updates.map((u) => (
          <li data-update={u.id} data-state={u.state} data-period={u.period}>
            <strong>
              {periodLabel(u.period)} · <span class="ac-state">{t(`state.${u.state}` as AcKey)}</span>
            </strong>
            <span>
              {u.status} · {u.progress} % · {formatFcfa(u.budgetSpent)}
            </span>
            <span class="muted">{u.comment}</span>
            {u.consolidationComment && (
              <span class="muted">{t('consolidationNote', { comment: u.consolidationComment })}</span>
            )}
            {u.returnComment && u.state === 'returned' && (
              <p class="notice" data-testid="return-comment">
                {t('returnedWhy', { comment: u.returnComment })}
              </p>
            )}
            {focal && canResubmit(u.state) && (
              <a
                class="ac-link"
                data-testid="resubmit"
                href={`#/anticorruption/actions/${encodeURIComponent(action.code)}/updates/${u.id}/resubmit`}
              >
                {t('resubmit')}
              </a>
            )}
            <Evidence updateId={u.id} canAdd={focal && canAddEvidence(u.state)} />
          </li>
        ))}
      </ul>

      <h2>{t('history')}</h2>
      {action.history.length === 0 && <p class="muted">{t('noHistory')}</p>}
      <ol class="list" data-testid="history">
        {action.history.map((h) => {
          const key = `history.${h.action}` as AcKey;
          return (
            <li data-action={h.action}>
              <strong>{key in m.fr ? t(key) : h.action}</strong>
              <span class="muted">{t('historyBy', { date: formatDate(h.at), who: h.actor })}</span>
              {h.reason && <span>« {h.reason} »</span>}
            </li>
          );
        })}
      </ol>
    </main>
  );
}
