import type { CatalogueEntry } from '../error-catalogue';

/** The error codes of the reporting service, merged into `ERROR_CATALOGUE`. French first. */
export const REPORTING_ERRORS = {} as const satisfies Record<string, CatalogueEntry>;
