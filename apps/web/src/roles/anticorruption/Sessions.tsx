import { useEffect, useState } from 'preact/hooks';
import { isApiErrorBody } from '../../api/errors';
import { hasAnyRole } from '../../auth/claims';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { discard } from '../../outbox/outbox';
import { useOnline } from '../../outbox/hooks';
import { submitTo } from '../../outbox/typed';
import type { ScreenProps } from '../types';
import { loadSessions, type Session } from './load';
import { m } from './messages';
import { periodLabel } from './rules';

export const CLOSE_KIND = 'anticorruption.session.close';

/**
 * The committee's sessions, open ones first: the comité de pilotage closes one after a confirmation (its
 * report is then frozen), and everyone who may read reports opens the frozen report of a closed one.
 */
export function Sessions({ user }: ScreenProps) {
  const t = useT(m);
  const online = useOnline();
  const canClose = hasAnyRole(user, ['steering-committee']);
  const [sessions, setSessions] = useState<Session[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [confirm, setConfirm] = useState<string | undefined>();
  const [stepError, setStepError] = useState<Record<string, string>>({});
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    setError(undefined);
    loadSessions()
      .then(
        (s) =>
          live &&
          setSessions(
            s.sort(
              (a, b) =>
                Number(a.state === 'closed') - Number(b.state === 'closed') ||
                b.heldOn.localeCompare(a.heldOn),
            ),
          ),
      )
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [online, round]);

  async function close(s: Session) {
    setConfirm(undefined);
    const r = await submitTo('post', '/api/v1/sessions/{sessionId}/closure', {
      params: { sessionId: s.id },
      body: { version: s.version },
      label: s.title,
      kind: CLOSE_KIND,
    });
    if (r.status === 'refused') {
      await discard(r.item.id);
      setStepError({ ...stepError, [s.id]: isApiErrorBody(r.error) ? r.error.message : t('stepRefused') });
      return;
    }
    setRound((n) => n + 1);
  }

  return (
    <main>
      <h1>{t('sessionsTitle')}</h1>
      {error && (
        <p class="error" role="alert">
          {online ? t('loadFailed', { reason: error }) : t('offline')}
        </p>
      )}
      {!sessions && !error && <p>{t('loading')}</p>}
      {sessions?.length === 0 && <p>{t('noSessions')}</p>}
      <ul class="list" data-testid="sessions">
        {(sessions ?? []).map((s) => (
          <li data-session={s.id} data-state={s.state} data-title={s.title}>
            <strong>{s.title}</strong>
            <span class="muted">
              {t('sessionLine', {
                date: formatDate(s.heldOn),
                from: periodLabel(s.periodFrom),
                to: periodLabel(s.periodTo),
              })}
            </span>
            <span class={s.state === 'open' ? 'ac-state' : 'muted'}>
              {s.state === 'open' ? t('session.open') : t('session.closed', { date: formatDate(s.closedAt) })}
            </span>
            {stepError[s.id] && (
              <p class="error" role="alert">
                {stepError[s.id]}
              </p>
            )}
            <div class="actions">
              {s.state === 'open' && canClose && confirm !== s.id && (
                <button type="button" data-testid="close-session" onClick={() => setConfirm(s.id)}>
                  {t('closeSession')}
                </button>
              )}
              {s.state === 'closed' && (
                <a
                  class="ac-link"
                  href={`#/anticorruption/sessions/${s.id}/report`}
                  data-testid="read-report"
                >
                  {t('readReport')}
                </a>
              )}
            </div>
            {confirm === s.id && (
              <div class="notice" role="alertdialog" data-testid="confirm-close">
                <p>{t('confirmClose', { title: s.title })}</p>
                <div class="actions">
                  <button type="button" data-testid="confirm-yes" onClick={() => void close(s)}>
                    {t('confirmYes')}
                  </button>
                  <button type="button" class="secondary" onClick={() => setConfirm(undefined)}>
                    {t('cancel')}
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
    </main>
  );
}
