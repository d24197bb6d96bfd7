import type { DomainError } from '@prosmed/contracts';
import { decodeCursor, encodeCursor, keyset, pageOf, type KeyColumn } from './paging';

const byNewest: KeyColumn[] = [
  { sql: 'c."created_at"', type: 'timestamptz' },
  { sql: 'c."id"', type: 'uuid' },
];
const id = '0b5c2c4e-8a41-4c57-9a3a-3f0c1b2a9d10';
const at = '2026-11-29 23:11:48.370123+00';

function params() {
  const values: unknown[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  return { values, p };
}

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).toPayload();
  }
  throw new Error('expected a refusal');
}

describe('keyset paging', () => {
  it('round-trips a key, microseconds included', () => {
    expect(decodeCursor(encodeCursor([at, id]), byNewest)).toEqual([at, id]);
    expect(decodeCursor(encodeCursor(['2026-11-29T23:11:48.370Z', id]), byNewest)[0]).toBe(
      '2026-11-29T23:11:48.370Z',
    );
  });

  it.each([
    ['garbage', 'not a cursor!'],
    ['not JSON', Buffer.from('{').toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 2, k: [at, id] })).toString('base64url')],
    ['too few keys', encodeCursor([at])],
    ['a bad timestamp', encodeCursor(['yesterday', id])],
    ['a bad uuid', encodeCursor([at, 'x; DROP TABLE'])],
    ['a number instead of text', Buffer.from(JSON.stringify({ v: 1, k: [1, id] })).toString('base64url')],
  ])('refuses %s as a validation error on the cursor field', (_label, cursor) => {
    expect(refusal(() => decodeCursor(cursor, byNewest))).toEqual({
      code: 'VALIDATION_FAILED',
      kind: 'validation',
      details: [{ field: 'cursor', code: 'invalidCursor' }],
    });
  });

  it('builds the first page: order and limit + 1, no condition', () => {
    const { values, p } = params();
    expect(keyset({ columns: byNewest, direction: 'DESC', limit: 50 }, p)).toEqual({
      where: null,
      orderBy: 'c."created_at" DESC, c."id" DESC',
      limit: 'LIMIT $1',
    });
    expect(values).toEqual([51]);
  });

  it('builds the next page as one row-value comparison after the cursor, in the direction of the order', () => {
    const { values, p } = params();
    values.push('earlier');
    const sql = keyset(
      { columns: byNewest, direction: 'DESC', limit: 10, cursor: encodeCursor([at, id]) },
      p,
    );
    expect(sql.where).toBe('(c."created_at", c."id") < ($2::timestamptz, $3::uuid)');
    expect(sql.limit).toBe('LIMIT $4');
    expect(values).toEqual(['earlier', at, id, 11]);
    const asc = keyset(
      {
        columns: [{ sql: 'code', type: 'text' }],
        direction: 'ASC',
        limit: 5,
        cursor: encodeCursor(['SEG01']),
      },
      params().p,
    );
    expect(asc.where).toBe('(code) > ($1::text)');
  });

  it('makes a page from limit + 1 rows, with a cursor only when there is more', () => {
    const rows = [1, 2, 3].map((n) => ({ n, key: [`k${n}`] }));
    const more = pageOf(
      rows,
      2,
      (r) => r.key,
      (r) => r.n,
    );
    expect(more.items).toEqual([1, 2]);
    expect(decodeCursor(more.nextCursor!, [{ sql: 'x', type: 'text' }])).toEqual(['k2']);
    expect(
      pageOf(
        rows,
        3,
        (r) => r.key,
        (r) => r.n,
      ),
    ).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(
      pageOf(
        [],
        3,
        () => [],
        (r) => r,
      ),
    ).toEqual({ items: [], nextCursor: null });
  });
});
