/**
 * What every answer must be, whatever was sent: below 500; a 4xx with the one error body of the API
 * (`statusCode`, `code`, `message`, `requestId`, and `details` when there are some), its code one the
 * document lists; no stack trace or internal message anywhere; and an invalid request refused (400, or
 * 413/415 for a body the gateway will not read) rather than handled.
 */

export type ViolationKind =
  | 'server-error'
  | 'error-body'
  | 'leak'
  | 'invalid-accepted'
  | 'partial-write'
  | 'logged-error'
  | 'no-answer'
  | 'crash';

export interface Violation {
  kind: ViolationKind;
  /**
   * The answer's error code (`INTERNAL_ERROR`), or its status when it has none; for `invalid-accepted`,
   * what was accepted (`unknown-field:__proto__`, `absurd-number`): the service's answer after that varies.
   */
  code: string;
  detail: string;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export interface OracleInput {
  requestId: string;
  /** Everything the request carried as text (path, query, body): a leak pattern found there is an echo. */
  requestText: string;
  documentedCodes: Set<string>;
  /** Why the document says the request is invalid; empty when valid or unknown. */
  invalidReasons: string[];
  /** False for a caller the route's permission does not allow (then 401/403 comes before validation). */
  callerAllowed: boolean;
}

/** Statuses that mean "refused before any handler ran". */
export const REFUSED = new Set([400, 413, 414, 415, 431]);

/**
 * Internal text a client must never see. Each is matched on the answer and ignored when the request
 * itself contained it (the API echoes what a user typed, and the fuzzer types "TypeError" on purpose).
 */
export const LEAK_PATTERNS: { name: string; re: RegExp }[] = [
  { name: 'stack frame', re: /\bat (?:async )?[\w$.<>[\] ]+ \((?:file:\/\/)?\/[^)]*:\d+:\d+\)/ },
  { name: 'stack frame (anonymous)', re: /\n\s+at (?:file:\/\/)?\/[^\s]+:\d+:\d+/ },
  { name: 'node_modules path', re: /node_modules[/\\]/ },
  { name: 'source path', re: /\/(?:work|home|root|usr\/src\/app)\/[\w.-]+\/(?:apps|libs|dist|src)\// },
  {
    name: 'JavaScript error name',
    re: /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|QueryFailedError|EntityNotFoundError|KafkaJS\w*Error)\b/,
  },
  {
    name: 'JavaScript error text',
    re: /Cannot read propert|is not a function|is not defined|Maximum call stack|Unexpected token/,
  },
  {
    name: 'SQL error',
    re: /duplicate key value|violates (?:not-null|foreign key|check|unique) constraint|invalid input syntax|invalid byte sequence|syntax error at or near|relation "[\w.]+" does not exist|column "\w+" (?:of relation|does not exist)/,
  },
  { name: 'connection error', re: /\bE(?:CONNREFUSED|CONNRESET|PIPE|TIMEDOUT)\b/ },
  { name: "Nest's default 500 body", re: /"message":"Internal server error"/ },
];

function isJsonType(headers: Headers): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(headers.get('content-type') ?? '');
}

function isText(headers: Headers): boolean {
  const t = headers.get('content-type') ?? '';
  return t === '' || /json|text|html|xml/i.test(t);
}

