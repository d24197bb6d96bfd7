import { type DomainError, UPDATE_STATES, type UpdateState } from '@prosmed/contracts';
import { canApply, nextUpdateState, UPDATE_WORKFLOW, type UpdateAction } from './update-workflow';

const ACTIONS = Object.keys(UPDATE_WORKFLOW) as UpdateAction[];

function codeOf(state: UpdateState, action: UpdateAction): string {
  try {
    return nextUpdateState(state, action);
  } catch (err) {
    return (err as DomainError).code;
  }
}

describe('the update validation circuit', () => {
  it('follows the table: propose, consolidate, validate or return, resubmit, consolidate again', () => {
    expect(canApply(null, 'propose')).toBe(true);
    let s: UpdateState = UPDATE_WORKFLOW.propose.to;
    expect(s).toBe('proposed');
    s = nextUpdateState(s, 'consolidate');
    expect(s).toBe('consolidated');
    s = nextUpdateState(s, 'return');
    expect(s).toBe('returned');
    s = nextUpdateState(s, 'resubmit');
    expect(s).toBe('resubmitted');
    s = nextUpdateState(s, 'consolidate');
    expect(s).toBe('consolidated');
    expect(nextUpdateState(s, 'validate')).toBe('validated');
  });

  it('answers every state and action pair: allowed, UPDATE_VALIDATED or UPDATE_TRANSITION_FORBIDDEN', () => {
    const table = Object.fromEntries(
      UPDATE_STATES.map((s) => [s, Object.fromEntries(ACTIONS.map((a) => [a, codeOf(s, a)]))]),
    );
    expect(table).toEqual({
      proposed: {
        propose: 'UPDATE_TRANSITION_FORBIDDEN',
        consolidate: 'consolidated',
        validate: 'UPDATE_TRANSITION_FORBIDDEN',
        return: 'UPDATE_TRANSITION_FORBIDDEN',
        resubmit: 'UPDATE_TRANSITION_FORBIDDEN',
      },
      consolidated: {
        propose: 'UPDATE_TRANSITION_FORBIDDEN',
        consolidate: 'UPDATE_TRANSITION_FORBIDDEN',
        validate: 'validated',
        return: 'returned',
        resubmit: 'UPDATE_TRANSITION_FORBIDDEN',
      },
      returned: {
        propose: 'UPDATE_TRANSITION_FORBIDDEN',
        consolidate: 'UPDATE_TRANSITION_FORBIDDEN',
        validate: 'UPDATE_TRANSITION_FORBIDDEN',
        return: 'UPDATE_TRANSITION_FORBIDDEN',
        resubmit: 'resubmitted',
      },
      resubmitted: {
        propose: 'UPDATE_TRANSITION_FORBIDDEN',
        consolidate: 'consolidated',
        validate: 'UPDATE_TRANSITION_FORBIDDEN',
        return: 'UPDATE_TRANSITION_FORBIDDEN',
        resubmit: 'UPDATE_TRANSITION_FORBIDDEN',
      },
      validated: Object.fromEntries(ACTIONS.map((a) => [a, 'UPDATE_VALIDATED'])),
    });
  });

  it('names the stage and the action in French in the refusal', () => {
    try {
      nextUpdateState('proposed', 'validate');
      throw new Error('allowed');
    } catch (err) {
      expect((err as DomainError).params).toEqual({ from: 'proposée', action: 'valider' });
      expect((err as DomainError).kind).toBe('conflict');
    }
  });
});
