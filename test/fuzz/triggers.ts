/**
 * Facts about a sent request that known findings are keyed on: a known 500 is tolerated only when the
 * request has the thing that causes it, so the same 500 from another cause still fails the run.
 */
export interface SentRequest {
  route: string;
  caller: string;
  method: string;
  url: string;
  /** The JSON text sent ('' without a body). */
  bodyText: string;
  /** The body as the server parses it; undefined when it does not parse (or there is none). */
  parsedBody: unknown;
  /** Bytes of the request line and headers (Node refuses more than 16 kB with a bare 431). */
  headBytes: number;
  invalidReasons: string[];
  labels: string[];
}

/** True when any string (or key) of the value contains U+0000. Iterative: values may be 20,000 deep. */
export function hasNul(v: unknown): boolean {
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') {
      if (x.includes('\u0000')) return true;
    } else if (Array.isArray(x)) stack.push(...x);
    else if (x && typeof x === 'object') {
      for (const [k, y] of Object.entries(x)) {
        if (k.includes('\u0000')) return true;
        stack.push(y);
      }
    }
  }
  return false;
}

/** Deepest bracket nesting of a JSON text, strings skipped. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max;
}

export function requestHasNul(r: SentRequest): boolean {
  return hasNul(r.parsedBody) || /%00/i.test(r.url);
}

/** Nesting past which a body counts as "deep JSON" (the known stack overflow needs thousands). */
export const DEEP_JSON = 1_000;

export function requestIsDeep(r: SentRequest): boolean {
  return jsonDepth(r.bodyText) > DEEP_JSON;
}

export function bodyLacks(r: SentRequest, field: string): boolean {
  const b = r.parsedBody;
  return !!b && typeof b === 'object' && !Array.isArray(b) && !(field in b);
}

export function hasAbsurdNumber(r: SentRequest): boolean {
  return r.invalidReasons.some((x) => x.includes('absurd number'));
}

/** Node's default `maxHeaderSize`: past it the HTTP parser answers 431 before any application code. */
export const NODE_MAX_HEADER_BYTES = 16 * 1024;

export function requestHeadTooLarge(r: SentRequest): boolean {
  return r.headBytes > NODE_MAX_HEADER_BYTES;
}

/** Every reason the request is invalid is an unknown `__proto__`, `constructor` or `prototype` key. */
export function onlyPrototypeKeysUnknown(r: SentRequest): boolean {
  return (
    r.invalidReasons.length > 0 &&
    r.invalidReasons.every((x) => /\.(__proto__|constructor|prototype): unknown field$/.test(x))
  );
}
