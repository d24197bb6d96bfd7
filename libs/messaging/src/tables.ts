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

const migrationPrefix = (schema: string): string =>
  schema.replace(/(^|_)([a-z])/g, (_m, _u, c: string) => c.toUpperCase());

/**
 * The first migration of every service: its audit log, outbox and processed-message tables.
 * `timestamp` keeps it ordered before the service's own migrations.
 */
export function platformTablesMigration(schema: string, timestamp = '1764300000000'): MigrationClass {
  const audit = auditTableSql(schema);
  const messaging = messagingTablesSql(schema);
  return sqlMigration(
    `${migrationPrefix(schema)}PlatformTables${timestamp}`,
    [...audit.up, ...messaging.up],
    [...messaging.down, ...audit.down],
  );
}

/**
 * The command log (one row per command applied: its key, the hash of its request, its result), read and
 * written by the service kit around every `@Command()` handler. Rows older than the TTL are purged.
 */
export function commandLogTableSql(schema: string): { up: string[]; down: string[] } {
  const s = assertSchemaName(schema);
  return {
    up: [
      `CREATE TABLE "${s}"."command_log" (
        "key" text PRIMARY KEY,
        "request_hash" text NOT NULL,
        "message" text NOT NULL,
        "request_id" text,
        "result" jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX "command_log_created_at_idx" ON "${s}"."command_log" ("created_at")`,
    ],
    down: [`DROP TABLE "${s}"."command_log"`],
  };
}

/** A migration of its own, so that schemas created before it get the table too. */
export function commandLogMigration(schema: string, timestamp = '1764500000000'): MigrationClass {
  const t = commandLogTableSql(schema);
  return sqlMigration(`${migrationPrefix(schema)}CommandLog${timestamp}`, t.up, t.down);
}

/**
 * Every platform migration of a service schema, oldest first: list them first in the service's
 * migrations (TypeORM orders by timestamp, and runs any that a database has not run yet).
 */
export function platformMigrations(schema: string): MigrationClass[] {
  return [platformTablesMigration(schema), commandLogMigration(schema)];
}
