import { tokenFor } from '@prosmed/testing';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  ms: number;
}

export interface CallOptions {
  /** A demo username (token from the real Keycloak), or a raw Authorization header value. */
  as?: string;
  authorization?: string;
  body?: unknown;
  /** A raw body, sent as is (with `contentType`). */
  raw?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One HTTP call to a running gateway; JSON bodies are parsed. */
export async function call<T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.as) headers.authorization = `Bearer ${await tokenFor(opts.as)}`;
  if (opts.authorization !== undefined) headers.authorization = opts.authorization;
  let body: string | Uint8Array | undefined;
  if (opts.raw !== undefined) {
    body = opts.raw;
    if (opts.contentType) headers['content-type'] = opts.contentType;
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = opts.contentType ?? 'application/json';
  }
  const started = performance.now();
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text, ms };
}

/** Waits until the land service answers through the gateway (its consumer group has joined). */
export async function waitForLand(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(baseUrl, 'GET', '/api/v1/cofos/SEG01', { as: 'admin.prosmed' });
    if (r.status === 200) return;
    if (Date.now() > until)
      throw new Error(`land service not answering through the gateway: ${r.status} ${r.text}`);
  }
}

/** Polls a condition until it holds (or fails the test after `timeoutMs`). */
export async function eventually(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 50));
  }
}
