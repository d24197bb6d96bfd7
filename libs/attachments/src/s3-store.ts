import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { signV4, EMPTY_PAYLOAD_SHA256, type SigV4Credentials } from './sigv4';
import type { AttachmentStore, StoredLocation, StoredRef } from './store';

export interface S3Settings {
  /** `https://s3.example.org` (path-style: `<endpoint>/<bucket>/<key>`). */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: SigV4Credentials;
  /** Per request; 30 s by default. */
  timeoutMs?: number;
}

/** An S3 answer that is not a success: status and S3's error code, never the credentials. */
export class S3StoreError extends Error {
  override readonly name = 'S3StoreError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly s3Code: string | undefined,
  ) {
    super(`S3 ${operation} answered ${status}${s3Code ? ` ${s3Code}` : ''}`);
  }
}

/**
 * Attachments in an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph...), path-style, signed with
 * SigV4. Keys are content-addressed, `<schema>/<sha256[0..2]>/<sha256>`: a retried command writes the
 * same object again instead of a second one, and the object holds no name or owner.
 *
 * The object is written before the metadata row, outside the database transaction: a command that then
 * fails leaves an object no row points to (never a row without its object). Such objects are unreachable
 * through the API; a sweep of keys without a row can remove them (not built yet).
 */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;
  private readonly base: URL;

  constructor(private readonly s: S3Settings) {
    this.base = new URL(s.endpoint.endsWith('/') ? s.endpoint : `${s.endpoint}/`);
  }

  static keyOf(ref: Pick<StoredRef, 'schema' | 'sha256'>): string {
    return `${ref.schema}/${ref.sha256.slice(0, 2)}/${ref.sha256}`;
  }

  async put(_em: EntityManager, ref: StoredRef, bytes: Buffer, contentType: string): Promise<StoredLocation> {
    const key = S3AttachmentStore.keyOf(ref);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const res = await this.request('PUT', key, bytes, sha256, { 'content-type': contentType });
    await this.check(res, 'PUT');
    return { storage: 's3', storageKey: key, inline: null };
  }

  async read(_em: EntityManager, ref: StoredRef): Promise<Buffer> {
    if (!ref.storageKey) throw new Error(`attachment ${ref.id} has no storage key`);
    const res = await this.request('GET', ref.storageKey, undefined, EMPTY_PAYLOAD_SHA256);
    await this.check(res, 'GET');
    const bytes = Buffer.from(await res.arrayBuffer());
    // What comes back from outside the database is checked against the digest the row recorded.
    const got = createHash('sha256').update(bytes).digest('hex');
    if (got !== ref.sha256)
      throw new Error(`attachment ${ref.id}: the stored object does not match its sha256`);
    return bytes;
  }

  /** Whether the bucket answers to these credentials (start-up and readiness checks). */
  async ping(): Promise<void> {
    const res = await this.request('HEAD', '', undefined, EMPTY_PAYLOAD_SHA256);
    await this.check(res, 'HEAD bucket');
  }

  private request(
    method: string,
    key: string,
    body: Buffer | undefined,
    payloadSha256: string,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const path = `${encodeURIComponent(this.s.bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
    const url = new URL(key ? path : encodeURIComponent(this.s.bucket), this.base);
    const headers = signV4({
      method,
      url,
      headers: { ...extra, 'x-amz-content-sha256': payloadSha256 },
      payloadSha256,
      region: this.s.region,
      service: 's3',
      credentials: this.s.credentials,
      date: new Date(),
    });
    // fetch sets Host itself (the same value); it refuses to be given one.
    const { host: _host, ...send } = headers;
    return fetch(url, {
      method,
      headers: send,
      body: body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : undefined,
      signal: AbortSignal.timeout(this.s.timeoutMs ?? 30_000),
    });
  }

  private async check(res: Response, operation: string): Promise<void> {
    if (res.ok) return;
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
    throw new S3StoreError(operation, res.status, code);
  }
}
