import { assertSchemaName, auditTableSql, sqlMigration, type MigrationClass } from '@prosmed/persistence';

/** Outbox and processed-message tables of a service schema. */
export function messagingTablesSql(schema: string): { up: string[]; down: string[] } {
  const s = assertSchemaName(schema);
  return {
    up: [
      `CREATE TABLE "${s}"."outbox" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "topic" text NOT NULL,
        "key" text,
        "payload" jsonb NOT NULL,
        "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT clock_timestamp(),
        "published_at" timestamptz
      )`,
      `CREATE INDEX "outbox_pending_idx" ON "${s}"."outbox" ("created_at", "id") WHERE "published_at" IS NULL`,
      `CREATE TABLE "${s}"."processed_message" (
        "consumer" text NOT NULL,
        "message_id" text NOT NULL,
        "processed_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("consumer", "message_id")
      )`,
    ],
    down: [`DROP TABLE "${s}"."processed_message"`, `DROP TABLE "${s}"."outbox"`],
  };
}

/**
 * The first migration of every service: its audit log, outbox and processed-message tables.
 * `timestamp` keeps it ordered before the service's own migrations.
 */
export function platformTablesMigration(schema: string, timestamp = '1764300000000'): MigrationClass {
  const audit = auditTableSql(schema);
  const messaging = messagingTablesSql(schema);
  const prefix = schema.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());
  return sqlMigration(
    `${prefix}PlatformTables${timestamp}`,
    [...audit.up, ...messaging.up],
    [...messaging.down, ...audit.down],
  );
}
