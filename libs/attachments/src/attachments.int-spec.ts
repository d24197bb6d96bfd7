import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError } from '@prosmed/contracts';
import {
  createServiceDataSource,
  inTransaction,
  revertMigrations,
  runMigrations,
} from '@prosmed/persistence';
import { testConfig } from '@prosmed/testing';
import { Attachments, attachmentDtoOf } from './attachments';
import { inspectUpload } from './inspect';
import { attachmentMigrations } from './migrations';
import { S3AttachmentStore, S3StoreError } from './s3-store';
import { jpegWithMetadata, GPS_MARK, plainJpeg, samplePdf } from './testing/sample-files';
import { startS3Mock, type RunningS3Mock } from './testing/s3mock';

jest.setTimeout(180_000);

const schema = `it_attach_${randomBytes(4).toString('hex')}`;
const owner = { ownerType: 'activity', ownerId: randomUUID() };
const SUB = 'f3c1e2d4-0000-4000-8000-000000000001';

const photo = () => inspectUpload('photo.jpg', jpegWithMetadata(), { allowed: ['jpeg', 'pdf'] });
/** A full-size file: 5 MiB exactly. */
const bigPdf = () =>
  inspectUpload('scan.pdf', Buffer.concat([samplePdf(), randomBytes(5 * 1024 * 1024 - samplePdf().length)]), {
    allowed: ['pdf'],
  });

async function notFound(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return err instanceof DomainError ? err.code : String(err);
}

let ds: DataSource;
const rowCount = async (where = '') =>
  Number(
    ((await ds.query(`SELECT count(*) AS n FROM "${schema}"."attachment" ${where}`)) as { n: string }[])[0].n,
  );

beforeAll(async () => {
  ds = createServiceDataSource({
    schema,
    postgres: testConfig().postgres,
    entities: [],
    migrations: attachmentMigrations(schema),
    applicationName: 'prosmed-test',
  });
  await ds.initialize();
  await runMigrations(ds, schema);
});

afterAll(async () => {
  await ds?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await ds?.destroy();
});

describe('attachments in PostgreSQL (the default store), on the real database', () => {
  const attachments = new Attachments({ schema });

  it('stores the checked file with its metadata in the transaction, and reads both back', async () => {
    const upload = photo();
    const added = await inTransaction(ds, (em) =>
      attachments.add(em, { ...owner, upload, uploadedBySub: SUB }),
    );
    expect(added).toMatchObject({
      ...owner,
      fileName: 'photo.jpg',
      kind: 'jpeg',
      contentType: 'image/jpeg',
      size: plainJpeg().length,
      sha256: upload.sha256,
      uploadedBy: SUB,
    });
    const rows = (await ds.query(
      `SELECT "storage", "storage_key", "content" FROM "${schema}"."attachment" WHERE "id" = $1`,
      [added.id],
    )) as { storage: string; storage_key: string | null; content: Buffer }[];
    expect(rows[0].storage).toBe('postgres');
    expect(rows[0].storage_key).toBeNull();
    // What is stored is the photo without its EXIF: the GPS position never reaches the database.
    expect(rows[0].content.equals(plainJpeg())).toBe(true);
    expect(rows[0].content.includes(GPS_MARK)).toBe(false);

    await inTransaction(ds, async (em) => {
      expect(await attachments.get(em, added.id)).toEqual(added);
      expect(await attachments.get(em, added.id, owner)).toEqual(added);
      expect((await attachments.list(em, owner.ownerType, owner.ownerId)).map((a) => a.id)).toContain(
        added.id,
      );
      const file = await attachments.content(em, added.id, owner);
      expect(file.filename).toBe('photo.jpg');
      expect(file.contentType).toBe('image/jpeg');
      expect(Buffer.from(file.base64, 'base64').equals(plainJpeg())).toBe(true);
    });
    const { ownerType: _t, ownerId: _i, ...dto } = added;
    expect(attachmentDtoOf(added)).toEqual(dto);
  });

  it('leaves nothing when the command fails after adding', async () => {
    const other = { ownerType: 'activity', ownerId: randomUUID() };
    const before = await rowCount();
    const failed = await inTransaction(ds, async (em) => {
      await attachments.add(em, { ...other, upload: photo(), uploadedBySub: SUB });
      throw new Error('the command fails after the file was added');
    }).catch((e: Error) => e.message);
    expect(failed).toBe('the command fails after the file was added');
    expect(await rowCount()).toBe(before);
    await inTransaction(ds, async (em) =>
      expect(await attachments.list(em, other.ownerType, other.ownerId)).toEqual([]),
    );
  });

  it('answers ATTACHMENT_NOT_FOUND for an unknown id, a malformed one, or a file of another owner', async () => {
    const added = await inTransaction(ds, (em) =>
      attachments.add(em, { ...owner, upload: photo(), uploadedBySub: SUB }),
    );
    await inTransaction(ds, async (em) => {
      expect(await notFound(attachments.get(em, randomUUID()))).toBe('ATTACHMENT_NOT_FOUND');
      expect(await notFound(attachments.get(em, 'not-a-uuid'))).toBe('ATTACHMENT_NOT_FOUND');
      expect(await notFound(attachments.get(em, added.id, { ...owner, ownerId: randomUUID() }))).toBe(
        'ATTACHMENT_NOT_FOUND',
      );
      expect(
        await notFound(attachments.content(em, added.id, { ownerType: 'grievance', ownerId: owner.ownerId })),
      ).toBe('ATTACHMENT_NOT_FOUND');
    });
  });

  it('keeps a 5 MiB file byte for byte', async () => {
    const upload = bigPdf();
    const added = await inTransaction(ds, (em) =>
      attachments.add(em, { ...owner, upload, uploadedBySub: SUB }),
    );
    expect(added.size).toBe(5 * 1024 * 1024);
    const file = await inTransaction(ds, (em) => attachments.content(em, added.id));
    expect(Buffer.from(file.base64, 'base64').equals(upload.bytes)).toBe(true);
  });

  it('lets the table refuse a row without its bytes', async () => {
    const err = await ds
      .query(
        `INSERT INTO "${schema}"."attachment" ("id","owner_type","owner_id","file_name","kind","content_type","size","sha256","storage","uploaded_by_sub")
         VALUES ($1,'activity','x','a.pdf','pdf','application/pdf',1,$2,'postgres','s')`,
        [randomUUID(), 'a'.repeat(64)],
      )
      .then(
        () => 'inserted',
        (e: Error) => e.message,
      );
    expect(err).toContain('attachment_content_where_stored');
  });
});

