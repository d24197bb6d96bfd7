import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { REPO_ROOT } from '@prosmed/testing';
import {
  Hint,
  RawJson,
  resolveHints,
  setOwn,
  toJsonText,
  toJsonTextCapped,
  type FuzzObject,
} from './json-text';
import { KNOWN_FINDINGS, knownFindingFor, type KnownFinding } from './known-findings';
import { checkAnswer, reasonCode, type OracleInput } from './oracle';
import { operationsOf, type OpenApiDoc } from './openapi-model';
import { mutatedValue, requestArbitrary, validValue } from './request-gen';
import { paramViolations, schemaViolations } from './schema-check';
import { hasNul, jsonDepth, requestHeadTooLarge, type SentRequest } from './triggers';
import { WriteTracker } from './write-tracker';

/** The fuzzer's own parts, without servers: if these lie, the end-to-end run proves nothing. */
const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8')) as OpenApiDoc;
const ops = operationsOf(doc);
const withBody = ops.filter((o) => o.body);

const resolve = (v: Parameters<typeof resolveHints>[0]) =>
  resolveHints(v, (h: Hint) => (h.name === 'version' ? 3 : '00000000-0000-4000-8000-000000000000'));

describe('generator', () => {
  it('reads every operation of the checked-in document, with its permission', () => {
    expect(ops.length).toBeGreaterThan(10);
    expect(ops.find((o) => o.key === 'POST /api/v1/cases')).toMatchObject({ permission: 'case:write' });
    expect(withBody.length).toBeGreaterThan(5);
  });

  it.each(withBody.map((o) => [o.key, o]))('makes bodies the document calls valid for %s', (_k, op) => {
    fc.assert(
      fc.property(validValue(op.body!.schema), (v) => {
        const parsed: unknown = JSON.parse(toJsonText(resolve(v)));
        expect(schemaViolations(op.body!.schema, parsed)).toEqual([]);
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('labels every mutation; a dropped required field or an unknown field makes the body invalid', () => {
    const op = ops.find((o) => o.key === 'POST /api/v1/cases')!;
    fc.assert(
      fc.property(mutatedValue(op.body!.schema), ({ value, labels }) => {
        expect(labels.length).toBeGreaterThan(0);
        // Capped as the run sends it: 20,000 copies of a 20,000-deep array is past any string's length
        // (the run sends the first megabytes; such a body is never a single structural mutation).
        const { text, truncated } = toJsonTextCapped(resolve(value));
        // One mutation only: a later one may undo an earlier one (drop the field just added).
        const structural = labels.length === 1 && /^mutated:(drop-required|extra) /.test(labels[0]);
        if (structural) {
          expect(truncated).toBe(false);
          expect(schemaViolations(op.body!.schema, JSON.parse(text)).length).toBeGreaterThan(0);
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('generates requests for every operation of the document (seeded: the same twice)', () => {
    for (const op of ops) {
      const a = fc.sample(requestArbitrary(op), { seed: 1, numRuns: 5 });
      const b = fc.sample(requestArbitrary(op), { seed: 1, numRuns: 5 });
      expect(a.map((r) => r.labels)).toEqual(b.map((r) => r.labels));
    }
  });
});

describe('JSON text', () => {
  it('writes what JSON.stringify cannot: -0, 1e400, an own __proto__ key', () => {
    const o: FuzzObject = {};
    setOwn(o, '__proto__', { isAdmin: true });
    setOwn(o, 'n', new RawJson('-0', 'minus zero'));
    setOwn(o, 'big', new RawJson('1e400', 'past double'));
    expect(toJsonText(o)).toBe('{"__proto__":{"isAdmin":true},"n":-0,"big":1e400}');
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  });

  it('cuts a text that would be gigabytes, and keeps shared values shared when resolving hints', () => {
    const long = 'x'.repeat(300_000);
    const huge = Array.from({ length: 20_000 }, () => ({ name: long }));
    const r = toJsonTextCapped(huge, 1_000_000);
    expect(r.truncated).toBe(true);
    expect(r.text.length).toBeLessThanOrEqual(1_000_001);
    const item = { version: new Hint('version', 1) };
    const resolved = resolveHints([item, item], () => 7) as { version: number }[];
    expect(resolved[0]).toBe(resolved[1]);
    expect(resolved[0].version).toBe(7);
  });

  it('refuses to write an unresolved hint', () => {
    expect(() => toJsonText({ version: new Hint('version', 1) })).toThrow(/unresolved/);
  });
});

describe('schema check', () => {
  const s = {
    type: 'object',
    required: ['version', 'kind'],
    properties: {
      version: { type: 'number', minimum: 1 },
      kind: { type: 'string', enum: ['a', 'b'] },
      note: { type: 'object', nullable: true },
    },
  };
  it('accepts a valid body, and anything in a field Swagger left untyped', () => {
    expect(schemaViolations(s, { version: 2, kind: 'a', note: [1, { x: 2 }] })).toEqual([]);
  });
  it('says why a body is invalid', () => {
    expect(schemaViolations(s, { kind: 'c', extra: 1 })).toEqual([
      '$.version: required, missing',
      '$.kind: "c" not in enum',
      '$.extra: unknown field',
    ]);
    expect(schemaViolations(s, { version: 1.5e308, kind: 'a' })).toEqual([
      '$.version: absurd number 1.5e+308',
    ]);
    expect(schemaViolations(s, { version: '2', kind: null })).toEqual([
      '$.version: string where number is expected',
      '$.kind: null where string is expected',
    ]);
  });
  it('reads query parameters as the gateway does', () => {
    const specs = ops.find((o) => o.key === 'GET /api/v1/cofos')!.queryParams;
    expect(paramViolations(specs, [['limit', '20']], 'query')).toEqual([]);
    expect(paramViolations(specs, [['limit', 'abc']], 'query')).toEqual([
      'query.limit: "abc" is not a number',
    ]);
    expect(
      paramViolations(
        specs,
        [
          ['limit', '1'],
          ['limit', '2'],
        ],
        'query',
      ),
    ).toEqual(['query.limit: repeated']);
    expect(paramViolations(specs, [['nope', '1']], 'query')).toEqual(['query.nope: unknown parameter']);
  });
});

describe('oracle', () => {
  const input: OracleInput = {
    requestId: 'fuzz-x-1',
    requestText: '',
    documentedCodes: new Set(['VALIDATION_FAILED', 'INTERNAL_ERROR']),
    invalidReasons: [],
    callerAllowed: true,
  };
  const answer = (status: number, body: unknown, requestId = 'fuzz-x-1') => ({
    status,
    headers: new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId }),
    text: JSON.stringify(body),
  });
  const ok400 = {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: 'Champs invalides',
    requestId: 'fuzz-x-1',
  };

  it('accepts the standard error body, with or without details', () => {
    expect(checkAnswer(answer(400, ok400), input)).toEqual([]);
    expect(
      checkAnswer(
        answer(400, { ...ok400, details: [{ field: 'a', code: 'isString', message: 'm' }] }),
        input,
      ),
    ).toEqual([]);
  });

  it('flags a 5xx, a wrong body, an undocumented code, a stack trace', () => {
    const kinds = (status: number, body: unknown, i = input) =>
      checkAnswer(answer(status, body), i).map((v) => v.kind);
    expect(kinds(500, { ...ok400, statusCode: 500, code: 'INTERNAL_ERROR' })).toEqual(['server-error']);
    expect(kinds(400, { statusCode: 400, message: 'Bad Request' })).toEqual(['error-body']);
    expect(kinds(400, { ...ok400, code: 'SOMETHING_NEW' })).toEqual(['error-body']);
    expect(kinds(400, { ...ok400, requestId: 'other' })).toEqual(['error-body']);
    expect(kinds(400, { ...ok400, message: 'TypeError: x\n    at f (/work/main/apps/a.js:1:2)' })).toEqual([
      'leak',
      'leak',
      'leak',
    ]);
  });

  it('does not take an echo of the request for a leak', () => {
    const echoed = { ...input, requestText: '{"summary":"TypeError"}' };
    expect(checkAnswer(answer(201, { summary: 'TypeError' }), echoed)).toEqual([]);
  });

  it('wants an invalid request refused, not handled', () => {
    const invalid = { ...input, invalidReasons: ['$.version: absurd number 1.5e+308'] };
    const conflict = { statusCode: 409, code: 'VALIDATION_FAILED', message: 'm', requestId: 'fuzz-x-1' };
    expect(checkAnswer(answer(409, conflict), invalid).map((v) => v.kind)).toEqual(['invalid-accepted']);
    expect(checkAnswer(answer(400, ok400), invalid)).toEqual([]);
    expect(checkAnswer(answer(409, conflict), { ...invalid, callerAllowed: false })).toEqual([]);
  });
});

describe('known findings', () => {
  const sent = (over: Partial<SentRequest>): SentRequest => ({
    route: 'POST /api/v1/cases',
    caller: 'secretaire.segou',
    method: 'POST',
    url: '/api/v1/cases',
    bodyText: '{}',
    parsedBody: {},
    headBytes: 500,
    invalidReasons: [],
    labels: [],
    ...over,
  });
  const accepted = (code: string) => ({ kind: 'invalid-accepted' as const, code, detail: '' });

  it('tolerates a known finding only on its routes, with its code, when the request has its trigger', () => {
    // F5 as it stood while open (fixed since): the table's shape, exercised on a finding of its own.
    const f5: KnownFinding = {
      id: 'F5-oversized-url-bare-431',
      routes: ['GET /api/v1/places'],
      kind: 'error-body',
      codes: ['431'],
      trigger: 'a request line and headers over 16 kB',
      matches: requestHeadTooLarge,
      reason: 'example',
    };
    const bare431 = { kind: 'error-body' as const, code: '431', detail: '' };
    const long = sent({ route: 'GET /api/v1/places', method: 'GET', headBytes: 20_000 });
    expect(knownFindingFor('GET /api/v1/places', bare431, long, [f5])?.id).toBe('F5-oversized-url-bare-431');
    expect(knownFindingFor('GET /api/v1/places', bare431, long)).toBeUndefined();
    expect(knownFindingFor('POST /api/v1/cases', bare431, long, [f5])).toBeUndefined();
    expect(knownFindingFor('GET /api/v1/places', { ...bare431, code: '400' }, long, [f5])).toBeUndefined();
    expect(
      knownFindingFor('GET /api/v1/places', bare431, { ...long, headBytes: 2_000 }, [f5]),
    ).toBeUndefined();
    const proto = sent({ invalidReasons: ['$.__proto__: unknown field'] });
    expect(knownFindingFor('POST /api/v1/cases', accepted('unknown-field:__proto__'), proto)).toBeUndefined();
    const v500 = { kind: 'server-error' as const, code: 'INTERNAL_ERROR', detail: '' };
    expect(
      knownFindingFor('POST /api/v1/cases', v500, sent({ parsedBody: { a: '\u0000' } })),
    ).toBeUndefined();
  });

  it('names what was accepted by the first reason', () => {
    expect(reasonCode('$.memberMarks[0].constructor: unknown field')).toBe('unknown-field:constructor');
    expect(reasonCode('$.zz: unknown field')).toBe('unknown-field');
    expect(reasonCode('$.version: absurd number 1.5e+308')).toBe('absurd-number');
    expect(reasonCode('$.land: required, missing')).toBe('missing');
    expect(reasonCode('query.limit: 101 > 100')).toBe('range');
  });

  it('gives every entry a reason, a trigger and exact routes of the document', () => {
    const keys = new Set(ops.map((o) => o.key));
    for (const k of KNOWN_FINDINGS) {
      expect(k.reason.length).toBeGreaterThan(10);
      expect(k.trigger.length).toBeGreaterThan(5);
      expect(k.codes.length).toBeGreaterThan(0);
      for (const r of k.routes)
        expect({ id: k.id, route: r, inDocument: keys.has(r) }).toMatchObject({ inDocument: true });
    }
  });
});

describe('triggers', () => {
  it('finds a NUL at any depth, in keys too', () => {
    expect(hasNul({ a: [{ b: 'x\u0000' }] })).toBe(true);
    expect(hasNul({ ['k\u0000']: 1 })).toBe(true);
    expect(hasNul({ a: '\\u0000' })).toBe(false);
  });
  it('measures nesting without being fooled by brackets in strings', () => {
    expect(jsonDepth('[[["]]]]]]"]]]')).toBe(3);
    expect(jsonDepth('{"a":'.repeat(5000) + '1' + '}'.repeat(5000))).toBe(5000);
  });
});

describe('write check', () => {
  const tracker = new WriteTracker(true);
  const snap = (counts: Record<string, number>, owned: Record<string, number> = {}, attributed = {}) => ({
    counts,
    owned,
    attributed,
  });

  it('charges a request with rows carrying its id and with changes to fuzz-owned records', () => {
    const before = snap({ t: 1 }, { 'pv (owned)': 2 });
    const after = snap({ t: 1 }, { 'pv (owned)': 3 }, { 'audit (attributed)': 1 });
    expect(tracker.compare(before, after).attributed).toEqual([
      "audit (attributed): 1 row(s) with the request's id",
      'pv (owned): 2 -> 3 on fuzz-owned records',
    ]);
  });

  it('reports a table that grew, and not one that shrank (a purge)', () => {
    expect(tracker.compare(snap({ a: 1, b: 5 }), snap({ a: 2, b: 4 }))).toEqual({
      attributed: [],
      grew: ['a: 1 -> 2'],
    });
  });
});
