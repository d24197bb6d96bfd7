/**
 * The values the fuzzer sends, and how they become JSON text. `JSON.stringify` cannot write some of the
 * inputs that matter: `-0` (it writes `0`), numbers past the double range (`1e400`, which a parser reads as
 * Infinity), thousands of nesting levels (it would recurse as deep as the server must), and an own key
 * named `__proto__` (an assignment sets the prototype instead). `RawJson` carries such text as is.
 */
export class RawJson {
  constructor(
    readonly text: string,
    /** What the text is, for reports (the text itself may be 50 kB of brackets). */
    readonly label: string,
  ) {}
}

/**
 * A value the generator cannot know (the version a fixture case is at now, one of its party ids): it is
 * resolved just before sending, so the generated sequence depends on the seed only.
 */
export class Hint {
  constructor(
    readonly name: string,
    readonly fallback: FuzzValue,
  ) {}
}

export type FuzzValue =
  null | boolean | number | string | RawJson | Hint | FuzzValue[] | { [key: string]: FuzzValue };

export type FuzzObject = { [key: string]: FuzzValue };

export function isPlainObject(v: unknown): v is FuzzObject {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof RawJson) &&
    !(v instanceof Hint)
  );
}

/** Sets an own enumerable property, `__proto__` included (a plain assignment would change the prototype). */
export function setOwn(o: FuzzObject, key: string, value: FuzzValue): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deep copy that keeps own `__proto__` keys, raw pieces and hints. */
export function copyValue(v: FuzzValue): FuzzValue {
  if (Array.isArray(v)) return v.map(copyValue);
  if (isPlainObject(v)) {
    const o: FuzzObject = {};
    for (const k of Object.keys(v)) setOwn(o, k, copyValue(v[k]));
    return o;
  }
  return v;
}

/** Past this size the text is cut: the gateway refuses anything over its limit (256 kB) unread, with 413. */
export const MAX_BODY_CHARS = 1024 * 1024;

class TooLarge extends Error {}

/**
 * JSON text of a value, cut at `max` characters: 20,000 copies of a 300,000-character string would be a
 * 6 GB string (it took the test runner's heap down once). A cut text is still far over the gateway's
 * limit, which is what such a value tests.
 */
export function toJsonTextCapped(v: FuzzValue, max = MAX_BODY_CHARS): { text: string; truncated: boolean } {
  const parts: string[] = [];
  let size = 0;
  const push = (t: string) => {
    parts.push(t);
    size += t.length;
    if (size > max) throw new TooLarge();
  };
  const write = (x: FuzzValue): void => {
    if (x instanceof RawJson) return push(x.text);
    if (x instanceof Hint) throw new Error(`unresolved hint ${x.name}`);
    if (Array.isArray(x)) {
      push('[');
      x.forEach((y, i) => {
        if (i > 0) push(',');
        write(y);
      });
      return push(']');
    }
    if (isPlainObject(x)) {
      push('{');
      Object.keys(x).forEach((k, i) => {
        push(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
        write(x[k]);
      });
      return push('}');
    }
    push(JSON.stringify(x) ?? 'null');
  };
  try {
    write(v);
    return { text: parts.join(''), truncated: false };
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    return { text: parts.join('').slice(0, max + 1), truncated: true };
  }
}

/** JSON text of a fuzz value (hints must be resolved first). */
export function toJsonText(v: FuzzValue): string {
  if (v instanceof RawJson) return v.text;
  if (v instanceof Hint) throw new Error(`unresolved hint ${v.name}`);
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJsonText(v[k])}`)
      .join(',')}}`;
  }
  // NaN and Infinity never come out of JSON.stringify as numbers: they become null, as a client's would.
  return JSON.stringify(v) ?? 'null';
}

/**
 * Replaces every hint, depth first. A value shared many times (the 20,000 items of a long array are one
 * object) is resolved once and stays shared.
 */
export function resolveHints(
  v: FuzzValue,
  resolve: (h: Hint) => FuzzValue,
  seen = new Map<object, FuzzValue>(),
): FuzzValue {
  if (v instanceof Hint) return resolve(v);
  if (!Array.isArray(v) && !isPlainObject(v)) return v;
  const done = seen.get(v);
  if (done !== undefined) return done;
  let out: FuzzValue;
  if (Array.isArray(v)) out = v.map((x) => resolveHints(x, resolve, seen));
  else {
    const o: FuzzObject = {};
    for (const k of Object.keys(v)) setOwn(o, k, resolveHints(v[k], resolve, seen));
    out = o;
  }
  seen.set(v, out);
  return out;
}

/** A short description of a value for reports: long strings and raw pieces are summarised, not printed. */
export function preview(v: FuzzValue, max = 2000): string {
  const text = toPreviewText(v);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function toPreviewText(v: FuzzValue): string {
  if (v instanceof RawJson) return v.text.length > 120 ? `<raw ${v.label}, ${v.text.length} chars>` : v.text;
  if (v instanceof Hint) return `<${v.name}>`;
  if (typeof v === 'string' && v.length > 120) {
    return `${JSON.stringify(v.slice(0, 40))}+<${v.length} chars>`;
  }
  if (Array.isArray(v)) {
    const shown = v.slice(0, 5).map(toPreviewText);
    if (v.length > 5) shown.push(`…${v.length - 5} more`);
    return `[${shown.join(',')}]`;
  }
  if (isPlainObject(v)) {
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toPreviewText(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
