import type { CatalogueEntry } from '../error-catalogue';

/** The error codes of the security-committee (CCS) service, merged into `ERROR_CATALOGUE`. French first. */
export const SECURITY_ERRORS = {} as const satisfies Record<string, CatalogueEntry>;