export function checkAnswer(a: Answer, input: OracleInput): Violation[] {
  const out: Violation[] = [];
  let body: Record<string, unknown> | undefined;
  if (isJsonType(a.headers)) {
    try {
      const parsed: unknown = JSON.parse(a.text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as Record<string, unknown>;
    } catch {
      /* reported below for errors */
    }
  }
  const code = typeof body?.code === 'string' ? body.code : String(a.status);

  if (a.status >= 500) {
    out.push({ kind: 'server-error', code, detail: `${a.status} ${a.text.slice(0, 300)}` });
  }
  if (a.status >= 400) {
    const problems = errorBodyProblems(a, body, input);
    if (problems.length > 0) out.push({ kind: 'error-body', code, detail: problems.join('; ') });
  }
  if (isText(a.headers)) {
    for (const p of LEAK_PATTERNS) {
      const m = p.re.exec(a.text);
      if (m && !p.re.test(input.requestText)) {
        out.push({
          kind: 'leak',
          code,
          detail: `${p.name}: …${a.text.slice(Math.max(0, m.index - 60), m.index + 120)}…`,
        });
      }
    }
  }
  if (input.callerAllowed && input.invalidReasons.length > 0 && a.status < 500 && !REFUSED.has(a.status)) {
    out.push({
      kind: 'invalid-accepted',
      code: reasonCode(input.invalidReasons[0]),
      detail: `answered ${a.status} ${code} to a request the document calls invalid: ${input.invalidReasons.slice(0, 5).join('; ')}`,
    });
  }
  return out;
}

const ERROR_KEYS = new Set(['statusCode', 'code', 'message', 'requestId', 'details']);

export function errorBodyProblems(
  a: Answer,
  body: Record<string, unknown> | undefined,
  input: OracleInput,
): string[] {
  if (!isJsonType(a.headers)) return [`content-type ${a.headers.get('content-type') ?? '(none)'}, not JSON`];
  if (!body) return ['body is not a JSON object'];
  const p: string[] = [];
  for (const k of Object.keys(body)) if (!ERROR_KEYS.has(k)) p.push(`unexpected key ${k}`);
  if (body.statusCode !== a.status)
    p.push(`statusCode ${String(body.statusCode)} is not the status ${a.status}`);
  if (typeof body.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(body.code))
    p.push(`code ${String(body.code)}`);
  else if (input.documentedCodes.size > 0 && !input.documentedCodes.has(body.code)) {
    p.push(`code ${body.code} is not in the document's list`);
  }
  if (typeof body.message !== 'string' || body.message.trim() === '') p.push('no message');
  if (body.requestId !== input.requestId)
    p.push(`requestId ${String(body.requestId)} is not ${input.requestId}`);
  if (a.headers.get('x-request-id') !== input.requestId) p.push('X-Request-Id header differs');
  if (body.details !== undefined) {
    if (!Array.isArray(body.details) || body.details.length === 0)
      p.push('details present but not a non-empty list');
    else {
      for (const d of body.details as unknown[]) {
        const o = d as Record<string, unknown> | null;
        if (!o || typeof o.field !== 'string' || typeof o.code !== 'string') {
          p.push(`detail ${JSON.stringify(d)?.slice(0, 80)} lacks field/code`);
          break;
        }
        const extra = Object.keys(o).filter((k) => !['field', 'code', 'message'].includes(k));
        if (extra.length > 0) {
          p.push(`detail has ${extra.join(', ')}`);
          break;
        }
      }
    }
  }
  return p;
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The kind of a reason of schema-check.ts, as a stable code (`$.a.__proto__: unknown field` -> `unknown-field:__proto__`). */
export function reasonCode(reason: string): string {
  const field = /\.([^.[\]]+): unknown field$/.exec(reason);
  if (field) return PROTOTYPE_KEYS.has(field[1]) ? `unknown-field:${field[1]}` : 'unknown-field';
  const rules: [RegExp, string][] = [
    [/required, (missing|none sent)/, 'missing'],
    [/absurd number/, 'absurd-number'],
    [/ where \w+ is expected/, 'wrong-type'],
    [/not in enum/, 'enum'],
    [/length \d+ [<>]/, 'length'],
    [/!~ pattern/, 'pattern'],
    [/is not a uuid/, 'format'],
    [/minItems|maxItems/, 'items'],
    [/is not an integer/, 'integer'],
    [/-?[\d.e+]+ [<>] -?[\d.e+]+$/, 'range'],
    [/unknown parameter/, 'unknown-parameter'],
    [/repeated/, 'repeated-parameter'],
    [/is not a (number|boolean)/, 'not-a-number'],
    [/content-type/, 'content-type'],
    [/^body:/, 'malformed-body'],
  ];
  return rules.find(([re]) => re.test(reason))?.[1] ?? 'invalid';
}
