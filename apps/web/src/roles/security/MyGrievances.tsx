import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { useOnline, useOutbox } from '../../outbox/hooks';
import { hashQuery, navigate, usePath } from '../../router';
import type { ScreenProps } from '../types';
import { type SecurityKey, m } from './messages';
import { RECORD_GRIEVANCE_KIND } from './ReceiveGrievance';
import { sortGrievances } from './rules';

/**
 * The CCS secretary's grievances (her CCS only), overdue ones first with the days they have been open.
 * Never the complainant's identity: the list's answer does not carry it.
 */
export function MyGrievances({ user }: ScreenProps) {
  const t = useT(m);
  const path = usePath();
  const query = hashQuery(path);
  const overdueOnly = query.get('overdue') === 'true';
  const queued = query.get('queued') === '1';
  const ccs = user.scope.ccsId ?? '';
  const [items, setItems] = useState<Schemas['GrievanceDto'][] | undefined>();
  const [error, setError] = useState<string | undefined>();
  /** The next page of the newest ones (the overdue ones all come with the first). */
  const [next, setNext] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const waiting = useOutbox(RECORD_GRIEVANCE_KIND);
  const online = useOnline();

  useEffect(() => {
    let live = true;
    setItems(undefined);
    setError(undefined);
    const empty = { items: [] as Schemas['GrievanceDto'][], nextCursor: null };
    // The overdue ones are asked for on their own, so an old one is never beyond the newest page.
    Promise.all([grievancePage(ccs, true), overdueOnly ? Promise.resolve(empty) : grievancePage(ccs, false)])
      .then(([late, recent]) => {
        if (!live) return;
        const seen = new Set(late.items.map((g) => g.id));
        setItems([...late.items, ...recent.items.filter((g) => !seen.has(g.id))]);
        setNext(recent.nextCursor);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [ccs, overdueOnly, waiting.length, online]);

  async function showMore() {
    if (!next) return;
    setMore(true);
    try {
      const page = await grievancePage(ccs, false, next);
      setItems((old) => {
        const seen = new Set((old ?? []).map((g) => g.id));
        return [...(old ?? []), ...page.items.filter((g) => !seen.has(g.id))];
      });
      setNext(page.nextCursor);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setMore(false);
    }
  }

  return (
    <main>
      <h1>{t('grievancesOf', { ccs })}</h1>
      {queued && waiting.length > 0 && <p class="notice">{t('grievanceQueued')}</p>}
      <div class="row">
        <label class="check">
          <input
            type="checkbox"
            checked={overdueOnly}
            data-testid="overdue-only"
            onChange={(e) =>
              navigate(`/security/grievances${e.currentTarget.checked ? '?overdue=true' : ''}`)
            }
          />
          {t('overdueOnly')}
        </label>
        <a href="#/security/grievances/new" class="button-link">
          {t('newGrievance')}
        </a>
      </div>
      {waiting.length > 0 && (
        <ul class="list" data-testid="waiting-grievances">
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
      {items?.length === 0 && <p>{t('noGrievance')}</p>}
      <ul class="list" data-testid="grievances">
        {sortGrievances(items ?? []).map((g) => (
          <li data-id={g.id} data-state={g.state} data-overdue={String(g.overdue)}>
            <a class="row-link" href={`#/security/grievances/${g.id}`}>
              <strong>
                {t(`category.${g.category}` as SecurityKey)}
                {g.overdue && <span class="overdue"> · {t('overdue')}</span>}
              </strong>
              <span>{g.summary}</span>
              <span class="muted">
                <span class="state-tag">{t(`gstate.${g.state}` as SecurityKey)}</span> ·{' '}
                {t('receivedLine', {
                  date: formatDate(g.receivedOn),
                  channel: t(`channel.${g.channel}` as SecurityKey),
                })}{' '}
                · {t(g.state === 'closed' ? 'daysOpenClosed' : 'daysOpen', { days: g.daysOpen })}
              </span>
            </a>
          </li>
        ))}
      </ul>
      {next && (
        <button
          type="button"
          class="secondary"
          data-testid="more"
          disabled={more}
          onClick={() => void showMore()}
        >
          {t('more')}
        </button>
      )}
    </main>
  );
}

/** One page of her grievances (the overdue ones only, or all), newest first. */
async function grievancePage(
  ccs: string,
  overdue: boolean,
  cursor?: string,
): Promise<{ items: Schemas['GrievanceDto'][]; nextCursor: string | null }> {
  const { data, error, response } = await api.GET('/api/v1/grievances', {
    params: {
      query: { ccsCode: ccs || undefined, limit: 100, cursor, ...(overdue ? { overdue: true } : {}) },
    },
  });
  if (data) return data;
  throw new Error(isApiErrorBody(error) ? error.message : `HTTP ${response.status}`);
}
