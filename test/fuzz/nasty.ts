import fc from 'fast-check';
import { RawJson, type FuzzValue } from './json-text';

/**
 * What people and attackers actually type, grouped so that the reports say which kind broke something.
 * Sizes stay under the gateway's body limit (256 kB by default) except where the point is to cross it.
 */
export const NASTY_STRINGS: Record<string, readonly string[]> = {
  control: [
    '\u0000',
    'Mariam\u0000Coulibaly',
    '\u0001\u0002\u0003\u0007\b',
    'tab\there\nnew line\r\ncarriage',
    '\u000b\u000c\u001b[31mred\u001b[0m',
    '\u007f\u0080\u0085\u009f',
    'line\u2028separator\u2029paragraph',
  ],
  unicode: [
    'Sékou Kéïta, Ségou, çà et là, Œuvre',
    'e\u0301te\u0301 (combining accents)',
    'عبد الله كوليبالي',
    'ߒߞߏ ߞߊ߲ (N’Ko)',
    'ⵜⴰⵎⴰⵣⵉⵖⵜ (tifinagh)',
    '👩🏾‍🌾🌾🐄 champ 🏞️',
    '\u200f\u202eRTL override\u202c\u200e',
    '\u200b\u200c\u200d\ufeff zero width',
    '\ud800 lone surrogate',
    '\uffff\ufffe',
    'ＳＥＧ０１ (full width)',
    'İıŞş (Turkish case)',
  ],
  injection: [
    "' OR '1'='1",
    "'; DROP TABLE land.dispute_case; --",
    '" OR 1=1 --',
    '1; SELECT pg_sleep(5)--',
    "%' OR 1=1 --",
    '%_%',
    '\\',
    '\\u0000',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '{{7*7}}${7*7}<%= 7*7 %>',
    '%s%s%s%n%x',
    '$where',
    '{"$gt":""}',
  ],
  path: [
    '../../../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '..\\..\\windows\\win.ini',
    '/dev/random',
    'file:///etc/passwd',
    '%00',
    '%E0%A4%A',
    'http://169.254.169.254/latest/meta-data/',
  ],
  prototype: [
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'toString',
    'valueOf',
    '__defineGetter__',
  ],
  shape: [
    '',
    ' ',
    '   ',
    'null',
    'undefined',
    'true',
    '0',
    '-1',
    'NaN',
    'Infinity',
    '[]',
    '{}',
    '2026-02-30',
    '9999-12-31',
    '0000-00-00',
    '2026-11-20T25:61:00Z',
  ],
};

export const NASTY_STRING_KINDS = Object.keys(NASTY_STRINGS);

/** Keys an attacker adds to an object: prototype pollution, Mongo-style operators, privilege fields. */
export const NASTY_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  'isAdmin',
  'roles',
  'id',
  'createdBy',
  'version',
  '',
  ' ',
  'a'.repeat(300),
  'clé-é',
  '\u0000',
];

/** Numbers at the edges: beyond 2^53, beyond the double range, signed zero, tiny, huge exponents. */
export const NASTY_NUMBERS: readonly number[] = [
  0,
  -1,
  0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  1.5e308,
  Number.MAX_VALUE,
  5e-324,
];

/** Number literals JSON.stringify cannot write: they go out as raw text. */
export const RAW_NUMBERS: readonly string[] = [
  '-0',
  '-0.0',
  '1e400',
  '-1e400',
  '1E-400',
  '1.5e308',
  '1.0',
  '100000000000000000000000000000',
];

export function nastyString(): fc.Arbitrary<{ kind: string; value: string }> {
  return fc.oneof(
    ...NASTY_STRING_KINDS.map((kind) =>
      fc.constantFrom(...NASTY_STRINGS[kind]).map((value) => ({ kind, value })),
    ),
    // Long text: past every maxLength, some near or past the body limit.
    fc
      .tuple(
        fc.constantFrom(201, 1_001, 10_000, 100_000, 300_000),
        fc.constantFrom('a', 'é', '🌾', 'ߒ', '\u0000'),
      )
      .map(([n, c]) => ({ kind: `long-${c === '\u0000' ? 'nul' : 'text'}`, value: c.repeat(n) })),
    // A random string of any code point: what a broken client or a mis-decoded file sends.
    fc.string({ unit: 'binary', maxLength: 40 }).map((value) => ({ kind: 'random-unicode', value })),
  );
}

export function nastyNumber(): fc.Arbitrary<{ kind: string; value: FuzzValue }> {
  return fc.oneof(
    fc.constantFrom(...NASTY_NUMBERS).map((value) => ({ kind: 'edge-number', value: value as FuzzValue })),
    fc
      .constantFrom(...RAW_NUMBERS)
      .map((t) => ({ kind: 'raw-number', value: new RawJson(t, `number ${t}`) })),
    fc.double().map((value) => ({ kind: 'random-double', value: value as FuzzValue })),
  );
}

/** `depth` levels of arrays or objects, written as text (no recursion on our side). */
export function deepNesting(depth: number, kind: 'array' | 'object'): RawJson {
  const text =
    kind === 'array'
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  return new RawJson(text, `${kind} nested ${depth} deep`);
}

export function deepValue(): fc.Arbitrary<{ kind: string; value: FuzzValue }> {
  return fc
    .tuple(
      fc.constantFrom(32, 200, 1_000, 5_000, 20_000),
      fc.constantFrom<'array' | 'object'>('array', 'object'),
    )
    .map(([d, k]) => ({ kind: `deep-${k}-${d}`, value: deepNesting(d, k) }));
}

/** A value of any JSON type (for wrong-type mutations and random bodies). */
export function anyJson(): fc.Arbitrary<FuzzValue> {
  return fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<FuzzValue>;
}

/** Whole bodies that are not JSON, or JSON a careful parser should think twice about. */
export const MALFORMED_BODIES: readonly { label: string; text: string; json: boolean }[] = [
  { label: 'empty', text: '', json: false },
  { label: 'truncated', text: '{"version": 1, "kind": "con', json: false },
  { label: 'trailing comma', text: '{"a":1,}', json: false },
  { label: 'single quotes', text: "{'a': 1}", json: false },
  { label: 'NaN literal', text: '{"version": NaN}', json: false },
  { label: 'Infinity literal', text: '{"version": Infinity}', json: false },
  { label: 'hex number', text: '{"version": 0x10}', json: false },
  { label: 'comment', text: '{"a": 1 /* x */}', json: false },
  { label: 'trailing garbage', text: '{} garbage', json: false },
  { label: 'two documents', text: '{}{}', json: false },
  { label: 'bare word', text: 'undefined', json: false },
  { label: 'unterminated string', text: '{"a": "abc', json: false },
  { label: 'bad escape', text: '{"a": "\\x41"}', json: false },
  { label: 'raw control char in string', text: '{"a": "x\u0001y"}', json: false },
  { label: 'top-level string', text: '"text"', json: true },
  { label: 'top-level number', text: '42', json: true },
  { label: 'top-level null', text: 'null', json: true },
  { label: 'top-level array', text: '[{"version":1}]', json: true },
  { label: 'BOM then object', text: '\ufeff{}', json: false },
  { label: 'proto pollution', text: '{"__proto__":{"isAdmin":true,"roles":["admin"]}}', json: true },
  { label: 'constructor pollution', text: '{"constructor":{"prototype":{"isAdmin":true}}}', json: true },
  { label: 'duplicate keys', text: '{"version":1,"version":"x"}', json: true },
  { label: 'lone surrogate escape', text: '{"a":"\\ud800"}', json: true },
  { label: 'escaped NUL', text: '{"a":"\\u0000"}', json: true },
];
