import { ConfigError } from '@prosmed/config';
import { attachmentStoreFromEnv, s3SettingsFromEnv } from './config';
import { S3AttachmentStore } from './s3-store';
import { PostgresAttachmentStore } from './store';

const S3 = {
  ATTACHMENT_STORE: 's3',
  ATTACHMENT_S3_ENDPOINT: 'https://s3.example.org',
  ATTACHMENT_S3_BUCKET: 'prosmed-pieces',
  ATTACHMENT_S3_REGION: 'eu-west-3',
  ATTACHMENT_S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  ATTACHMENT_S3_SECRET_ACCESS_KEY: 'super-secret-value',
};

const message = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('attachment storage settings', () => {
  it('stores in PostgreSQL unless told otherwise', () => {
    expect(attachmentStoreFromEnv({})).toBeInstanceOf(PostgresAttachmentStore);
    expect(attachmentStoreFromEnv({ ATTACHMENT_STORE: 'postgres' })).toBeInstanceOf(PostgresAttachmentStore);
  });

  it('stores in S3 with the five settings', () => {
    expect(attachmentStoreFromEnv(S3)).toBeInstanceOf(S3AttachmentStore);
    expect(s3SettingsFromEnv(S3)).toEqual({
      endpoint: 'https://s3.example.org/',
      bucket: 'prosmed-pieces',
      region: 'eu-west-3',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'super-secret-value' },
    });
  });

  it('stops the boot with one line naming the variable, never the secret', () => {
    expect(message(() => attachmentStoreFromEnv({ ATTACHMENT_STORE: 'disk' }))).toBe(
      'ATTACHMENT_STORE must be one of postgres, s3, got "disk"',
    );
    for (const key of Object.keys(S3).filter((k) => k !== 'ATTACHMENT_STORE')) {
      expect(message(() => attachmentStoreFromEnv({ ...S3, [key]: '' }))).toBe(`${key} is required`);
    }
    expect(message(() => attachmentStoreFromEnv({ ...S3, ATTACHMENT_S3_ENDPOINT: 'not a url' }))).toMatch(
      /^ATTACHMENT_S3_ENDPOINT must be a URL/,
    );
    expect(message(() => attachmentStoreFromEnv({ ...S3, ATTACHMENT_S3_ENDPOINT: 'ftp://x' }))).toMatch(
      /^ATTACHMENT_S3_ENDPOINT must be http\(s\)/,
    );
    expect(
      message(() => attachmentStoreFromEnv({ ...S3, ATTACHMENT_S3_ENDPOINT: 'https://k:s@s3.example.org' })),
    ).toMatch(/^ATTACHMENT_S3_ENDPOINT must have no credentials/);
    expect(
      message(() =>
        attachmentStoreFromEnv({
          ...S3,
          NODE_ENV: 'production',
          ATTACHMENT_S3_ENDPOINT: 'http://minio:9000',
        }),
      ),
    ).toBe('ATTACHMENT_S3_ENDPOINT must be https in production');
    expect(message(() => attachmentStoreFromEnv({ ...S3, ATTACHMENT_S3_BUCKET: 'Mon_Bucket' }))).toMatch(
      /^ATTACHMENT_S3_BUCKET is not a valid bucket name/,
    );
    expect(message(() => attachmentStoreFromEnv({ ...S3, ATTACHMENT_S3_REGION: 'eu west' }))).toMatch(
      /^ATTACHMENT_S3_REGION/,
    );
    expect(message(() => attachmentStoreFromEnv({ ...S3, ATTACHMENT_S3_BUCKET: '' }))).not.toContain(
      'super-secret-value',
    );
  });
});
