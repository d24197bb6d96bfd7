import { domainError, type UpdateState } from '@prosmed/contracts';

/**
 * The validation circuit of a focal point's update (DOMAIN.md section 3) as one table: the focal point
 * proposes, the Secrétariat permanent consolidates, the comité de pilotage validates or returns (with a
 * comment), the focal point answers and resubmits, and the circuit starts again from consolidation.
 * A validated update is final: only validated values count in official reports.
 */
export type UpdateAction = 'propose' | 'consolidate' | 'validate' | 'return' | 'resubmit';

export const UPDATE_WORKFLOW: Readonly<
  Record<UpdateAction, { from: readonly (UpdateState | null)[]; to: UpdateState }>
> = {
  // `null`: no update yet for this action and period.
  propose: { from: [null], to: 'proposed' },
  consolidate: { from: ['proposed', 'resubmitted'], to: 'consolidated' },
  validate: { from: ['consolidated'], to: 'validated' },
  return: { from: ['consolidated'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'resubmitted' },
};

export function canApply(state: UpdateState | null, action: UpdateAction): boolean {
  return UPDATE_WORKFLOW[action].from.includes(state);
}

/** The state after `action`, or the domain error that says why the circuit does not allow it. */
export function nextUpdateState(state: UpdateState, action: UpdateAction): UpdateState {
  if (canApply(state, action)) return UPDATE_WORKFLOW[action].to;
  if (state === 'validated') throw domainError('UPDATE_VALIDATED', { from: state, action });
  throw domainError('UPDATE_TRANSITION_FORBIDDEN', {
    from: STATE_LABELS[state],
    action: ACTION_LABELS[action],
  });
}

/** The words the users read in the error message (the catalogue's `{from}` and `{action}`). */
const STATE_LABELS: Record<UpdateState, string> = {
  proposed: 'proposée',
  consolidated: 'consolidée',
  returned: 'renvoyée',
  resubmitted: 'soumise de nouveau',
  validated: 'validée',
};
const ACTION_LABELS: Record<UpdateAction, string> = {
  propose: 'proposer',
  consolidate: 'consolider',
  validate: 'valider',
  return: 'renvoyer',
  resubmit: 'soumettre de nouveau',
};
