import fc from 'fast-check';
import { copyValue, Hint, isPlainObject, setOwn, type FuzzObject, type FuzzValue } from './json-text';
import { anyJson, deepValue, MALFORMED_BODIES, NASTY_KEYS, nastyNumber, nastyString } from './nasty';
import { isUntyped, type FuzzOperation, type ParamSpec, type Schema } from './openapi-model';

/**
 * One generated request, before the values that depend on the running system (fixture ids, versions,
 * fresh idempotency keys) are filled in. Everything here comes from the seed, so a seed and a run index
 * name one request for ever.
 */
export interface GeneratedRequest {
  path: Record<string, PathValue>;
  /** Query parameters as text, before percent-encoding; `rawQuery` replaces them when set. */
  query: [string, string][];
  rawQuery?: string;
  headers: { idempotencyKey?: KeyChoice; acceptLanguage?: string };
  body: BodyChoice;
  /** What was done to the request, for the reports ("mutated:drop-required $.land", "malformed:truncated"). */
  labels: string[];
}

/** A path parameter: the n-th candidate the fuzz context offers (a fixture, a real record), or a value. */
export type PathValue =
  | { kind: 'pick'; index: number }
  | { kind: 'nothing' }
  | { kind: 'value'; value: string; label: string; raw?: boolean };

export type KeyChoice = { kind: 'fresh' } | { kind: 'none' } | { kind: 'value'; value: string };

export type BodyChoice =
  | { kind: 'none' }
  | { kind: 'json'; value: FuzzValue; contentType: string }
  | { kind: 'raw'; text: string; contentType: string; parses: boolean; label: string }
  | { kind: 'bytes'; bytes: number[]; contentType: string; label: string };

const JSON_TYPE = 'application/json';

// ------------------------------------------------------------------------------------------ valid values

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function isDateField(name: string, s: Schema): boolean {
  return (
    (typeof s.example === 'string' && DATE_RE.test(s.example)) || /(^date$|On$|Date$|From$|To$)/.test(name)
  );
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Dates the procedure can live with: the last two years up to today. */
function recentDate(): fc.Arbitrary<string> {
  const now = Date.now();
  return fc.integer({ min: 0, max: 730 }).map((days) => isoDay(new Date(now - days * 86_400_000)));
}

/**
 * A value the document calls valid (or nearly: a pattern or an example the service refuses on a
 * business rule is still worth sending). `name` is the property's name: `version` and `partyId` become
 * hints, resolved against the fixture the request targets, so valid requests go past the version check.
 */
export function validValue(s: Schema, name = ''): fc.Arbitrary<FuzzValue> {
  const base = validOfType(s, name);
  const withNull = s.nullable
    ? fc.oneof({ weight: 6, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
    : base;
  if (name === 'version' && (s.type === 'number' || s.type === 'integer')) {
    return fc.oneof(
      { weight: 5, arbitrary: fc.constant(new Hint('version', 1)) },
      { weight: 1, arbitrary: withNull },
    );
  }
  if (name === 'partyId') {
    return fc.oneof(
      { weight: 5, arbitrary: fc.constant(new Hint('partyId', null)) },
      { weight: 1, arbitrary: withNull },
    );
  }
  return withNull;
}

function validOfType(s: Schema, name: string): fc.Arbitrary<FuzzValue> {
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...(s.enum as FuzzValue[]));
  const example = s.example as FuzzValue | undefined;
  if (isUntyped(s)) {
    // Swagger's `type: object` for `string | null`: the example says what the field really takes.
    return example !== undefined ? fc.constant(example) : fc.constantFrom<FuzzValue>(null, 'texte libre');
  }
  switch (s.type) {
    case 'string': {
      const gen = genString(s, name);
      return example !== undefined
        ? fc.oneof({ weight: 3, arbitrary: fc.constant(example) }, { weight: 1, arbitrary: gen })
        : gen;
    }
    case 'number':
    case 'integer': {
      const min = s.minimum ?? 0;
      const max = s.maximum ?? Math.max(min + 1000, 1000);
      const gen: fc.Arbitrary<FuzzValue> =
        s.type === 'integer' || Number.isInteger(example ?? 1)
          ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
          : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return example !== undefined
        ? fc.oneof({ weight: 2, arbitrary: fc.constant(example) }, { weight: 1, arbitrary: gen })
        : gen;
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = s.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 3, 3));
      const gen = fc.array(validValue(s.items ?? {}), { minLength, maxLength });
      return Array.isArray(example) ? fc.oneof(fc.constant(example), gen) : gen;
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = s.required ?? [];
      const model: Record<string, fc.Arbitrary<FuzzValue>> = {};
      for (const [k, p] of Object.entries(props)) model[k] = validValue(p, k);
      return fc.record(model, {
        requiredKeys: required.filter((r) => r in props),
      }) as fc.Arbitrary<FuzzValue>;
    }
    default:
      return example !== undefined ? fc.constant(example) : fc.constant(null);
  }
}

