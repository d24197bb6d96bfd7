import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatDate } from '../../i18n/format';
import { useT } from '../../i18n/hooks';
import { discard, resubmit, type SubmitResult } from '../../outbox/outbox';
import { submitTo } from '../../outbox/typed';
import { navigate } from '../../router';
import type { ItemEditorProps, ScreenProps } from '../types';
import { actionsFor, type CaseAction, type CaseDetail, nextVersion, pvInForce } from './cases';
import type { DecisionBody, HomologationRequestBody, PvBody, ReferralBody, StepBody } from './commands';
import {
  type CommandFormProps,
  DecisionCommand,
  HomologationCommand,
  KINDS,
  PvCommand,
  ReferralCommand,
  StepCommand,
} from './CommandForms';
import { downloadPvPdf, rememberedPlaces, useCase, useWaitingOnCase } from './data';
import { type LandKey, m } from './messages';

const ACTION_LABEL: Record<CaseAction, LandKey> = {
  step: 'action.step',
  pv: 'action.pv',
  homologation: 'action.homologation',
  decision: 'action.decision',
  referral: 'action.referral',
  pdf: 'action.pdf',
};

function Loading(props: { error?: string }) {
  const t = useT(m);
  return (
    <main>
      {props.error ? <p class="error">{t('loadFailed', { reason: props.error })}</p> : <p>{t('loading')}</p>}
    </main>
  );
}

