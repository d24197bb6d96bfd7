import { domainError, type GrievanceState } from '@prosmed/contracts';

/**
 * The path of a community security grievance as one table: received, referred to a service (police,
 * gendarmerie, garde nationale, justice, mayor), followed up, closed with an outcome. Every command on a
 * grievance goes through `nextGrievanceState`, so a forbidden path is refused in one place.
 */
export type GrievanceAction = 'refer' | 'follow-up' | 'close';

const TABLE: Record<GrievanceAction, Partial<Record<GrievanceState, GrievanceState>>> = {
  // A grievance may go to another service after a first referral that did not help.
  refer: { received: 'referred', referred: 'referred', 'in-follow-up': 'referred' },
  // Follow-up is what the service did with it: only after a referral.
  'follow-up': { referred: 'in-follow-up', 'in-follow-up': 'in-follow-up' },
  // Closed from any open state: a grievance may be withdrawn or settled before any referral.
  close: { received: 'closed', referred: 'closed', 'in-follow-up': 'closed' },
};

/** French labels, for the refusal's message. */
const STATE_FR: Record<GrievanceState, string> = {
  received: 'reçue',
  referred: 'transmise',
  'in-follow-up': 'en suivi',
  closed: 'close',
};
const ACTION_FR: Record<GrievanceAction, string> = {
  refer: 'la transmission à un service',
  'follow-up': 'une note de suivi',
  close: 'la clôture',
};

export function canApplyToGrievance(state: GrievanceState, action: GrievanceAction): boolean {
  return TABLE[action][state] !== undefined;
}

/** The state after `action`, or `GRIEVANCE_CLOSED` / `GRIEVANCE_TRANSITION_FORBIDDEN`. */
export function nextGrievanceState(state: GrievanceState, action: GrievanceAction): GrievanceState {
  const to = TABLE[action][state];
  if (to !== undefined) return to;
  if (state === 'closed') throw domainError('GRIEVANCE_CLOSED');
  throw domainError('GRIEVANCE_TRANSITION_FORBIDDEN', { state: STATE_FR[state], action: ACTION_FR[action] });
}