function genString(s: Schema, name: string): fc.Arbitrary<FuzzValue> {
  if (s.format === 'uuid') return fc.uuid();
  if (isDateField(name, s)) return recentDate();
  const minLength = Math.max(1, s.minLength ?? 1);
  const maxLength = Math.max(minLength, Math.min(s.maxLength ?? 30, 30));
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return fc
      .stringMatching(re)
      .filter((x) => x.length >= minLength && x.length <= (s.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

// ------------------------------------------------------------------------------------------ mutations

/** A node of a generated value: where it is, what the document says of it, whether it is required. */
interface Node {
  path: (string | number)[];
  schema?: Schema;
  required: boolean;
}

/** Arrays are visited on their first elements only: the 20,000th party is no different from the 5th. */
const ARRAY_VISIT = 5;

function nodesOf(v: FuzzValue, s: Schema | undefined): Node[] {
  const out: Node[] = [];
  const stack: { v: FuzzValue; node: Node }[] = [{ v, node: { path: [], schema: s, required: true } }];
  while (stack.length > 0) {
    const { v: cur, node } = stack.pop()!;
    out.push(node);
    if (Array.isArray(cur)) {
      cur.slice(0, ARRAY_VISIT).forEach((x, i) =>
        stack.push({
          v: x,
          node: { path: [...node.path, i], schema: node.schema?.items, required: false },
        }),
      );
    } else if (isPlainObject(cur)) {
      const ns = node.schema;
      for (const k of Object.keys(cur)) {
        const p =
          ns?.properties && Object.prototype.hasOwnProperty.call(ns.properties, k)
            ? ns.properties[k]
            : undefined;
        stack.push({
          v: cur[k],
          node: { path: [...node.path, k], schema: p, required: (ns?.required ?? []).includes(k) },
        });
      }
    }
  }
  return out;
}

function getAt(root: FuzzValue, path: (string | number)[]): FuzzValue {
  let cur: FuzzValue = root;
  for (const k of path) cur = (cur as Record<string | number, FuzzValue>)[k];
  return cur;
}

/** Sets (or, with `undefined`, removes) the node at `path`; the root is replaced through the return value. */
function setAt(root: FuzzValue, path: (string | number)[], value: FuzzValue | undefined): FuzzValue {
  if (path.length === 0) return value === undefined ? null : value;
  const parent = getAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (isPlainObject(parent)) {
    if (value === undefined) delete parent[key as string];
    else setOwn(parent, key as string, value);
  }
  return root;
}

const fmt = (path: (string | number)[]) =>
  '$' + path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');

type Mutation = {
  kind: string;
  apply: (root: FuzzValue, nodes: Node[]) => { root: FuzzValue; label: string };
};

const WRONG_TYPES: FuzzValue[] = ['1', 1, true, [], {}, [1, 'a'], { a: 1 }, 'true', '2026-11-20'];

/** The n-th value (cyclically) whose JSON type is not the one the schema names. */
function wrongTypeFor(s: Schema | undefined, n: number): FuzzValue {
  const t = s?.type === 'integer' ? 'number' : s?.type;
  const pool = WRONG_TYPES.filter((c) => (Array.isArray(c) ? 'array' : typeof c) !== t);
  return copyValue(pool[n % pool.length]);
}

function mutation(): fc.Arbitrary<Mutation> {
  const pick = fc.nat();
  return fc.oneof(
    // Missing field at any depth (required or not: a missing optional one must still be answered).
    pick.map((n): Mutation => ({
      kind: 'drop',
      apply: (root, nodes) => {
        const fields = nodes.filter((x) => x.path.length > 0);
        if (fields.length === 0) return { root, label: 'drop (nothing to drop)' };
        const node = fields[n % fields.length];
        return {
          root: setAt(root, node.path, undefined),
          label: `drop${node.required ? '-required' : ''} ${fmt(node.path)}`,
        };
      },
    })),
    // Extra field at any depth: prototype pollution keys, privilege fields, odd names.
    fc
      .tuple(pick, fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 12 })), anyJson())
      .map(([n, key, value]): Mutation => ({
        kind: 'extra',
        apply: (root, nodes) => {
          const objects = nodes.filter((x) => isPlainObject(getAt(root, x.path)));
          if (objects.length === 0) return { root, label: 'extra (no object)' };
          const node = objects[n % objects.length];
          const known =
            !!node.schema?.properties && Object.prototype.hasOwnProperty.call(node.schema.properties, key);
          setOwn(getAt(root, node.path) as FuzzObject, key, value);
          return { root, label: `${known ? 'replace' : 'extra'} ${fmt([...node.path, key])}` };
        },
      })),
    fc.tuple(pick, fc.nat()).map(([n, m]): Mutation => ({
      kind: 'wrong-type',
      apply: (root, nodes) => {
        const node = nodes[n % nodes.length];
        return {
          root: setAt(root, node.path, wrongTypeFor(node.schema, m)),
          label: `wrong-type ${fmt(node.path)}`,
        };
      },
    })),
    fc.tuple(pick, nastyString()).map(([n, s]): Mutation => ({
      kind: 'string',
      apply: (root, nodes) => {
        // Strings go where strings (or untyped values) are: that is where a person types them.
        const texts = nodes.filter((x) => x.schema && (x.schema.type === 'string' || isUntyped(x.schema)));
        const pool = texts.length > 0 ? texts : nodes;
        const node = pool[n % pool.length];
        return { root: setAt(root, node.path, s.value), label: `string:${s.kind} ${fmt(node.path)}` };
      },
    })),
    fc.tuple(pick, nastyNumber()).map(([n, x]): Mutation => ({
      kind: 'number',
      apply: (root, nodes) => {
        const numbers = nodes.filter(
          (y) => y.schema && (y.schema.type === 'number' || y.schema.type === 'integer'),
        );
        const pool = numbers.length > 0 ? numbers : nodes;
        const node = pool[n % pool.length];
        return { root: setAt(root, node.path, x.value), label: `number:${x.kind} ${fmt(node.path)}` };
      },
    })),
    fc.tuple(pick, deepValue()).map(([n, d]): Mutation => ({
      kind: 'deep',
      apply: (root, nodes) => {
        const node = nodes[n % nodes.length];
        return { root: setAt(root, node.path, d.value), label: `${d.kind} ${fmt(node.path)}` };
      },
    })),
    fc.tuple(pick, fc.constantFrom(51, 1_000, 20_000)).map(([n, size]): Mutation => ({
      kind: 'long-array',
      apply: (root, nodes) => {
        const arrays = nodes.filter((x) => Array.isArray(getAt(root, x.path)));
        const pool = arrays.length > 0 ? arrays : nodes;
        const node = pool[n % pool.length];
        const cur = getAt(root, node.path);
        const item = Array.isArray(cur) ? (cur[0] ?? 'x') : cur;
        return {
          // The same item, not copies: 20,000 copies of a long array would be millions of objects.
          root: setAt(
            root,
            node.path,
            Array.from({ length: size }, () => item),
          ),
          label: `long-array:${size} ${fmt(node.path)}`,
        };
      },
    })),
    pick.map((n): Mutation => ({
      kind: 'null',
      apply: (root, nodes) => {
        const node = nodes[n % nodes.length];
        return { root: setAt(root, node.path, null), label: `null ${fmt(node.path)}` };
      },
    })),
  );
}

