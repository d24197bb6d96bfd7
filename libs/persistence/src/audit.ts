import type { EntityManager, QueryRunner } from 'typeorm';
import { assertSchemaName } from './data-source';

export interface AuditEntry {
  /** Who: the verified subject (Keycloak `sub`) and username, never taken from a request body. */
  actorId: string;
  actorName?: string;
  /** What: e.g. `case.filed`, `pv.homologated`, `cofo.updated`. */
  action: string;
  entityType: string;
  entityId: string;
  /** For state changes: from and to. */
  fromState?: string | null;
  toState?: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
}

/** Append-only audit table of a service schema; created by `auditTableMigration`. */
export function auditTableSql(schema: string): { up: string[]; down: string[] } {
  const s = assertSchemaName(schema);
  return {
    up: [
      `CREATE TABLE "${s}"."audit_log" (
        "id" bigserial PRIMARY KEY,
        "at" timestamptz NOT NULL DEFAULT now(),
        "actor_id" text NOT NULL,
        "actor_name" text,
        "action" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" text NOT NULL,
        "from_state" text,
        "to_state" text,
        "reason" text,
        "before" jsonb,
        "after" jsonb,
        "request_id" text
      )`,
      `CREATE INDEX "audit_log_entity_idx" ON "${s}"."audit_log" ("entity_type", "entity_id", "at")`,
      // Append-only: the application role may insert and read, never rewrite history.
      `CREATE FUNCTION "${s}".audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON "${s}"."audit_log"
         FOR EACH ROW EXECUTE FUNCTION "${s}".audit_log_immutable()`,
    ],
    down: [`DROP TABLE "${s}"."audit_log"`, `DROP FUNCTION "${s}".audit_log_immutable()`],
  };
}

type Executor = Pick<EntityManager, 'query'> | Pick<QueryRunner, 'query'>;

/** Writes audit rows in the caller's transaction: the change and its audit commit or roll back together. */
export class AuditLog {
  constructor(private readonly schema: string) {
    assertSchemaName(schema);
  }

  async record(tx: Executor, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const values: unknown[] = [];
    const rows = entries.map((e, i) => {
      values.push(
        e.actorId,
        e.actorName ?? null,
        e.action,
        e.entityType,
        e.entityId,
        e.fromState ?? null,
        e.toState ?? null,
        e.reason ?? null,
        e.before === undefined ? null : JSON.stringify(e.before),
        e.after === undefined ? null : JSON.stringify(e.after),
        e.requestId ?? null,
      );
      const b = i * 11;
      return `(${Array.from({ length: 11 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO "${this.schema}"."audit_log"
        ("actor_id", "actor_name", "action", "entity_type", "entity_id", "from_state", "to_state", "reason", "before", "after", "request_id")
       VALUES ${rows.join(', ')}`,
      values,
    );
  }

  async history(tx: Executor, entityType: string, entityId: string): Promise<AuditRow[]> {
    const rows: AuditRow[] = await tx.query(
      `SELECT "id", "at", "actor_id" AS "actorId", "actor_name" AS "actorName", "action", "from_state" AS "fromState",
              "to_state" AS "toState", "reason", "before", "after", "request_id" AS "requestId"
         FROM "${this.schema}"."audit_log" WHERE "entity_type" = $1 AND "entity_id" = $2 ORDER BY "at", "id"`,
      [entityType, entityId],
    );
    return rows;
  }
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string;
  actorName: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}
