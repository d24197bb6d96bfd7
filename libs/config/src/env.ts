/**
 * Environment, validated once at boot into a typed object, with defaults that match the local stack
 * (`npm run stack:up`). A bad value stops the process with one line that names the variable.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Source = Record<string, string | undefined>;

function read(src: Source, key: string): string | undefined {
  const v = src[key];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

export const env = {
  str(src: Source, key: string, def?: string): string {
    const v = read(src, key) ?? def;
    if (v === undefined) throw new ConfigError(`${key} is required`);
    return v;
  },
  int(src: Source, key: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const raw = read(src, key);
    if (raw === undefined) return def;
    if (!/^-?\d+$/.test(raw)) throw new ConfigError(`${key} must be an integer, got "${raw}"`);
    const n = Number(raw);
    if (n < min || n > max) throw new ConfigError(`${key} must be between ${min} and ${max}, got ${n}`);
    return n;
  },
  port(src: Source, key: string, def: number): number {
    return env.int(src, key, def, 1, 65535);
  },
  bool(src: Source, key: string, def: boolean): boolean {
    const raw = read(src, key);
    if (raw === undefined) return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    throw new ConfigError(`${key} must be a boolean (true/false), got "${raw}"`);
  },
  list(src: Source, key: string, def: string[]): string[] {
    const raw = read(src, key);
    return raw === undefined
      ? def
      : raw
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  },
  oneOf<T extends string>(src: Source, key: string, values: readonly T[], def: T): T {
    const raw = read(src, key) ?? def;
    if (!(values as readonly string[]).includes(raw)) {
      throw new ConfigError(`${key} must be one of ${values.join(', ')}, got "${raw}"`);
    }
    return raw as T;
  },
};
