import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { isApiErrorBody } from '../../api/errors';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { useOnline, useOutbox } from '../../outbox/hooks';
import { hashQuery, navigate, usePath } from '../../router';
import type { ScreenProps } from '../types';
import { CASE_STATES, type CaseState, type CaseSummary, overdueCaseIds, sortCases } from './cases';
import { FILE_CASE_KIND } from './FileCase';
import { type LandKey, m } from './messages';

/** Her cases whose PV waits at the tribunal past the delay, by the API's flag, with the days waited. */
async function overdueWaiting(): Promise<Map<string, number>> {
  const late = new Map<string, number>();
  let cursor: string | undefined;
  // Every page (oldest first, 100 a page; ten pages is more than a CoFo ever has waiting).
  for (let page = 0; page < 10; page++) {
    const { data } = await api
      .GET('/api/v1/homologations', { params: { query: { status: 'overdue', limit: 100, cursor } } })
      .catch(() => ({ data: undefined }));
    if (!data) break;
    const ids = overdueCaseIds(data.items);
    for (const i of data.items) if (ids.has(i.caseId)) late.set(i.caseId, i.waitingDays);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return late;
}

/**
 * The CoFo secretary's cases (her CoFo only: the gateway scopes it too), by state, overdue first. Overdue
 * is the API's own flag: a PV at the tribunal past the configured delay (cases.ts).
 */
export function MyCases({ user }: ScreenProps) {
  const t = useT(m);
  const path = usePath();
  const state = (hashQuery(path).get('state') ?? '') as CaseState | '';
  const [cases, setCases] = useState<CaseSummary[] | undefined>();
  const [overdue, setOverdue] = useState<Map<string, number>>(new Map());
  const [error, setError] = useState<string | undefined>();
  const waiting = useOutbox(FILE_CASE_KIND);
  const online = useOnline();
  const cofo = user.scope.cofoId ?? '';

  useEffect(() => {
    let live = true;
    setCases(undefined);
    setError(undefined);
    api
      .GET('/api/v1/cases', {
        params: { query: { cofoCode: cofo || undefined, state: state || undefined, limit: 100 } },
      })
      .then(({ data, error: e, response }) => {
        if (!live) return;
        if (data) setCases(data.items);
        else setError(isApiErrorBody(e) ? e.message : `HTTP ${response.status}`);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    void overdueWaiting().then((late) => {
      if (live) setOverdue(late);
    });
    return () => {
      live = false;
    };
  }, [cofo, state, waiting.length, online]);

  const late = new Set(overdue.keys());
  return (
    <main>
      <h1>{t('casesOf', { cofo })}</h1>
      <div class="row">
        <label>
          {t('state')}
          <select
            value={state}
            data-testid="state-filter"
            onChange={(e) =>
              navigate(`/land/cases${e.currentTarget.value ? `?state=${e.currentTarget.value}` : ''}`)
            }
          >
            <option value="">{t('allStates')}</option>
            {CASE_STATES.map((s) => (
              <option value={s}>{t(`state.${s}` as LandKey)}</option>
            ))}
          </select>
        </label>
        <a href="#/land/cases/new" class="button-link">
          {t('newCase')}
        </a>
      </div>
      {waiting.length > 0 && (
        <ul class="list" data-testid="waiting-cases">
          {waiting.map((w) => (
            <li data-status={w.status}>
              <strong>{w.label}</strong>
              <span class="waiting-tag">
                {w.status === 'waiting' ? t('waitingCase') : (w.error?.message ?? '')}
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
      {!cases && !error && <p>{t('loading')}</p>}
      {cases?.length === 0 && <p>{t('empty')}</p>}
      <ul class="list" data-testid="cases">
        {sortCases(cases ?? [], late).map((c) => (
          <li data-state={c.state} data-number={c.number} data-id={c.id}>
            <a href={`#/land/cases/${c.id}`} class="case-link">
              <strong>
                {c.number} {late.has(c.id) && <span class="overdue">· {t('overdue')}</span>}
              </strong>
              <span>{c.summary}</span>
              <span class="muted">
                {t(`state.${c.state}` as LandKey)} · {t('filedOn', { date: formatDate(c.filedOn) })}
              </span>
              {late.has(c.id) && (
                <span class="overdue-hint">{t('overdueHint', { days: overdue.get(c.id) ?? 0 })}</span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </main>
  );
}
