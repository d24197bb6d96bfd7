import { CASE_STATES, DomainError, type CaseState } from '@prosmed/contracts';
import { canApply, nextState, type CaseAction } from './case-state-machine';

const ACTIONS: Record<string, CaseAction> = {
  step: { type: 'record-step' },
  pvConc: { type: 'record-pv', kind: 'conciliation' },
  pvNonConc: { type: 'record-pv', kind: 'non-conciliation' },
  submit: { type: 'request-homologation' },
  homologate: { type: 'decide-homologation', outcome: 'homologated' },
  reject: { type: 'decide-homologation', outcome: 'rejected' },
  refer: { type: 'refer' },
  closeHomologated: { type: 'close', reason: 'homologated' },
  closeReferred: { type: 'close', reason: 'referred' },
  withdraw: { type: 'close', reason: 'withdrawn' },
};

/** The procedure of DOMAIN.md written out by hand: every allowed (from, action) and where it leads. */
const ALLOWED: [CaseState, keyof typeof ACTIONS, CaseState][] = [
  ['filed', 'step', 'in-instruction'],
  ['in-instruction', 'step', 'in-instruction'],
  ['filed', 'pvConc', 'conciliated'],
  ['in-instruction', 'pvConc', 'conciliated'],
  ['conciliated', 'pvConc', 'conciliated'],
  ['homologation-rejected', 'pvConc', 'conciliated'],
  ['homologated', 'pvConc', 'conciliated'],
  ['filed', 'pvNonConc', 'not-conciliated'],
  ['in-instruction', 'pvNonConc', 'not-conciliated'],
  ['conciliated', 'pvNonConc', 'not-conciliated'],
  ['not-conciliated', 'pvNonConc', 'not-conciliated'],
  ['homologation-rejected', 'pvNonConc', 'not-conciliated'],
  ['conciliated', 'submit', 'homologation-requested'],
  ['homologation-requested', 'homologate', 'homologated'],
  ['homologation-requested', 'reject', 'homologation-rejected'],
  ['not-conciliated', 'refer', 'referred'],
  ['homologated', 'closeHomologated', 'closed'],
  ['referred', 'closeReferred', 'closed'],
  ['filed', 'withdraw', 'closed'],
  ['in-instruction', 'withdraw', 'closed'],
];

const allowed = new Map(ALLOWED.map(([from, action, to]) => [`${from}|${action}`, to]));
const combos = CASE_STATES.flatMap((state) => Object.keys(ACTIONS).map((action) => [state, action] as const));

describe('case state machine', () => {
  it.each(ALLOWED)('allows %s --%s--> %s', (from, action, to) => {
    expect(canApply(from, ACTIONS[action])).toBe(true);
    expect(nextState(from, ACTIONS[action])).toBe(to);
  });

  const forbidden = combos.filter(([s, a]) => !allowed.has(`${s}|${a}`));
  it.each(forbidden)('forbids %s --%s--> with a domain error', (state, action) => {
    expect(canApply(state, ACTIONS[action])).toBe(false);
    expect(() => nextState(state, ACTIONS[action])).toThrow(DomainError);
  });

  it('covers every state and action combination', () => {
    expect(forbidden.length + ALLOWED.length).toBe(CASE_STATES.length * Object.keys(ACTIONS).length);
  });

  const codeOf = (state: CaseState, action: CaseAction) => {
    try {
      nextState(state, action);
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it('says that a PV de non-conciliation is never homologated', () => {
    expect(codeOf('not-conciliated', ACTIONS.submit)).toMatchObject({
      code: 'PV_NOT_CONCILIATION',
      kind: 'business_rule',
    });
  });

  it('refuses a referral without a PV de non-conciliation', () => {
    for (const s of [
      'filed',
      'in-instruction',
      'conciliated',
      'homologation-requested',
      'homologated',
    ] as const) {
      expect(codeOf(s, ACTIONS.refer)).toMatchObject({ code: 'REFERRAL_NEEDS_NON_CONCILIATION' });
    }
  });

  it('keeps a homologated PV read-only except through a new version', () => {
    expect(codeOf('homologated', ACTIONS.step)).toMatchObject({
      code: 'CASE_TRANSITION_FORBIDDEN',
      kind: 'conflict',
    });
    expect(codeOf('homologated', ACTIONS.pvNonConc).code).toBe('CASE_TRANSITION_FORBIDDEN');
    expect(nextState('homologated', ACTIONS.pvConc)).toBe('conciliated');
  });

  it('refuses everything on a closed case', () => {
    for (const a of Object.values(ACTIONS))
      expect(codeOf('closed', a)).toMatchObject({ code: 'CASE_CLOSED' });
  });

  it('refuses a withdrawal once a PV exists', () => {
    expect(codeOf('conciliated', ACTIONS.withdraw).code).toBe('CASE_WITHDRAWAL_AFTER_PV');
  });
});