/** A valid value with one to three mutations, each at a place drawn among the value's nodes. */
export function mutatedValue(s: Schema): fc.Arbitrary<{ value: FuzzValue; labels: string[] }> {
  return fc.tuple(validValue(s), fc.array(mutation(), { minLength: 1, maxLength: 3 })).map(([v, ms]) => {
    let root = copyValue(v);
    const labels: string[] = [];
    for (const m of ms) {
      const r = m.apply(root, nodesOf(root, s));
      root = r.root;
      labels.push(`mutated:${r.label}`);
    }
    return { value: root, labels };
  });
}

// ------------------------------------------------------------------------------------------ bodies

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'APPLICATION/JSON',
  'application/json; charset="UTF-8"',
  'multipart/form-data; boundary=x',
];

function bodyChoice(op: FuzzOperation): fc.Arbitrary<{ body: BodyChoice; labels: string[] }> {
  const s = op.body?.schema ?? { type: 'object' };
  const json = (value: FuzzValue, contentType = JSON_TYPE): BodyChoice => ({
    kind: 'json',
    value,
    contentType,
  });
  return fc.oneof(
    { weight: 3, arbitrary: validValue(s).map((v) => ({ body: json(v), labels: ['valid'] })) },
    { weight: 7, arbitrary: mutatedValue(s).map((m) => ({ body: json(m.value), labels: m.labels })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(...MALFORMED_BODIES).map((m) => ({
        body: {
          kind: 'raw',
          text: m.text,
          contentType: JSON_TYPE,
          parses: m.json,
          label: m.label,
        } as BodyChoice,
        labels: [`malformed:${m.label}`],
      })),
    },
    { weight: 1, arbitrary: anyJson().map((v) => ({ body: json(v), labels: ['random-json'] })) },
    {
      weight: 1,
      arbitrary: deepValue().map((d) => ({ body: json(d.value), labels: [`body:${d.kind}`] })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validValue(s), fc.constantFrom(...CONTENT_TYPES))
        .map(([v, ct]) => ({ body: json(v, ct), labels: [`content-type:${ct}`] })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<{ body: BodyChoice; labels: string[] }>(
        {
          body: {
            kind: 'bytes',
            bytes: [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d],
            contentType: JSON_TYPE,
            label: 'invalid UTF-8',
          },
          labels: ['bytes:invalid-utf8'],
        },
        { body: { kind: 'none' }, labels: ['no-body'] },
        {
          body: {
            kind: 'raw',
            text: '',
            contentType: JSON_TYPE,
            parses: false,
            label: 'empty with JSON type',
          },
          labels: ['raw:empty'],
        },
      ),
    },
  );
}

// ------------------------------------------------------------------------------------------ path, query, headers

function pathValue(): fc.Arbitrary<PathValue> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.nat().map((index): PathValue => ({ kind: 'pick', index })) },
    { weight: 1, arbitrary: fc.constant<PathValue>({ kind: 'nothing' }) },
    {
      weight: 2,
      // Cut to 1,000 characters: percent-encoded, the URL stays under Node's 16 kB header limit (one raw
      // query crosses it on purpose: an oversized URL is its own case).
      arbitrary: nastyString().map((s): PathValue => ({
        kind: 'value',
        value: s.value.slice(0, 1_000),
        label: `path:${s.kind}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%', '%E0%A4%A', '%00', '%C0%AE%C0%AE', '..', '.', '', '%2e%2e%2f', ';', 'a;b=c', '*')
        .map((value): PathValue => ({ kind: 'value', value, label: 'path:raw', raw: true })),
    },
    {
      weight: 1,
      arbitrary: fc.uuid().map((value): PathValue => ({ kind: 'value', value, label: 'path:random-uuid' })),
    },
  );
}

const QUERY_NUMBERS = [
  '1e308',
  '-0',
  'NaN',
  'Infinity',
  '1.5',
  '0x10',
  ' 5 ',
  '9'.repeat(400),
  '-1',
  '0',
  '101',
  '1,5',
];

function queryValue(p: ParamSpec): fc.Arbitrary<string> {
  const s = p.schema;
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum.map(String));
  if (s.type === 'number' || s.type === 'integer') {
    return fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 1000 }).map(String);
  }
  if (s.example !== undefined) return fc.constant(String(s.example));
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ maxLength: 20, unit: 'grapheme' });
}

type QueryPart = { query: [string, string][]; rawQuery?: string; labels: string[] };

function queryChoice(op: FuzzOperation): fc.Arbitrary<QueryPart> {
  const params = op.queryParams;
  const base = fc
    .tuple(
      ...params.map((p) =>
        fc.option(
          queryValue(p).map((v): [string, string] => [p.name, v]),
          { freq: p.required ? 10 : 2, nil: undefined },
        ),
      ),
    )
    .map((xs) => xs.filter((x): x is [string, string] => x !== undefined));
  const names = params.length > 0 ? params.map((p) => p.name) : ['q'];
  const qMutation = fc.oneof(
    fc.tuple(fc.constantFrom(...names), nastyString()).map(([k, s]) => ({
      pair: [k, s.value.slice(0, 500)] as [string, string],
      label: `query:${s.kind} ${k}`,
    })),
    fc
      .tuple(fc.constantFrom(...names), fc.constantFrom(...QUERY_NUMBERS))
      .map(([k, v]) => ({ pair: [k, v] as [string, string], label: `query:number ${k}` })),
    fc
      .tuple(
        fc.constantFrom(
          ...NASTY_KEYS,
          'unknown',
          'limit[]',
          '__proto__[isAdmin]',
          'constructor[prototype][x]',
        ),
        fc.string({ maxLength: 5 }),
      )
      .map(([k, v]) => ({
        pair: [k, v] as [string, string],
        label: `query:extra ${k.slice(0, 20)}`,
      })),
    fc.tuple(fc.constantFrom(...names), fc.constantFrom('[a]', '[]', '[0]', '.x')).map(([k, suffix]) => ({
      pair: [`${k}${suffix}`, 'x'] as [string, string],
      label: `query:bracket ${k}${suffix}`,
    })),
  );
  // The last one is a URL past Node's 16 kB limit on the request line and headers.
  const rawQueries = [
    '%',
    'a=%E0%A4%A',
    '&&&=&=',
    'q=1&'.repeat(1_200),
    'q',
    '=x',
    `q=${'%41'.repeat(6_000)}`,
  ];
  return fc.oneof(
    { weight: 4, arbitrary: base.map((query) => ({ query, labels: [] as string[] })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(base, fc.array(qMutation, { minLength: 1, maxLength: 2 }), fc.boolean())
        .map(([q, ms, dup]) => {
          const query = [...q];
          const labels: string[] = [];
          for (const m of ms) {
            // Either replace the parameter's value or repeat the parameter (`?limit=1&limit=2`).
            const i = query.findIndex(([k]) => k === m.pair[0]);
            if (i >= 0 && !dup) query[i] = m.pair;
            else query.push(m.pair);
            labels.push(m.label);
          }
          return { query, labels };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...rawQueries).map((rawQuery) => ({
        query: [] as [string, string][],
        rawQuery,
        labels: [`query:raw ${rawQuery.slice(0, 12)}`],
      })),
    },
  );
}

function keyChoice(op: FuzzOperation): fc.Arbitrary<KeyChoice> {
  if (!op.headerParams.some((h) => h.name.toLowerCase() === 'idempotency-key'))
    return fc.constant({ kind: 'none' });
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant<KeyChoice>({ kind: 'fresh' }) },
    { weight: 1, arbitrary: fc.constant<KeyChoice>({ kind: 'none' }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          'short',
          'x'.repeat(129),
          'has space in it',
          'clé-idempotence',
          '../../etc/passwd',
          '%00%00%00%00',
        )
        .map((value): KeyChoice => ({ kind: 'value', value })),
    },
  );
}

const LANGUAGES = [
  undefined,
  'fr',
  'en',
  'en-US,en;q=0.9',
  'bm-ML',
  '*',
  'fr;q=abc',
  'x'.repeat(500),
  'en;q=0.1, fr;q=0.9',
];

/** The requests of one operation. */
export function requestArbitrary(op: FuzzOperation): fc.Arbitrary<GeneratedRequest> {
  const hasBody = op.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(op.method);
  return fc
    .record({
      path: fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, pathValue()]))),
      query: op.method === 'GET' ? queryChoice(op) : fc.constant<QueryPart>({ query: [], labels: [] }),
      body: hasBody
        ? bodyChoice(op)
        : fc.constant({ body: { kind: 'none' } as BodyChoice, labels: [] as string[] }),
      idempotencyKey: keyChoice(op),
      acceptLanguage: fc.constantFrom(...LANGUAGES),
    })
    .map((r) => {
      const labels = [...r.body.labels, ...r.query.labels];
      for (const [k, v] of Object.entries(r.path)) {
        labels.push(
          v.kind === 'pick'
            ? `path:${k}=fixture`
            : v.kind === 'nothing'
              ? `path:${k}=nothing`
              : `${v.label} ${k}`,
        );
      }
      if (r.idempotencyKey.kind === 'value') labels.push('header:bad-idempotency-key');
      return {
        path: r.path as Record<string, PathValue>,
        query: r.query.query,
        rawQuery: r.query.rawQuery,
        headers: { idempotencyKey: r.idempotencyKey, acceptLanguage: r.acceptLanguage },
        body: r.body.body,
        labels,
      };
    });
}
