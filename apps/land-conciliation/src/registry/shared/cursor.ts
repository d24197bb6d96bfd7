import { domainError } from '@prosmed/contracts';

/**
 * Keyset pagination by code. The cursor is opaque to callers (base64url of a small JSON object) so the
 * key can change later without breaking them; a cursor that does not decode is a validation error.
 */
export function encodeCursor(afterCode: string): string {
  return Buffer.from(JSON.stringify({ v: 1, after: afterCode }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    const o = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      v?: unknown;
      after?: unknown;
    };
    if (o.v !== 1 || typeof o.after !== 'string' || o.after.length === 0) throw new Error('bad cursor');
    return o.after;
  } catch {
    throw domainError('VALIDATION_FAILED', undefined, [{ field: 'cursor', code: 'invalidCursor' }]);
  }
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

/** Rows fetched with `limit + 1`: the extra one only says whether there is a next page. */
export function pageOf<T, R>(
  rows: readonly T[],
  limit: number,
  codeOf: (row: T) => string,
  view: (row: T) => R,
): { items: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const nextCursor =
    rows.length > limit && page.length > 0 ? encodeCursor(codeOf(page[page.length - 1])) : null;
  return { items: page.map(view), nextCursor };
}