/** A case: its parties, the land, the steps, every PV version, and what the person may do next. */
export function CaseScreen({ user, params }: ScreenProps) {
  const t = useT(m);
  const { data: c, error, copyOf } = useCase(params.caseId);
  const waiting = useWaitingOnCase(params.caseId);
  const [pdf, setPdf] = useState<string | undefined>();
  if (!c) return <Loading error={error} />;
  const actions = actionsFor(c, user.roles);
  const inForce = pvInForce(c);
  // The land's name when this phone has seen the place (the picker keeps them); its code otherwise.
  const village = rememberedPlaces(c.cofoCode).find((p) => p.code === c.land.villageCode);

  async function print() {
    if (!inForce || !c) return;
    setPdf(t('pdfLoading'));
    try {
      await downloadPvPdf(inForce.id, `PV-${c.number}-v${inForce.pvVersion}.pdf`);
      setPdf(undefined);
    } catch (e) {
      setPdf(t('pdfFailed', { reason: e instanceof Error ? e.message : String(e) }));
    }
  }

  return (
    <main data-testid="case" data-state={c.state} data-version={c.version}>
      <h1>{c.number}</h1>
      {copyOf && <p class="notice">{t('offlineCopy', { date: formatDate(new Date(copyOf)) })}</p>}
      <p>
        <strong data-testid="case-state">{t(`state.${c.state}` as LandKey)}</strong> ·{' '}
        {t(`dispute.${c.disputeType}` as LandKey)} · {t('filedOn', { date: formatDate(c.filedOn) })}
      </p>
      <p>{c.summary}</p>
      {waiting > 0 && <p class="waiting-tag">{t('waitingOnCase', { n: waiting })}</p>}
      {actions.length > 0 && (
        <div class="actions case-actions">
          {actions.map((a) =>
            a === 'pdf' ? (
              <button type="button" class="secondary" data-action="pdf" onClick={() => void print()}>
                {t('action.pdf')}
              </button>
            ) : (
              <a class="button-link" data-action={a} href={`#/land/cases/${c.id}/${a}`}>
                {t(a === 'pv' && inForce ? 'action.pvCorrect' : ACTION_LABEL[a])}
              </a>
            ),
          )}
        </div>
      )}
      {pdf && (
        <p class="muted" role="status">
          {pdf}
        </p>
      )}

      <h2>{t('parties')}</h2>
      <ul class="list" data-testid="parties">
        {c.partiesList.map((p) => (
          <li>
            <strong>{p.name}</strong>
            <span class="muted">
              {t(`role.${p.role}` as LandKey)} ·{' '}
              {p.kind === 'group' ? t('kind.group') : t(`sex.${p.sex ?? ''}` as LandKey)}
              {p.ageGroup ? ` · ${t(`age.${p.ageGroup}` as LandKey)}` : ''}
            </span>
          </li>
        ))}
      </ul>

      <h2>{t('land')}</h2>
      <p>
        {village ? `${village.name} (${c.land.villageCode})` : c.land.villageCode} · {c.land.description}
        {c.land.surfaceHa != null
          ? ` · ${t('surfaceHa', { ha: String(c.land.surfaceHa).replace('.', ',') })}`
          : ''}
      </p>

      <h2>{t('steps')}</h2>
      {c.steps.length === 0 && <p class="muted">{t('noSteps')}</p>}
      <ul class="list" data-testid="steps">
        {c.steps.map((s) => (
          <li data-kind={s.kind}>
            <strong>
              {t(`step.${s.kind}` as LandKey)} · {formatDate(s.date)}
            </strong>
            <span>{s.summary}</span>
            <span class="muted">{t('members', { names: s.membersPresent.join(', ') })}</span>
          </li>
        ))}
      </ul>

      <h2>{t('pvs')}</h2>
      {c.pvs.length === 0 && <p class="muted">{t('noPvs')}</p>}
      <ul class="list" data-testid="pvs">
        {[...c.pvs].reverse().map((p) => (
          <li data-kind={p.kind} data-status={p.status}>
            <strong>
              {t('pvTitle', { kind: t(`pv.${p.kind}`), n: p.pvVersion, date: formatDate(p.drawnUpOn) })} ·{' '}
              {t(`pvStatus.${p.status}`)}
            </strong>
            {p.agreedPoints.map((a) => (
              <span>• {a}</span>
            ))}
            {p.failureReason && <span>{p.failureReason}</span>}
            {p.marks.map((mk) => (
              <span class="muted">
                {t('partyMarked', {
                  name: c.partiesList.find((x) => x.id === mk.partyId)?.name ?? mk.partyId,
                  mark: t(`mark.${mk.kind}` as LandKey),
                })}
              </span>
            ))}
            {p.memberMarks.map((mk) => (
              <span class="muted">
                {t('partyMarked', { name: mk.name, mark: t(`mark.${mk.kind}` as LandKey) })}
              </span>
            ))}
            <span class="muted">{t('verification', { code: p.verificationCode })}</span>
            {p.homologation && (
              <span data-testid="homologation" class={p.homologation.overdue ? 'overdue' : ''}>
                {p.homologation.decision === 'homologated'
                  ? t('homDone', {
                      number: p.homologation.decisionNumber ?? '',
                      date: formatDate(p.homologation.decisionDate),
                    })
                  : p.homologation.decision === 'rejected'
                    ? t('homRejected', {
                        date: formatDate(p.homologation.decisionDate),
                        reason: p.homologation.rejectionReason ?? '',
                      })
                    : t('homWaiting', {
                        date: formatDate(p.homologation.requestedOn),
                        days: p.homologation.waitingDays,
                      })}
              </span>
            )}
          </li>
        ))}
      </ul>
      {c.referral && (
        <p>{t('referredTo', { court: c.referral.court ?? '', date: formatDate(c.referral.referredOn) })}</p>
      )}
    </main>
  );
}

type Command = Exclude<CaseAction, 'pdf'>;

const PATHS = {
  step: '/api/v1/cases/{caseId}/steps',
  pv: '/api/v1/cases/{caseId}/pvs',
  homologation: '/api/v1/cases/{caseId}/homologation-request',
  decision: '/api/v1/cases/{caseId}/homologation-decision',
  referral: '/api/v1/cases/{caseId}/referral',
} as const;

