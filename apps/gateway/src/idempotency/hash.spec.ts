import { canonicalJson, IDEMPOTENCY_KEY, requestHash } from './hash';

describe('canonical JSON', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('drops undefined members like JSON.stringify, and handles scalars', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(canonicalJson('é')).toBe('"é"');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('request hash', () => {
  const body = { code: 'SEG01', members: [{ name: 'A', sex: 'F' }] };
  const h = requestHash('POST', '/api/v1/cofos', body, 'sub-1');

  it('is the same for the same request whatever the key order', () => {
    expect(
      requestHash('post', '/api/v1/cofos', { members: [{ sex: 'F', name: 'A' }], code: 'SEG01' }, 'sub-1'),
    ).toBe(h);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs with the body, the path, the method or the caller', () => {
    expect(requestHash('POST', '/api/v1/cofos', { ...body, code: 'SEG02' }, 'sub-1')).not.toBe(h);
    expect(requestHash('POST', '/api/v1/tribunals', body, 'sub-1')).not.toBe(h);
    expect(requestHash('PUT', '/api/v1/cofos', body, 'sub-1')).not.toBe(h);
    expect(requestHash('POST', '/api/v1/cofos', body, 'sub-2')).not.toBe(h);
  });

  it('cannot be fooled by moving text between fields', () => {
    expect(requestHash('POST', '/a', { x: 'b\nc' }, 's')).not.toBe(
      requestHash('POST', '/a\nb', { x: 'c' }, 's'),
    );
  });
});

describe('Idempotency-Key format', () => {
  it.each([
    ['0b7f3c1e-4d2a-4e8b-9a61-3f0c2f7d9a10', true],
    ['retry_2024_0001', true],
    ['short', false],
    ['a'.repeat(129), false],
    ['has space inside', false],
    ['ключ-ключ-ключ', false],
  ])('%s -> %s', (key, ok) => {
    expect(IDEMPOTENCY_KEY.test(key)).toBe(ok);
  });
});
