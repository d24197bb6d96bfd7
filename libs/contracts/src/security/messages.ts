/**
 * Every request the security-committee (CCS) service answers, declared once (see `land/messages.ts`):
 * the gateway builds its routes from these, the service binds one handler to each. Texts in French. One
 * file per feature: `ccs-messages.ts`, `activity-messages.ts`, `grievance-messages.ts`, `works-messages.ts`.
 */
import type { AnyMessageDef } from '../catalogue';
import { ActivityMessages } from './activity-messages';
import { CcsRegistryMessages } from './ccs-messages';
import { GrievanceMessages } from './grievance-messages';
import { WorksMessages } from './works-messages';

/** The security service's messages, by handler name. */
export const SecurityMessages = {
  ...CcsRegistryMessages,
  ...ActivityMessages,
  ...GrievanceMessages,
  ...WorksMessages,
} as const satisfies Record<string, AnyMessageDef>;
