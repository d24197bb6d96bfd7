import { env } from '@prosmed/config';
import { loadIdentityKeys, type IdentityKeys } from '../grievances/identity-cipher';

export interface SecuritySettings {
  /** Open grievances received longer ago than this are listed as overdue. */
  grievanceOverdueDays: number;
  /** Keys of the complainants' identities, the current one first. */
  identityKeys: IdentityKeys;
}

export const SECURITY_SETTINGS = Symbol('SECURITY_SETTINGS');

/** Read once at start: a bad value (or no key in production) stops the service with one line. */
export function loadSecuritySettings(
  src: Record<string, string | undefined> = process.env,
): SecuritySettings {
  return {
    grievanceOverdueDays: env.int(src, 'GRIEVANCE_OVERDUE_DAYS', 30, 1, 3650),
    identityKeys: loadIdentityKeys(src),
  };
}
