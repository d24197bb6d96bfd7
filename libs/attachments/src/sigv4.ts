import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for requests with the whole payload in hand (header signing, not query
 * presigning, not chunked uploads): what an S3-compatible store needs, written with node:crypto so the
 * platform carries no AWS SDK. Checked against AWS's published test vectors (`sigv4.spec.ts`).
 */

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SigV4Request {
  method: string;
  url: URL;
  /** Headers to sign besides `host` and `x-amz-date` (which are added); names in any case. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the payload (`EMPTY_PAYLOAD_SHA256` for none). */
  payloadSha256: string;
  region: string;
  service: string;
  credentials: SigV4Credentials;
  date: Date;
}

export const EMPTY_PAYLOAD_SHA256 = createHash('sha256').update('').digest('hex');

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const sha256Hex = (data: string): string => createHash('sha256').update(data).digest('hex');

/** RFC 3986 encoding as SigV4 wants it: unreserved characters only are left as they are. */
export function uriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? encoded.replace(/%2F/g, '/') : encoded;
}

/** `20150830T123600Z` */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function canonicalQuery(url: URL): string {
  const pairs = [...url.searchParams.entries()].map(([k, v]) => [uriEncode(k), uriEncode(v)] as const);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/**
 * The canonical path of S3: each segment encoded once. `url.pathname` is already percent-encoded by
 * WHATWG URL rules, so it is decoded first and encoded again the SigV4 way.
 */
function canonicalPath(url: URL): string {
  return uriEncode(decodeURIComponent(url.pathname), true) || '/';
}

/** The headers to send: the given ones with `host`, `x-amz-date` and `authorization`. */
export function signV4(req: SigV4Request): Record<string, string> {
  const stamp = amzDate(req.date);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = { host: req.url.host, 'x-amz-date': stamp };
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = v;
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n].trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath(req.url),
    canonicalQuery(req.url),
    canonicalHeaders,
    signedHeaders,
    req.payloadSha256,
  ].join('\n');
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac(`AWS4${req.credentials.secretAccessKey}`, day);
  const kSigning = hmac(hmac(hmac(kDate, req.region), req.service), 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(stringToSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
