import { assertSchemaName, sqlMigration, type MigrationClass } from '@prosmed/persistence';

/** The `attachment` table of a service schema. */
export function attachmentTableSql(schema: string): { up: string[]; down: string[] } {
  const s = assertSchemaName(schema);
  return {
    up: [
      `CREATE TABLE "${s}"."attachment" (
        "id" uuid PRIMARY KEY,
        "owner_type" text NOT NULL,
        "owner_id" text NOT NULL,
        "file_name" text NOT NULL,
        "kind" text NOT NULL,
        "content_type" text NOT NULL,
        "size" integer NOT NULL CHECK ("size" > 0),
        "sha256" char(64) NOT NULL,
        "storage" text NOT NULL CHECK ("storage" IN ('postgres', 's3')),
        "storage_key" text,
        "content" bytea,
        "uploaded_by_sub" text NOT NULL,
        "uploaded_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "attachment_content_where_stored" CHECK (
          ("storage" = 'postgres' AND "content" IS NOT NULL AND "storage_key" IS NULL)
          OR ("storage" = 's3' AND "content" IS NULL AND "storage_key" IS NOT NULL)
        )
      )`,
      // Photos and PDFs are compressed already: storing them as they are spares a futile compression.
      `ALTER TABLE "${s}"."attachment" ALTER COLUMN "content" SET STORAGE EXTERNAL`,
      `CREATE INDEX "attachment_owner_idx" ON "${s}"."attachment" ("owner_type", "owner_id", "uploaded_at")`,
    ],
    down: [`DROP TABLE "${s}"."attachment"`],
  };
}

const prefixOf = (schema: string): string =>
  schema.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/**
 * The migrations of the attachment table, to list in a service's migrations index after
 * `platformMigrations(schema)`: `[...platformMigrations('security'), ...attachmentMigrations('security'), ...]`.
 * The table refers to no other (owners are named by type and id), so its place in the order is free.
 */
export function attachmentMigrations(schema: string, timestamp = '1764600000000'): MigrationClass[] {
  const t = attachmentTableSql(schema);
  return [sqlMigration(`${prefixOf(schema)}Attachments${timestamp}`, t.up, t.down)];
}
