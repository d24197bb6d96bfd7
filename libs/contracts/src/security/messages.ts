/**
 * Every request the security-committee (CCS) service answers, declared once (see `land/messages.ts`):
 * the gateway builds its routes from these, the service binds one handler to each.
 */
import type { AnyMessageDef } from '../catalogue';

export const SecurityMessages = {} satisfies Record<string, AnyMessageDef>;
