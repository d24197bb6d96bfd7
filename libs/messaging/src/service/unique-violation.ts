import { SetMetadata } from '@nestjs/common';
import { domainError, type DomainError, type ERROR_CATALOGUE, type ErrorCode } from '@prosmed/contracts';

/** Catalogue codes of kind `conflict`: the only ones a unique violation may become. */
export type ConflictCode = {
  [K in ErrorCode]: (typeof ERROR_CATALOGUE)[K]['kind'] extends 'conflict' ? K : never;
}[ErrorCode];

export const UNIQUE_VIOLATIONS = 'prosmed:unique-violations';

/**
 * Declares which unique constraints of a handler's writes mean what, e.g.
 * `@MapUniqueViolations({ cofo_code_key: 'COFO_CODE_TAKEN' })`. A violation of a constraint that is not
 * listed stays an internal error: the caller never sees SQL, constraint names or another row's data.
 */
export const MapUniqueViolations = (map: Readonly<Record<string, ConflictCode>>) =>
  SetMetadata(UNIQUE_VIOLATIONS, map);

export interface UniqueViolation {
  constraint: string;
  /** From PostgreSQL's detail `Key (code)=(SEG01) already exists.`: the caller's own value. */
  params: Record<string, string>;
}

interface PgLike {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  driverError?: PgLike;
}

/** The unique violation (SQLSTATE 23505) behind a TypeORM `QueryFailedError` or a pg error, if it is one. */
export function uniqueViolationOf(err: unknown): UniqueViolation | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as PgLike;
  const src = e.driverError ?? e;
  if (src.code !== '23505' || typeof src.constraint !== 'string') return undefined;
  const params: Record<string, string> = {};
  const m =
    typeof src.detail === 'string' ? /^Key \(([^)]+)\)=\((.*)\) already exists\.?$/.exec(src.detail) : null;
  if (m && !m[1].includes(',')) params[m[1].replace(/"/g, '')] = m[2];
  return { constraint: src.constraint, params };
}

/** The domain error a handler declared for this violation, or `undefined` (then it stays internal). */
export function mapUniqueViolation(
  err: unknown,
  map: Readonly<Record<string, ConflictCode>> | undefined,
): DomainError | undefined {
  if (!map) return undefined;
  const v = uniqueViolationOf(err);
  const code = v && Object.prototype.hasOwnProperty.call(map, v.constraint) ? map[v.constraint] : undefined;
  if (!v || !code) return undefined;
  return domainError(code, v.params);
}
