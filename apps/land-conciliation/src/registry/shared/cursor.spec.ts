import { DomainError } from '@prosmed/contracts';
import { decodeCursor, encodeCursor, pageOf } from './cursor';

describe('registry cursor', () => {
  it('round-trips a code through an opaque base64url string', () => {
    const c = encodeCursor('TI-SEGOU');
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(c).not.toContain('TI-SEGOU');
    expect(decodeCursor(c)).toBe('TI-SEGOU');
  });

  it.each([
    ['not base64url', 'abc$%'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON without the key', Buffer.from(JSON.stringify({ v: 1 })).toString('base64url')],
    ['another version', Buffer.from(JSON.stringify({ v: 2, after: 'X' })).toString('base64url')],
    ['an empty key', Buffer.from(JSON.stringify({ v: 1, after: '' })).toString('base64url')],
  ])('refuses %s as VALIDATION_FAILED on the cursor field', (_label, cursor) => {
    try {
      decodeCursor(cursor);
      throw new Error('expected a refusal');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).toPayload()).toEqual({
        code: 'VALIDATION_FAILED',
        kind: 'validation',
        details: [{ field: 'cursor', code: 'invalidCursor' }],
      });
    }
  });

  it('gives a next cursor only when there is one more row than the page', () => {
    const rows = ['A1', 'B2', 'C3'].map((code) => ({ code }));
    const full = pageOf(
      rows,
      2,
      (r) => r.code,
      (r) => r.code,
    );
    expect(full.items).toEqual(['A1', 'B2']);
    expect(decodeCursor(full.nextCursor!)).toBe('B2');
    const last = pageOf(
      rows,
      3,
      (r) => r.code,
      (r) => r.code,
    );
    expect(last).toEqual({ items: ['A1', 'B2', 'C3'], nextCursor: null });
    expect(
      pageOf(
        [],
        5,
        (r: { code: string }) => r.code,
        (r) => r,
      ),
    ).toEqual({ items: [], nextCursor: null });
  });
});
