import { ConfigError } from './env';

/** Where the platform answers on this machine: the local gateway (`npm start`). */
export const LOCAL_PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

/**
 * `PUBLIC_BASE_URL`: the address at which citizens and clerks reach the platform, printed on every PV and
 * encoded in its QR code, so it outlives the server that printed it. Defaults to the local gateway for
 * development only: in production (`NODE_ENV=production`) it must be given, because a paper that says
 * `http://127.0.0.1:3000` can never be checked, and a default would print it without anyone noticing.
 * No trailing slash; a path prefix (a reverse proxy's) is kept.
 */
export function loadPublicBaseUrl(src: Record<string, string | undefined> = process.env): string {
  const raw = src.PUBLIC_BASE_URL?.trim();
  const production = src.NODE_ENV?.trim() === 'production';
  if (!raw) {
    if (production) {
      throw new ConfigError(
        'PUBLIC_BASE_URL is required in production: the public address printed on every PV (e.g. https://prosmed.example.ml)',
      );
    }
    return LOCAL_PUBLIC_BASE_URL;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_BASE_URL must be an absolute http(s) URL, got "${raw}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new ConfigError(
      `PUBLIC_BASE_URL must be an http(s) URL without query, fragment or credentials, got "${raw}"`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
