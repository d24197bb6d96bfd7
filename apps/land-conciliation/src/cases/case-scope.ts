import { domainError, type Identity } from '@prosmed/contracts';

export const CASE_READ = 'land.case.read';
export const CASE_WRITE = 'land.case.write';
export const HOMOLOGATION_DECIDE = 'land.homologation.decide';

/**
 * Which cases a caller reads, from the verified identity only:
 * - admin and programme manager: all;
 * - CoFo secretary: her CoFo's (`cofoId`);
 * - tribunal clerk: those sent to her tribunal (`tribunalId`): homologation requested, or a PV de
 *   non-conciliation recorded (the case may be referred to her court).
 * Several roles give the union; a secretary or clerk without her attribute sees nothing.
 */
export type CaseScope = { all: true } | { all: false; cofoCodes: string[]; tribunalCodes: string[] };

export function caseReadScope(id: Identity): CaseScope {
  if (id.roles.includes('admin') || id.roles.includes('programme-manager')) return { all: true };
  const secretary = id.roles.includes('cofo-secretary');
  const clerk = id.roles.includes('tribunal-clerk');
  if (!secretary && !clerk) throw domainError('FORBIDDEN_ROLE', { permission: CASE_READ });
  return {
    all: false,
    cofoCodes: secretary && id.cofoId ? [id.cofoId] : [],
    tribunalCodes: clerk && id.tribunalId ? [id.tribunalId] : [],
  };
}

export interface ScopedCase {
  cofoCode: string;
  tribunalCode: string | null;
  sentToTribunal: boolean;
}

export function caseVisible(scope: CaseScope, c: ScopedCase): boolean {
  if (scope.all) return true;
  if (scope.cofoCodes.includes(c.cofoCode)) return true;
  return c.sentToTribunal && c.tribunalCode !== null && scope.tribunalCodes.includes(c.tribunalCode);
}

/** Filing and the CoFo's own steps: only a secretary of that CoFo (admins manage the registry, not cases). */
export function assertCofoWriter(id: Identity, cofoCode: string): void {
  if (!id.roles.includes('cofo-secretary')) throw domainError('FORBIDDEN_ROLE', { permission: CASE_WRITE });
  if (id.cofoId !== cofoCode) throw domainError('OUT_OF_SCOPE');
}

/** Homologation decisions: only a clerk of the tribunal the PV was sent to. */
export function assertTribunalClerk(id: Identity, tribunalCode: string | null): void {
  if (!id.roles.includes('tribunal-clerk'))
    throw domainError('FORBIDDEN_ROLE', { permission: HOMOLOGATION_DECIDE });
  if (tribunalCode === null || id.tribunalId !== tribunalCode) throw domainError('OUT_OF_SCOPE');
}

/** A referral is recorded by either side: the CoFo's secretary or the clerk of the case's tribunal. */
export function assertReferralRecorder(id: Identity, c: ScopedCase): void {
  const secretary = id.roles.includes('cofo-secretary') && id.cofoId === c.cofoCode;
  const clerk =
    id.roles.includes('tribunal-clerk') && c.tribunalCode !== null && id.tribunalId === c.tribunalCode;
  if (secretary || clerk) return;
  if (!id.roles.includes('cofo-secretary') && !id.roles.includes('tribunal-clerk')) {
    throw domainError('FORBIDDEN_ROLE', { permission: CASE_WRITE });
  }
  throw domainError('OUT_OF_SCOPE');
}
