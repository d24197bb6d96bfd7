import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatFcfa, formatNumber } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import type { ScreenProps } from '../types';
import { loadReport, LoadError, loadSessions, type Report, type Session } from './load';
import { m } from './messages';
import { periodLabel } from './rules';

type Line = Report['total'];

/** The frozen report of a closed session: execution rates and FCFA amounts, overall, by axis, by structure. */
export function SessionReport({ params }: ScreenProps) {
  const t = useT(m);
  const [report, setReport] = useState<Report | undefined>();
  const [error, setError] = useState<LoadError | undefined>();
  const [session, setSession] = useState<Session | undefined>();

  useEffect(() => {
    let live = true;
    loadReport(params.sessionId)
      .then((r) => live && setReport(r))
      .catch((e: unknown) => live && setError(e instanceof LoadError ? e : new LoadError(String(e), 0)));
    // Its title and quarters, for the heading (the report itself names only the session's id).
    loadSessions()
      .then((all) => live && setSession(all.find((x) => x.id === params.sessionId)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [params.sessionId]);

  if (error) {
    return (
      <main>
        <h1>{t('reportTitle')}</h1>
        <p class="error" role="alert">
          {error.code === 'SESSION_NOT_CLOSED' ? t('notClosed') : t('loadFailed', { reason: error.message })}
        </p>
        <a href="#/anticorruption/sessions">{t('sessions')}</a>
      </main>
    );
  }
  if (!report) return <main>{t('loading')}</main>;

  const line = (l: Line, testid?: string) => (
    <li data-key={l.key} data-testid={testid}>
      <strong>
        {l.key} {l.label && l.label !== l.key ? `· ${l.label}` : ''}
      </strong>
      <span>
        {t('executionRate')} : <b data-testid="execution-rate">{formatNumber(l.executionRate, 1)} %</b> ·{' '}
        {t('doneRate')} : {formatNumber(l.doneRate, 1)} %
      </span>
      <span class="muted">{t('actionsCount', { n: l.actions, counted: l.counted, late: l.late })}</span>
      <span class="muted">
        {t('budgetPlanned')} : <span data-testid="budget-planned">{formatFcfa(l.budgetPlanned)}</span> ·{' '}
        {t('budgetSpent')} : <span data-testid="budget-spent">{formatFcfa(l.budgetSpent)}</span>
      </span>
    </li>
  );

  return (
    <main data-testid="session-report">
      <h1>{t('reportTitle')}</h1>
      {session && (
        <p data-testid="report-session">
          <strong>{session.title}</strong> ·{' '}
          {t('sessionLine', {
            date: formatDate(session.heldOn),
            from: periodLabel(session.periodFrom),
            to: periodLabel(session.periodTo),
          })}
        </p>
      )}
      <p class="muted">{t('reportAsOf', { date: formatDate(report.asOf) })}</p>
      <h2>{t('total')}</h2>
      <ul class="list">{line({ ...report.total, label: '' }, 'report-total')}</ul>
      <h2>{t('byAxis')}</h2>
      <ul class="list">{report.byAxis.map((l) => line(l))}</ul>
      <h2>{t('byStructure')}</h2>
      <ul class="list">{report.byStructure.map((l) => line(l))}</ul>
      <h2>{t('lateActions')}</h2>
      <ul class="list">
        {report.lateActions.map((a) => (
          <li>
            <strong>{a.code}</strong>
            <span class="muted">
              {a.responsibleCode} · {a.status} · {a.progress} % · {t('endsOn', { date: formatDate(a.endOn) })}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}
