import { domainError, type CaseState, type CloseReason } from '@prosmed/contracts';

/**
 * The legal procedure of a land case (DOMAIN.md section 1) as one table. Every write of the case service
 * goes through `nextState`, so a forbidden path is refused in one place, with one code.
 */
export type CaseAction =
  | { type: 'record-step' }
  | { type: 'record-pv'; kind: 'conciliation' | 'non-conciliation' }
  | { type: 'request-homologation' }
  | { type: 'decide-homologation'; outcome: 'homologated' | 'rejected' }
  | { type: 'refer' }
  | { type: 'close'; reason: CloseReason };

type Rule<A extends CaseAction> = (state: CaseState, action: A) => CaseState | null;

const BEFORE_PV: readonly CaseState[] = ['filed', 'in-instruction'];

/** From which states each action is allowed, and where it leads (`null`: not allowed). */
const RULES: { [T in CaseAction['type']]: Rule<Extract<CaseAction, { type: T }>> } = {
  // Instruction (PV de constat, hearings, confrontation, conciliation sessions) happens before any PV.
  'record-step': (s) => (BEFORE_PV.includes(s) ? 'in-instruction' : null),

  'record-pv': (s, a) =>
    a.kind === 'conciliation'
      ? // First PV, a correction before submission, after a rejection, or of a homologated PV (a new
        // version that needs homologation again; the homologated one is kept, superseded).
        [...BEFORE_PV, 'conciliated', 'homologation-rejected', 'homologated'].includes(s)
        ? 'conciliated'
        : null
      : // Failure of conciliation: after instruction, replacing an unsubmitted or rejected conciliation;
        // never while a PV is at the tribunal, once homologated, or once referred.
        [...BEFORE_PV, 'conciliated', 'not-conciliated', 'homologation-rejected'].includes(s)
        ? 'not-conciliated'
        : null,

  // Only a PV de conciliation goes to homologation; a non-conciliation is never homologated.
  'request-homologation': (s) => (s === 'conciliated' ? 'homologation-requested' : null),

  'decide-homologation': (s, a) =>
    s === 'homologation-requested'
      ? a.outcome === 'homologated'
        ? 'homologated'
        : 'homologation-rejected'
      : null,

  // Referral to the tribunal needs a recorded PV de non-conciliation.
  refer: (s) => (s === 'not-conciliated' ? 'referred' : null),

  close: (s, a) => {
    switch (a.reason) {
      case 'homologated':
        return s === 'homologated' ? 'closed' : null;
      case 'referred':
        return s === 'referred' ? 'closed' : null;
      case 'withdrawn':
        return BEFORE_PV.includes(s) ? 'closed' : null;
    }
  },
};

function apply(state: CaseState, action: CaseAction): CaseState | null {
  return (RULES[action.type] as Rule<CaseAction>)(state, action);
}

export function canApply(state: CaseState, action: CaseAction): boolean {
  return apply(state, action) !== null;
}

/** The state after `action`, or the domain error that says why the law does not allow it. */
export function nextState(state: CaseState, action: CaseAction): CaseState {
  const to = apply(state, action);
  if (to !== null) return to;
  const params = { from: state, action: action.type };
  if (state === 'closed') throw domainError('CASE_CLOSED', params);
  if (action.type === 'request-homologation' && state === 'not-conciliated')
    throw domainError('PV_NOT_CONCILIATION', params);
  if (action.type === 'refer') throw domainError('REFERRAL_NEEDS_NON_CONCILIATION', params);
  if (action.type === 'close' && action.reason === 'withdrawn')
    throw domainError('CASE_WITHDRAWAL_AFTER_PV', params);
  throw domainError('CASE_TRANSITION_FORBIDDEN', params);
}