// Each form's body type is its own; here they are chosen by the command, and the body goes to sendCommand.
const FORMS: Record<Command, (p: CommandFormProps<unknown>) => JSX.Element> = {
  step: StepCommand as never,
  pv: PvCommand as never,
  homologation: HomologationCommand as never,
  decision: DecisionCommand as never,
  referral: ReferralCommand as never,
};

/**
 * Sends a command on a case through the outbox, typed by the contract's path and body (each command's form
 * builds its own body type from commands.ts: the cast only names which one).
 */
function sendCommand(command: Command, c: CaseDetail, body: unknown, label: string): Promise<SubmitResult> {
  const opts = { params: { caseId: c.id }, label, kind: KINDS[command] };
  switch (command) {
    case 'step':
      return submitTo('post', PATHS.step, { ...opts, body: body as StepBody });
    case 'pv':
      return submitTo('post', PATHS.pv, { ...opts, body: body as PvBody });
    case 'homologation':
      return submitTo('post', PATHS.homologation, { ...opts, body: body as HomologationRequestBody });
    case 'decision':
      return submitTo('post', PATHS.decision, { ...opts, body: body as DecisionBody });
    case 'referral':
      return submitTo('post', PATHS.referral, { ...opts, body: body as ReferralBody });
  }
}

/** One command on a case, one screen: `/land/cases/:caseId/<command>`. */
function commandScreen(command: Command) {
  return function CommandScreen({ params }: ScreenProps) {
    const t = useT(m);
    const { data: c, error } = useCase(params.caseId);
    const waiting = useWaitingOnCase(params.caseId);
    if (!c) return <Loading error={error} />;
    const Form = FORMS[command];
    const back = () => navigate(`/land/cases/${c.id}`);
    return (
      <main>
        <p>
          <a href={`#/land/cases/${c.id}`}>← {t('back')}</a>
        </p>
        <h1>
          {t(ACTION_LABEL[command])} · {c.number}
        </h1>
        {waiting > 0 && <p class="waiting-tag">{t('waitingOnCase', { n: waiting })}</p>}
        <Form
          c={c}
          version={nextVersion(c.version, waiting)}
          send={(body) => sendCommand(command, c, body, `${t(ACTION_LABEL[command])} · ${c.number}`)}
          done={back}
          dropRefused={async (r) => {
            if (r.status === 'refused') await discard(r.item.id);
          }}
        />
      </main>
    );
  };
}

export const StepScreen = commandScreen('step');
export const PvScreen = commandScreen('pv');
export const HomologationScreen = commandScreen('homologation');
export const DecisionScreen = commandScreen('decision');
export const ReferralScreen = commandScreen('referral');

/** The case id of an outbox item's path (`/api/v1/cases/<id>/steps`). */
function caseIdOf(path: string): string {
  return decodeURIComponent(path.split('/')[4] ?? '');
}

/**
 * A refused command from the outbox, in its form with the server's messages. Sent again with the version
 * read now: a conflict (409, the case changed meanwhile) is fixed by reading the case again.
 */
function fixCommand(command: Command) {
  return function FixCommand({ item }: ItemEditorProps) {
    const t = useT(m);
    const { data: c, error } = useCase(caseIdOf(item.path));
    const [id, setId] = useState(item.id);
    if (!c) return <Loading error={error} />;
    const Form = FORMS[command];
    return (
      <main>
        <h1>
          {t('fixCommand')} · {c.number}
        </h1>
        <Form
          c={c}
          version={c.version}
          initial={item.body}
          initialError={item.error}
          send={async (body) => {
            const r = await resubmit(id, body);
            if (r.status !== 'sent') setId(r.item.id);
            return r;
          }}
          done={() => navigate(`/land/cases/${c.id}`)}
        />
      </main>
    );
  };
}

export const LAND_EDITORS = {
  [KINDS.step]: fixCommand('step'),
  [KINDS.pv]: fixCommand('pv'),
  [KINDS.homologation]: fixCommand('homologation'),
  [KINDS.decision]: fixCommand('decision'),
  [KINDS.referral]: fixCommand('referral'),
};
