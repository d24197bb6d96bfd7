import { GRIEVANCE_STATES, type DomainError, type GrievanceState } from '@prosmed/contracts';
import { canApplyToGrievance, nextGrievanceState, type GrievanceAction } from './grievance-state-machine';

function refusal(state: GrievanceState, action: GrievanceAction): string | null {
  try {
    nextGrievanceState(state, action);
    return null;
  } catch (err) {
    return (err as DomainError).code;
  }
}

describe('the grievance state machine', () => {
  it('follows receipt, referral, follow-up and closure', () => {
    let s: GrievanceState = 'received';
    s = nextGrievanceState(s, 'refer');
    expect(s).toBe('referred');
    s = nextGrievanceState(s, 'follow-up');
    expect(s).toBe('in-follow-up');
    s = nextGrievanceState(s, 'follow-up');
    expect(s).toBe('in-follow-up');
    s = nextGrievanceState(s, 'refer');
    expect(s).toBe('referred');
    expect(nextGrievanceState(s, 'close')).toBe('closed');
  });

  it('is exactly this table', () => {
    const table = Object.fromEntries(
      GRIEVANCE_STATES.map((s) => [
        s,
        (['refer', 'follow-up', 'close'] as const).filter((a) => canApplyToGrievance(s, a)),
      ]),
    );
    expect(table).toEqual({
      received: ['refer', 'close'],
      referred: ['refer', 'follow-up', 'close'],
      'in-follow-up': ['refer', 'follow-up', 'close'],
      closed: [],
    });
  });

  it('refuses a follow-up before any referral, and anything once closed', () => {
    expect(refusal('received', 'follow-up')).toBe('GRIEVANCE_TRANSITION_FORBIDDEN');
    for (const a of ['refer', 'follow-up', 'close'] as const)
      expect(refusal('closed', a)).toBe('GRIEVANCE_CLOSED');
  });

  it('names the stage and the action in French', () => {
    try {
      nextGrievanceState('received', 'follow-up');
    } catch (err) {
      expect((err as DomainError).params).toEqual({ state: 'reçue', action: 'une note de suivi' });
    }
    expect.assertions(1);
  });
});
