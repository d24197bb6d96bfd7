import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatFcfa } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { useOnline, useOutbox } from '../../outbox/hooks';
import { hashQuery, usePath } from '../../router';
import type { ScreenProps } from '../types';
import { type ActionSummary, loadActions } from './load';
import { m } from './messages';
import { sortActions } from './rules';
import { PROPOSE_KIND, RESUBMIT_KIND } from './UpdateForm';

/** The focal point's actions (her structure's: the gateway scopes them by her token), late ones first. */
export function MyActions({ user }: ScreenProps) {
  const t = useT(m);
  const online = useOnline();
  // Her proposals and resubmissions kept on the phone (no network, or refused when the outbox sent them).
  const waiting = useOutbox().filter((i) => i.kind === PROPOSE_KIND || i.kind === RESUBMIT_KIND);
  const [actions, setActions] = useState<ActionSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const structure = user.scope.structureId ?? '';
  const queued = hashQuery(usePath()).get('queued') === '1';

  useEffect(() => {
    let live = true;
    setError(undefined);
    loadActions()
      .then((a) => live && setActions(a))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [online, waiting.length]);

  return (
    <main>
      <h1>{t('actionsOf', { structure })}</h1>
      {queued && waiting.some((w) => w.status === 'waiting') && <p class="notice">{t('queued')}</p>}
      {waiting.length > 0 && (
        <ul class="list" data-testid="waiting-updates">
          {waiting.map((w) => (
            <li data-status={w.status} data-kind={w.kind}>
              <strong>{w.label}</strong>
              <span class="waiting-tag">
                {w.status === 'waiting' ? t('waitingUpdate') : (w.error?.message ?? '')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {online ? t('loadFailed', { reason: error }) : t('offline')}
        </p>
      )}
      {!actions && !error && <p>{t('loading')}</p>}
      {actions?.length === 0 && <p>{t('noActions')}</p>}
      <ul class="list" data-testid="actions">
        {sortActions(actions ?? []).map((a) => (
          <li data-code={a.code} data-late={String(a.late)}>
            <a href={`#/anticorruption/actions/${encodeURIComponent(a.code)}`}>
              <strong>{a.code}</strong>
            </a>
            {a.late && <span class="overdue">{t('late')}</span>}
            <span>{a.title}</span>
            <span class="muted">
              {a.status} · {t('progress', { n: a.progress })} · {t('endsOn', { date: formatDate(a.endOn) })}
            </span>
            <span class="muted">
              {t('budget', { spent: formatFcfa(a.budgetSpent), planned: formatFcfa(a.budgetPlanned) })}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
