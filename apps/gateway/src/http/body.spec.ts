import { isJsonContentType } from './body';
import { requestIdOf } from './request-id';

describe('JSON content types', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/json;charset="UTF-8"', true],
    ['application/merge-patch+json', true],
    ['application/json; charset=latin1', false],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    ['multipart/form-data; boundary=x', false],
    ['application/jsonp', false],
    [undefined, false],
  ])('%s -> %s', (type, ok) => {
    expect(isJsonContentType(type)).toBe(ok);
  });
});

describe('X-Request-Id', () => {
  it('keeps a plausible id and replaces anything else with a UUID', () => {
    expect(requestIdOf('0b7f3c1e-4d2a-4e8b-9a61-3f0c2f7d9a10')).toBe('0b7f3c1e-4d2a-4e8b-9a61-3f0c2f7d9a10');
    expect(requestIdOf('trace:abc.def_123')).toBe('trace:abc.def_123');
    for (const bad of [
      undefined,
      'short',
      'x'.repeat(200),
      'evil\n{"level":"error"}',
      'a b c d e f g',
      ['a', 'b'],
    ]) {
      expect(requestIdOf(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
