import { domainError, type DomainError } from '@prosmed/contracts';

/** The registry's domain errors; codes and messages live in the contracts' error catalogue. */
export const RegistryErrors = {
  cofoNotFound: (code: string): DomainError => domainError('COFO_NOT_FOUND', { code }),
  tribunalNotFound: (code: string): DomainError => domainError('TRIBUNAL_NOT_FOUND', { code }),
  versionConflict: (expected: number, actual: number): DomainError =>
    domainError('VERSION_CONFLICT', { expected, actual }),
};

/** Unique constraints of the registry tables (named in the migration) and what a violation means. */
export const COFO_CODE_UNIQUE = 'cofo_code_key';
export const TRIBUNAL_CODE_UNIQUE = 'tribunal_code_key';
