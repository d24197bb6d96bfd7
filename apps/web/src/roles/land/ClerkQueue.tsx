import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { hashQuery, navigate, usePath } from '../../router';
import type { ScreenProps } from '../types';
import { oldestFirst } from './cases';
import { m } from './messages';

type Status = 'pending' | 'overdue' | 'decided';
const STATUSES: readonly Status[] = ['pending', 'overdue', 'decided'];

/** The tribunal clerk's PVs sent for homologation (her tribunal: the gateway scopes it), oldest first. */
export function ClerkQueue(_props: ScreenProps) {
  const t = useT(m);
  const path = usePath();
  const status = (hashQuery(path).get('status') ?? 'pending') as Status;
  const [items, setItems] = useState<Schemas['HomologationQueueItemDto'][] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    setItems(undefined);
    setError(undefined);
    api
      .GET('/api/v1/homologations', { params: { query: { status, limit: 100 } } })
      .then(({ data, error: e, response }) => {
        if (!live) return;
        if (data) setItems(oldestFirst(data.items));
        else setError(isApiErrorBody(e) ? e.message : `HTTP ${response.status}`);
      })
      .catch((e: unknown) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [status]);
  return (
    <main>
      <h1>{t('clerkQueue')}</h1>
      <div class="tabs" role="tablist">
        {STATUSES.map((s) => (
          <button
            type="button"
            role="tab"
            aria-selected={s === status}
            class={s === status ? 'on' : 'secondary'}
            onClick={() => navigate(`/land/homologations?status=${s}`)}
          >
            {t(`queue.${s}`)}
          </button>
        ))}
      </div>
      {error && <p class="error">{t('loadFailed', { reason: error })}</p>}
      {!items && !error && <p>{t('loading')}</p>}
      {items?.length === 0 && <p>{t('emptyQueue')}</p>}
      <ul class="list" data-testid="homologations">
        {items?.map((i) => (
          <li data-case={i.caseId} data-number={i.caseNumber}>
            <a href={`#/land/cases/${i.caseId}`} class="case-link">
              <strong>
                {i.caseNumber} {i.overdue && <span class="overdue">· {t('overdue')}</span>}
              </strong>
              <span class="muted">{t('fromCofo', { cofo: i.cofoCode, n: i.pvVersion })}</span>
              <span class="muted">
                {i.decision
                  ? t('decidedOn', { date: formatDate(i.decisionDate) })
                  : t('requestedOn', { date: formatDate(i.requestedOn), days: i.waitingDays })}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
