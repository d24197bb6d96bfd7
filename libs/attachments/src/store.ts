import type { EntityManager } from 'typeorm';
import { assertSchemaName } from '@prosmed/persistence';

/** Where the bytes of an attachment live; recorded on its row, so rows written before a switch stay readable. */
export type StorageKind = 'postgres' | 's3';

/** What `put` answers: the row records `storage` and `storageKey`, and `inline` (if any) in its `content`. */
export interface StoredLocation {
  storage: StorageKind;
  storageKey: string | null;
  /** Bytes kept in the metadata row itself (PostgreSQL), `null` when they live elsewhere. */
  inline: Buffer | null;
}

/** The attachment a store is asked about. */
export interface StoredRef {
  /** The service schema (`security`): S3 keys are prefixed with it, PostgreSQL reads its table. */
  schema: string;
  id: string;
  sha256: string;
  storageKey: string | null;
}

/**
 * The one interface of attachment storage. `em` is the service's transaction: the PostgreSQL store
 * writes and reads through it, so bytes and metadata commit or roll back together.
 */
export interface AttachmentStore {
  readonly kind: StorageKind;
  put(em: EntityManager, ref: StoredRef, bytes: Buffer, contentType: string): Promise<StoredLocation>;
  read(em: EntityManager, ref: StoredRef): Promise<Buffer>;
}

/**
 * The default: the bytes in the `content` (bytea) column of the metadata row, inserted by the same
 * statement as the metadata, inside the service's transaction. A failed command leaves nothing.
 */
export class PostgresAttachmentStore implements AttachmentStore {
  readonly kind = 'postgres' as const;

  put(_em: EntityManager, _ref: StoredRef, bytes: Buffer): Promise<StoredLocation> {
    return Promise.resolve({ storage: 'postgres', storageKey: null, inline: bytes });
  }

  async read(em: EntityManager, ref: StoredRef): Promise<Buffer> {
    const s = assertSchemaName(ref.schema);
    const rows = (await em.query(`SELECT "content" FROM "${s}"."attachment" WHERE "id" = $1`, [ref.id])) as {
      content: Buffer | null;
    }[];
    const content = rows[0]?.content;
    if (!content) throw new Error(`attachment ${ref.id} has no content in ${s}.attachment`);
    return content;
  }
}
