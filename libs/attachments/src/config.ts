import { ConfigError, env } from '@prosmed/config';
import { S3AttachmentStore, type S3Settings } from './s3-store';
import { PostgresAttachmentStore, type AttachmentStore } from './store';

type Source = Record<string, string | undefined>;

export const ATTACHMENT_STORES = ['postgres', 's3'] as const;

/** Bucket names as S3 allows them (3..63 lower-case letters, digits, dots and hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]{1,50}$/;

/**
 * The S3 settings of the environment (`ATTACHMENT_S3_ENDPOINT`, `_BUCKET`, `_REGION`, `_ACCESS_KEY_ID`,
 * `_SECRET_ACCESS_KEY`), or a `ConfigError` naming the variable (never its value for the secret).
 * Plain http is refused in production: files and their names would cross the network in clear.
 */
export function s3SettingsFromEnv(src: Source = process.env): S3Settings {
  const endpoint = env.str(src, 'ATTACHMENT_S3_ENDPOINT');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(
      `ATTACHMENT_S3_ENDPOINT must be a URL such as https://s3.example.org, got "${endpoint}"`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`ATTACHMENT_S3_ENDPOINT must be http(s), got "${url.protocol}"`);
  }
  if (url.protocol === 'http:' && src.NODE_ENV === 'production') {
    throw new ConfigError('ATTACHMENT_S3_ENDPOINT must be https in production');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError('ATTACHMENT_S3_ENDPOINT must have no credentials, query or fragment');
  }
  const bucket = env.str(src, 'ATTACHMENT_S3_BUCKET');
  if (!BUCKET.test(bucket))
    throw new ConfigError(`ATTACHMENT_S3_BUCKET is not a valid bucket name: "${bucket}"`);
  const region = env.str(src, 'ATTACHMENT_S3_REGION');
  if (!REGION.test(region)) throw new ConfigError(`ATTACHMENT_S3_REGION is not a region name: "${region}"`);
  return {
    endpoint: url.toString(),
    bucket,
    region,
    credentials: {
      accessKeyId: env.str(src, 'ATTACHMENT_S3_ACCESS_KEY_ID'),
      secretAccessKey: env.str(src, 'ATTACHMENT_S3_SECRET_ACCESS_KEY'),
    },
  };
}

/**
 * The store new attachments go to: `ATTACHMENT_STORE=postgres` (the default: a bytea column in the
 * service's schema) or `s3`. Call it at boot, so a bad setting stops the service with one line.
 */
export function attachmentStoreFromEnv(src: Source = process.env): AttachmentStore {
  const kind = env.oneOf(src, 'ATTACHMENT_STORE', ATTACHMENT_STORES, 'postgres');
  return kind === 's3' ? new S3AttachmentStore(s3SettingsFromEnv(src)) : new PostgresAttachmentStore();
}
