import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { ApiError } from '../errors/api-error';
import {
  forbiddenKeyFields,
  controlCharacterFields,
  isJsonContentType,
  jsonBodyMiddleware,
  jsonDepthExceeds,
  MAX_CONTROL_DETAILS,
  MAX_JSON_DEPTH,
} from './body';
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

const bytes = (s: string) => Buffer.from(s, 'utf8');
const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`;

describe('JSON depth, scanned without recursion', () => {
  it('allows the limit and refuses one level more, for arrays, objects and mixes', () => {
    expect(jsonDepthExceeds(bytes(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonDepthExceeds(bytes(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    const objects = '{"a":'.repeat(MAX_JSON_DEPTH) + '1' + '}'.repeat(MAX_JSON_DEPTH);
    expect(jsonDepthExceeds(bytes(objects))).toBe(false);
    expect(jsonDepthExceeds(bytes(`[${objects}]`))).toBe(true);
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
  });

  it('counts the maximum, not the total: siblings do not add up', () => {
    expect(jsonDepthExceeds(bytes(`[${Array(1000).fill('[[1]]').join(',')}]`), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify({ s: '[[[[[[{{{{{' })), 2)).toBe(false);
    expect(jsonDepthExceeds(bytes(JSON.stringify({ s: 'say "[[[[" and \\' })), 1)).toBe(false);
    expect(jsonDepthExceeds(bytes(JSON.stringify({ s: 'é[[[ «ü» 🙂 [[[' })), 1)).toBe(false);
  });

  it('scans the 5,000 levels of the report (about 10 kB) in one pass, and a huge flat body too', () => {
    expect(jsonDepthExceeds(bytes(nested(5000)))).toBe(true);
    expect(jsonDepthExceeds(bytes(nested(200_000)))).toBe(true);
    expect(jsonDepthExceeds(bytes(JSON.stringify({ x: 'y'.repeat(1_000_000) })))).toBe(false);
  });
});

describe('control characters', () => {
  it('names each field whose text holds one, in document order, as validation details do', () => {
    const body = {
      summary: 'ok\ttab\nnewline\r\n',
      parties: [{ name: 'Awa' }, { name: 'Mou\u0000ssa', village: 'S\u001fgou' }],
      land: { description: 'bell\u0007' },
      members: [['x', 'y\u000b']],
      'odd key': 'z\u000c',
    };
    expect(controlCharacterFields(body)).toEqual([
      'parties[1].name',
      'parties[1].village',
      'land.description',
      'members[0][1]',
      '["odd key"]',
    ]);
  });

  it('lets tab, newline, carriage return, DEL and every printable script through', () => {
    expect(
      controlCharacterFields({ a: 'a\tb\nc\rd', b: 'x\u007fy', c: 'Ségou مالي 🙂', d: 1, e: null, f: true }),
    ).toEqual([]);
  });

  it('finds them in keys too, and escapes them in the path it reports', () => {
    expect(controlCharacterFields({ parties: [{ 'na\u0000me': 'A' }] })).toEqual([
      'parties[0]["na\\u0000me"]',
    ]);
  });

  it('reports a bare string body as (body), and each code point of C0 but tab, LF, CR', () => {
    expect(controlCharacterFields('x\u0000')).toEqual(['(body)']);
    for (let c = 0; c < 0x20; c++) {
      const allowed = c === 0x09 || c === 0x0a || c === 0x0d;
      expect(controlCharacterFields({ v: `a${String.fromCharCode(c)}b` })).toEqual(allowed ? [] : ['v']);
    }
  });

  it('lists at most a bounded number of fields', () => {
    const many = Array.from({ length: 500 }, () => '\u0000');
    expect(controlCharacterFields(many)).toHaveLength(MAX_CONTROL_DETAILS);
  });

  it('walks a deep structure without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(controlCharacterFields(deep)[0]).toMatch(/^(\[0\]){100000}$/);
  });
});

/** Runs the middleware on a fake request stream carrying `text`, resolves with what it passes to next. */
function runParser(text: string): Promise<{ err: unknown; body: unknown }> {
  const buf = Buffer.from(text, 'utf8');
  const req = Object.assign(new EventEmitter(), {
    headers: { 'content-type': 'application/json', 'content-length': String(buf.length) },
    method: 'POST',
    url: '/x',
    readable: true,
    resume: () => undefined,
    pause: () => undefined,
    unpipe: () => undefined,
    on: EventEmitter.prototype.on,
  }) as unknown as Request & EventEmitter;
  return new Promise((resolve) => {
    jsonBodyMiddleware(1024 * 1024)(req, {} as Response, (err?: unknown) =>
      resolve({ err, body: (req as { body?: unknown }).body }),
    );
    setImmediate(() => {
      req.emit('data', buf);
      req.emit('end');
    });
  });
}

describe('the JSON body middleware', () => {
  it('parses an ordinary body', async () => {
    const r = await runParser('{"name":"Awa Traoré","n":[1,[2]]}');
    expect(r.err).toBeUndefined();
    expect(r.body).toEqual({ name: 'Awa Traoré', n: [1, [2]] });
  });

  it('refuses 5,000 levels before parsing: 400 JSON_TOO_DEEP with the limit', async () => {
    const r = await runParser(nested(5000));
    expect(r.err).toBeInstanceOf(ApiError);
    expect(r.err).toMatchObject({ code: 'JSON_TOO_DEEP', status: 400, params: { max: MAX_JSON_DEPTH } });
  });

  it('refuses a NUL in a nested field: 400 CONTROL_CHARACTER with the path', async () => {
    const r = await runParser('{"parties":[{"name":"A\\u0000B"}]}');
    expect(r.err).toBeInstanceOf(ApiError);
    expect(r.err).toMatchObject({
      code: 'CONTROL_CHARACTER',
      status: 400,
      details: [{ field: 'parties[0].name', code: 'noControlCharacters' }],
    });
  });

  it("keeps the parser's own answers (broken JSON)", async () => {
    const r = await runParser('{"a":');
    expect(r.err).toMatchObject({ code: 'MALFORMED_JSON' });
  });
});

describe('keys that validation would pass over', () => {
  it('finds __proto__, constructor and prototype at any depth, and nothing else', () => {
    const body = JSON.parse(
      '{"a":1,"__proto__":{"isAdmin":true},"land":{"constructor":{"x":1}},"parties":[{"prototype":1,"name":"x"}]}',
    ) as unknown;
    expect(forbiddenKeyFields(body).sort()).toEqual([
      '__proto__',
      'land.constructor',
      'parties[0].prototype',
    ]);
    expect(forbiddenKeyFields({ name: 'constructor', proto: '__proto__' })).toEqual([]);
  });
});
