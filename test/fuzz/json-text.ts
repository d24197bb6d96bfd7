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

/** Replaces every hint, depth first. */
export function resolveHints(v: FuzzValue, resolve: (h: Hint) => FuzzValue): FuzzValue {
  if (v instanceof Hint) return resolve(v);
  if (Array.isArray(v)) return v.map((x) => resolveHints(x, resolve));
  if (isPlainObject(v)) {
    const o: FuzzObject = {};
    for (const k of Object.keys(v)) setOwn(o, k, resolveHints(v[k], resolve));
    return o;
  }
  return v;
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