describe('attachments in an S3-compatible store (Adobe S3Mock, a real S3 API on this machine)', () => {
  let s3: RunningS3Mock;
  let store: S3AttachmentStore;
  let attachments: Attachments;
  const credentials = { accessKeyId: 'prosmed-test', secretAccessKey: 'prosmed-test-secret' };

  beforeAll(async () => {
    s3 = await startS3Mock();
    store = new S3AttachmentStore({
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: 'us-east-1',
      credentials,
    });
    attachments = new Attachments({ schema, store });
  });
  afterAll(() => s3?.stop());

  it('answers for its bucket, and says which operation failed for another', async () => {
    await store.ping();
    const missing = new S3AttachmentStore({
      endpoint: s3.endpoint,
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      credentials,
    });
    const err = await missing.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(S3StoreError);
    expect((err as S3StoreError).status).toBe(404);
  });

  it('puts the bytes in the bucket under a content key, the metadata in the row, and reads them back', async () => {
    const upload = bigPdf();
    const added = await inTransaction(ds, (em) =>
      attachments.add(em, { ...owner, upload, uploadedBySub: SUB }),
    );
    const rows = (await ds.query(
      `SELECT "storage", "storage_key", "content" FROM "${schema}"."attachment" WHERE "id" = $1`,
      [added.id],
    )) as { storage: string; storage_key: string; content: Buffer | null }[];
    expect(rows[0]).toEqual({
      storage: 's3',
      storage_key: `${schema}/${upload.sha256.slice(0, 2)}/${upload.sha256}`,
      content: null,
    });
    const raw = await fetch(`${s3.endpoint}/${s3.bucket}/${rows[0].storage_key}`);
    expect(raw.status).toBe(200);
    expect(Buffer.from(await raw.arrayBuffer()).equals(upload.bytes)).toBe(true);
    const file = await inTransaction(ds, (em) => attachments.content(em, added.id, owner));
    expect(Buffer.from(file.base64, 'base64').equals(upload.bytes)).toBe(true);
  });

  it('still reads files stored in PostgreSQL before the switch', async () => {
    const before = await inTransaction(ds, (em) =>
      new Attachments({ schema }).add(em, { ...owner, upload: photo(), uploadedBySub: SUB }),
    );
    const file = await inTransaction(ds, (em) => attachments.content(em, before.id));
    expect(Buffer.from(file.base64, 'base64').equals(plainJpeg())).toBe(true);
  });

  it('refuses an object that no longer matches the digest its row recorded', async () => {
    const upload = photo();
    const added = await inTransaction(ds, (em) =>
      attachments.add(em, { ...owner, upload, uploadedBySub: SUB }),
    );
    // Someone with access to the bucket replaces the object.
    await inTransaction(ds, (em) =>
      store.put(
        em,
        { schema, id: added.id, sha256: upload.sha256, storageKey: null },
        samplePdf(),
        'application/pdf',
      ),
    );
    const err = await inTransaction(ds, (em) => attachments.content(em, added.id)).then(
      () => 'read',
      (e: Error) => e.message,
    );
    expect(err).toContain('does not match its sha256');
  });
});

describe('the attachment migration', () => {
  it('has a real down()', async () => {
    await revertMigrations(ds, schema, 1);
    const t = (await ds.query(`SELECT to_regclass($1) AS t`, [`${schema}.attachment`])) as {
      t: string | null;
    }[];
    expect(t[0].t).toBeNull();
    await runMigrations(ds, schema);
  });
});
