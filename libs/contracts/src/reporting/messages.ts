/**
 * Every request the reporting service answers, declared once (see `land/messages.ts`): the gateway
 * builds its routes from these, the service binds one handler to each.
 */
import type { AnyMessageDef } from '../catalogue';

export const ReportingMessages = {} satisfies Record<string, AnyMessageDef>;
