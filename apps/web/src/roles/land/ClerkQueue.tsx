import { useEffect, useState } from 'preact/hooks';
import { api, type Schemas } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import type { ScreenProps } from '../types';
import { m } from './messages';

/** The tribunal clerk's PVs waiting for homologation (a starting point: the land engineer extends it). */
export function ClerkQueue(_props: ScreenProps) {
  const t = useT(m);
  const [items, setItems] = useState<Schemas['HomologationQueueItemDto'][] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    api
      .GET('/api/v1/homologations', { params: { query: { limit: 100 } } })
      .then(({ data, error: e, response }) => {
        if (data) setItems(data.items);
        else setError(isApiErrorBody(e) ? e.message : `HTTP ${response.status}`);
      })
      .catch((e: unknown) => setError(String(e)));
  }, []);
  return (
    <main>
      <h1>{t('clerkQueue')}</h1>
      {error && <p class="error">{t('loadFailed', { reason: error })}</p>}
      {!items && !error && <p>{t('loading')}</p>}
      {items?.length === 0 && <p>{t('empty')}</p>}
      <ul class="list" data-testid="homologations">
        {items?.map((i) => (
          <li>
            <strong>
              {i.caseNumber} {i.overdue && <span class="overdue">· {t('overdue')}</span>}
            </strong>
            <span class="muted">
              {t('requestedOn', { date: formatDate(i.requestedOn), days: i.waitingDays })}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
