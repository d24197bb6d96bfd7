import { domainError } from '@prosmed/contracts';

/**
 * Keyset (cursor) paging: a page is "the rows after the last one seen, in a fixed order", never an
 * OFFSET, so a page costs the same deep in a list and rows inserted meanwhile do not shift it. The
 * cursor is the sort key of the last row, opaque to callers (base64url of a small JSON object) so the
 * key can change later without breaking them; one that does not decode is a validation error.
 */

/** SQL types a key column may have; each value is checked before it reaches PostgreSQL. */
export type KeyType = 'timestamptz' | 'date' | 'uuid' | 'text' | 'int';

export interface KeyColumn {
  /** The column as written in the query, e.g. `c."created_at"`. */
  sql: string;
  type: KeyType;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VALID: Record<KeyType, (v: string) => boolean> = {
  // As PostgreSQL prints it (`2026-11-29 23:11:48.370123+00`) or as ISO 8601.
  timestamptz: (v) => /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
  uuid: (v) => UUID.test(v),
  text: (v) => v.length > 0 && v.length <= 400,
  int: (v) => /^-?\d{1,15}$/.test(v),
};

function invalidCursor(): Error {
  return domainError('VALIDATION_FAILED', undefined, [{ field: 'cursor', code: 'invalidCursor' }]);
}

export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key }), 'utf8').toString('base64url');
}

/** The key a cursor carries, checked against the key columns; `VALIDATION_FAILED` (field `cursor`) if not. */
export function decodeCursor(cursor: string, columns: readonly KeyColumn[]): string[] {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    const o = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; k?: unknown };
    const k = o.k;
    if (o.v !== 1 || !Array.isArray(k) || k.length !== columns.length) throw new Error('bad cursor');
    if (!k.every((v, i): v is string => typeof v === 'string' && VALID[columns[i].type](v))) {
      throw new Error('bad key');
    }
    return k;
  } catch {
    throw invalidCursor();
  }
}

export interface KeysetInput {
  /** The sort key, most significant first; together unique (end with the id). */
  columns: readonly KeyColumn[];
  direction: 'ASC' | 'DESC';
  /** Rows per page; one more is fetched to know whether a next page exists. */
  limit: number;
  cursor?: string | null;
}

export interface KeysetSql {
  /** `(a, b) < ($1::timestamptz, $2::uuid)`, or null on the first page. */
  where: string | null;
  /** `a DESC, b DESC` */
  orderBy: string;
  /** `LIMIT $3` (limit + 1). */
  limit: string;
}

/**
 * The parts of a keyset query. `param` adds a value to the query's parameters and returns its
 * placeholder (`$n`). A row-value comparison keeps the index on (a, b) usable, and all columns go the
 * same direction so one comparison says "after".
 */
export function keyset(input: KeysetInput, param: (value: unknown) => string): KeysetSql {
  const { columns, direction } = input;
  let where: string | null = null;
  if (input.cursor) {
    const key = decodeCursor(input.cursor, columns);
    const values = key.map((v, i) => `${param(v)}::${columns[i].type}`);
    where = `(${columns.map((c) => c.sql).join(', ')}) ${direction === 'DESC' ? '<' : '>'} (${values.join(', ')})`;
  }
  return {
    where,
    orderBy: columns.map((c) => `${c.sql} ${direction}`).join(', '),
    limit: `LIMIT ${param(input.limit + 1)}`,
  };
}

export interface Page<V> {
  items: V[];
  nextCursor: string | null;
}

/**
 * A page from rows fetched with `limit + 1`: the extra row only says a next page exists. `keyOf` gives
 * a row's sort key exactly as stored (read timestamps as text: a JavaScript Date drops microseconds,
 * and a cursor a microsecond early would skip rows).
 */
export function pageOf<R, V>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => readonly string[],
  view: (row: R) => V,
): Page<V> {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(view),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}
