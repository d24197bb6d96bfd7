import { env, loadPublicBaseUrl } from '@prosmed/config';

export interface CasesSettings {
  /** PVs waiting longer than this for a homologation decision are listed as overdue. */
  overdueDays: number;
  /** Public address of the platform: the QR code of a printed PV points at its check endpoint there. */
  publicBaseUrl: string;
}

export const CASES_SETTINGS = Symbol('CASES_SETTINGS');

export function loadCasesSettings(src: Record<string, string | undefined> = process.env): CasesSettings {
  return {
    overdueDays: env.int(src, 'HOMOLOGATION_OVERDUE_DAYS', 30, 1, 3650),
    // Required in production (libs/config): the PV would otherwise print the local address.
    publicBaseUrl: loadPublicBaseUrl(src),
  };
}
