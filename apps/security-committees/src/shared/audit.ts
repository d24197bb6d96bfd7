import type { CaseHistoryEntryV1 } from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { AuditLog, type AuditRow } from '@prosmed/persistence';

/** The security schema's append-only audit log. */
export const securityAudit = new AuditLog('security');

/** Who did it, from the verified identity, and which request. */
export function auditActor(rc: RequestContext): { actorId: string; actorName: string; requestId: string } {
  return { actorId: rc.identity.sub, actorName: rc.identity.username, requestId: rc.requestId };
}

/**
 * The history of a record as readers see it: who, when, what, from and to. Never `before`/`after`: the
 * audit rows of a grievance say that its identity was recorded, and those of every record hold free text
 * that lists and reports do not show.
 */
export function historyView(rows: readonly AuditRow[]): CaseHistoryEntryV1[] {
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actor: r.actorName ?? r.actorId,
    action: r.action,
    fromState: r.fromState,
    toState: r.toState,
    reason: r.reason,
  }));
}
