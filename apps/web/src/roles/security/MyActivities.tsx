import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { useOnline, useOutbox } from '../../outbox/hooks';
import type { ScreenProps } from '../types';
import { type SecurityKey, m } from './messages';
import { RECORD_ACTIVITY_KIND } from './RecordActivity';

/** The period of an activity: one day, or from its first to its last day. */
export function period(
  t: (k: SecurityKey, p?: Record<string, string>) => string,
  a: { startOn: string; endOn: string },
) {
  return a.endOn && a.endOn !== a.startOn
    ? t('period', { from: formatDate(a.startOn), to: formatDate(a.endOn) })
    : formatDate(a.startOn);
}

/**
 * The CCS secretary's activities (her CCS only: the gateway scopes it too), newest first as the API pages
 * them (by start day), 50 at a time.
 */
export function MyActivities({ user }: ScreenProps) {
  const t = useT(m);
  const ccs = user.scope.ccsId ?? '';
  const [items, setItems] = useState<Schemas['ActivityDto'][] | undefined>();
  const [next, setNext] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const waiting = useOutbox(RECORD_ACTIVITY_KIND);
  const online = useOnline();

  // Back to the first page when a waiting activity leaves the outbox or the network returns.
  useEffect(() => setCursor(undefined), [waiting.length, online]);
  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .GET('/api/v1/ccs-activities', {
        params: { query: { ccsCode: ccs || undefined, limit: 50, cursor } },
      })
      .then(({ data, error: e, response }) => {
        if (!live) return;
        if (data) {
          setItems((old) => (cursor && old ? [...old, ...data.items] : data.items));
          setNext(data.nextCursor);
        } else setError(isApiErrorBody(e) ? e.message : `HTTP ${response.status}`);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [ccs, waiting.length, online, cursor]);

  return (
    <main>
      <h1>{t('activitiesOf', { ccs })}</h1>
      <div class="actions">
        <a href="#/security/activities/new" class="button-link">
          {t('newActivity')}
        </a>
      </div>
      {waiting.length > 0 && (
        <ul class="list" data-testid="waiting-activities">
          {waiting.map((w) => (
            <li data-status={w.status}>
              <strong>{w.label}</strong>
              <span class="waiting-tag">
                {w.status === 'waiting' ? t('waiting') : (w.error?.message ?? '')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="error" role="alert">
          {online ? t('loadFailed', { reason: error }) : t('offlineList')}
        </p>
      )}
      {!items && !error && <p>{t('loading')}</p>}
      {items?.length === 0 && <p>{t('noActivity')}</p>}
      <ul class="list" data-testid="activities">
        {(items ?? []).map((a) => (
          <li key={a.id} data-id={a.id}>
            <a class="row-link" href={`#/security/activities/${a.id}`}>
              <strong>{a.theme}</strong>
              <span>
                {a.type === 'other' && a.typeLabel ? a.typeLabel : t(`type.${a.type}` as SecurityKey)} ·{' '}
                {period(t, a)}
              </span>
              <span class="muted">
                {t('participantsLine', {
                  total: formatNumber(a.participants.total),
                  women: formatNumber(a.participants.women),
                  youth: formatNumber(a.participants.youth),
                  fds: formatNumber(a.participants.fds),
                })}{' '}
                · {a.placeCode}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {next && (
        <button type="button" class="secondary" data-testid="more" onClick={() => setCursor(next)}>
          {t('more')}
        </button>
      )}
    </main>
  );
}
