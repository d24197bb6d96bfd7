import { AuditLog } from '@prosmed/persistence';
import type { RequestContext } from '@prosmed/messaging';

/** The reporting schema's append-only audit log. */
export const reportingAudit = new AuditLog('reporting');

/** Who did it, from the verified identity, and which request. */
export function auditActor(rc: RequestContext): { actorId: string; actorName: string; requestId: string } {
  return { actorId: rc.identity.sub, actorName: rc.identity.username, requestId: rc.requestId };
}
