import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { domainError, type AttachmentDto, type AttachmentKind, type FileReply } from '@prosmed/contracts';
import { assertSchemaName } from '@prosmed/persistence';
import { attachmentStoreFromEnv } from './config';
import type { InspectedUpload } from './inspect';
import { PostgresAttachmentStore, type AttachmentStore, type StorageKind } from './store';

/** The record an attachment belongs to: `ownerType` is the service's word (`activity`), `ownerId` its id. */
export interface AttachmentOwner {
  ownerType: string;
  ownerId: string;
}

export interface NewAttachment extends AttachmentOwner {
  /** The checked file (`inspectUpload`): never raw bytes from a request. */
  upload: InspectedUpload;
  /** The uploader's token subject (`identity.sub`): no name, no e-mail. */
  uploadedBySub: string;
}

/** The metadata of a stored attachment with its owner, for the service's access check before a download. */
export interface AttachmentRecord extends AttachmentDto, AttachmentOwner {}

interface Row {
  id: string;
  owner_type: string;
  owner_id: string;
  file_name: string;
  kind: string;
  content_type: string;
  size: number;
  sha256: string;
  storage: StorageKind;
  storage_key: string | null;
  uploaded_by_sub: string;
  uploaded_at: Date;
}

const COLUMNS = `"id", "owner_type", "owner_id", "file_name", "kind", "content_type", "size", "sha256",
  "storage", "storage_key", "uploaded_by_sub", "uploaded_at"`;

function recordOf(r: Row): AttachmentRecord {
  return {
    id: r.id,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    fileName: r.file_name,
    kind: r.kind as AttachmentKind,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at.toISOString(),
    uploadedBy: r.uploaded_by_sub,
  };
}

/** The reply of one attachment (without its owner, which the route already names). */
export function attachmentDtoOf(r: AttachmentRecord): AttachmentDto {
  const { ownerType: _t, ownerId: _i, ...dto } = r;
  return dto;
}

export interface AttachmentsOptions {
  /** The service schema whose `attachment` table this reads and writes (`attachmentMigrations(schema)`). */
  schema: string;
  /**
   * Where new files go; by default the environment's (`attachmentStoreFromEnv()`: PostgreSQL unless
   * `ATTACHMENT_STORE=s3`), so a bad setting stops the service when it builds its providers.
   */
  store?: AttachmentStore;
}

/**
 * The attachments of one service schema. Every method takes the service's `EntityManager` (the one
 * `inTransaction` gives): the metadata row, and with the PostgreSQL store the bytes, commit with the
 * command that adds them (its audit row, its command log) or not at all.
 *
 * It checks nothing about the caller: the service checks first that the caller may read (or change) the
 * owner record, then calls these.
 */
export class Attachments {
  readonly schema: string;
  private readonly store: AttachmentStore;
  private readonly postgres = new PostgresAttachmentStore();

  constructor(opts: AttachmentsOptions) {
    this.schema = assertSchemaName(opts.schema);
    this.store = opts.store ?? attachmentStoreFromEnv();
  }

  /** Stores a checked file for its owner; the metadata as replied. */
  async add(em: EntityManager, a: NewAttachment): Promise<AttachmentRecord> {
    const id = randomUUID();
    const u = a.upload;
    const where = await this.store.put(
      em,
      { schema: this.schema, id, sha256: u.sha256, storageKey: null },
      u.bytes,
      u.contentType,
    );
    const rows = (await em.query(
      `INSERT INTO "${this.schema}"."attachment"
         ("id", "owner_type", "owner_id", "file_name", "kind", "content_type", "size", "sha256",
          "storage", "storage_key", "content", "uploaded_by_sub", "uploaded_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, clock_timestamp())
       RETURNING ${COLUMNS}`,
      [
        id,
        a.ownerType,
        a.ownerId,
        u.fileName,
        u.kind,
        u.contentType,
        u.size,
        u.sha256,
        where.storage,
        where.storageKey,
        where.inline,
        a.uploadedBySub,
      ],
    )) as Row[];
    return recordOf(rows[0]);
  }

  /** The attachments of one owner record, oldest first. */
  async list(em: EntityManager, ownerType: string, ownerId: string): Promise<AttachmentRecord[]> {
    const rows = (await em.query(
      `SELECT ${COLUMNS} FROM "${this.schema}"."attachment"
        WHERE "owner_type" = $1 AND "owner_id" = $2 ORDER BY "uploaded_at", "id"`,
      [ownerType, ownerId],
    )) as Row[];
    return rows.map(recordOf);
  }

  /**
   * One attachment's metadata, or `ATTACHMENT_NOT_FOUND` (404). With `owner`, an attachment of another
   * record is not found either (a route `activities/:activityId/attachments/:attachmentId` cannot reach
   * a file of another activity by its id).
   */
  async get(em: EntityManager, id: string, owner?: AttachmentOwner): Promise<AttachmentRecord> {
    return recordOf(await this.row(em, id, owner));
  }

  /** One attachment's bytes, as the file a `render: 'file'` route sends; same errors as `get`. */
  async content(em: EntityManager, id: string, owner?: AttachmentOwner): Promise<FileReply> {
    const row = await this.row(em, id, owner);
    const store =
      row.storage === this.store.kind ? this.store : row.storage === 'postgres' ? this.postgres : undefined;
    if (!store) throw new Error(`attachment ${id} is in ${row.storage}, which is not configured`);
    const bytes = await store.read(em, {
      schema: this.schema,
      id: row.id,
      sha256: row.sha256,
      storageKey: row.storage_key,
    });
    return { base64: bytes.toString('base64'), filename: row.file_name, contentType: row.content_type };
  }

  private async row(em: EntityManager, id: string, owner?: AttachmentOwner): Promise<Row> {
    // A malformed id is simply not found (the uuid cast would fail the transaction otherwise).
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
    const rows = uuid
      ? ((await em.query(`SELECT ${COLUMNS} FROM "${this.schema}"."attachment" WHERE "id" = $1`, [
          id,
        ])) as Row[])
      : [];
    const row = rows[0];
    if (!row || (owner && (row.owner_type !== owner.ownerType || row.owner_id !== owner.ownerId))) {
      throw domainError('ATTACHMENT_NOT_FOUND');
    }
    return row;
  }
}
