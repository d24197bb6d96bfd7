import { AuditLog } from '@prosmed/persistence';
import type { RequestContext } from '@prosmed/messaging';

/** The land schema's append-only audit log. */
export const landAudit = new AuditLog('land');

/** Who did it, from the verified identity, and which request: every audit row of the registry has them. */
export function auditActor(rc: RequestContext): { actorId: string; actorName: string; requestId: string } {
  return { actorId: rc.identity.sub, actorName: rc.identity.username, requestId: rc.requestId };
}
