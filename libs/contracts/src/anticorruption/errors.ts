import type { CatalogueEntry } from '../error-catalogue';

/** The error codes of the anti-corruption (SNLCC) service, merged into `ERROR_CATALOGUE`. French first. */
export const ANTICORRUPTION_ERRORS = {} as const satisfies Record<string, CatalogueEntry>;
