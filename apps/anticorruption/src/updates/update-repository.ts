import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '@prosmed/auth';
import { keyset, type KeyColumn } from '@prosmed/persistence';
import type {
  ActionHistoryEntryDto,
  UpdateListQueryDto,
  UpdateState,
  UpdateValuesDto,
} from '@prosmed/contracts';
import { structureScopeSql } from '../shared/scope';
import { UPDATE_COLUMNS, UPDATE_FROM, type UpdateRow } from './update-rows';

type Tx = EntityManager;

/** Most recently changed first; the key keeps `updated_at`'s microseconds as text for the cursor. */
const NEWEST_FIRST: KeyColumn[] = [
  { sql: 'u."updated_at"', type: 'timestamptz' },
  { sql: 'u."id"', type: 'uuid' },
];

/** The SQL of focal points' updates and of their history. */
@Injectable()
export class UpdateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async find(tx: Tx, id: string, lock: boolean): Promise<UpdateRow | undefined> {
    if (lock)
      await tx.query(`SELECT 1 FROM "anticorruption"."action_update" WHERE "id" = $1 FOR UPDATE`, [id]);
    const rows: UpdateRow[] = await tx.query(
      `SELECT ${UPDATE_COLUMNS} FROM ${UPDATE_FROM} WHERE u."id" = $1`,
      [id],
    );
    return rows[0];
  }

  /** Inserts the proposal; `undefined` when one already exists for this action and period. */
  async insert(
    tx: Tx,
    u: { actionId: string; structureCode: string; period: string; createdBy: string } & UpdateValuesDto,
  ): Promise<UpdateRow | undefined> {
    const rows: { id: string }[] = await tx.query(
      `INSERT INTO "anticorruption"."action_update" ("action_id", "structure_code", "period", "state", "status",
         "progress", "budget_spent", "indicator_values", "comment", "created_by")
       VALUES ($1, $2, $3, 'proposed', $4, $5, $6, $7::jsonb, $8, $9)
       ON CONFLICT ("action_id", "period") DO NOTHING RETURNING "id"`,
      [
        u.actionId,
        u.structureCode,
        u.period,
        u.status,
        u.progress,
        u.budgetSpent,
        JSON.stringify(u.indicatorValues ?? []),
        u.comment,
        u.createdBy,
      ],
    );
    return rows[0] ? this.find(tx, rows[0].id, false) : undefined;
  }

  /** Stores what a command changed on `row`, in state `to`, version + 1. */
  async save(tx: Tx, row: UpdateRow, to: UpdateState): Promise<UpdateRow> {
    await tx.query(
      `UPDATE "anticorruption"."action_update" SET "state" = $2, "version" = "version" + 1, "updated_at" = now(),
         "status" = $3, "progress" = $4, "budget_spent" = $5, "indicator_values" = $6::jsonb, "comment" = $7,
         "consolidation_comment" = $8, "return_comment" = $9,
         "validated_at" = CASE WHEN $2 = 'validated' THEN now() ELSE "validated_at" END
       WHERE "id" = $1`,
      [
        row.id,
        to,
        row.status,
        row.progress,
        row.budget_spent,
        JSON.stringify(row.indicator_values),
        row.comment,
        row.consolidation_comment,
        row.return_comment,
      ],
    );
    return (await this.find(tx, row.id, false))!;
  }

  /** Updates in scope, most recently changed first, one keyset page (`limit + 1` rows). */
  async list(
    scope: Scope,
    q: UpdateListQueryDto,
    limit: number,
  ): Promise<(UpdateRow & { updated_key: string })[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const scoped = structureScopeSql(scope, 'u."structure_code"', p);
    if (scoped) where.push(scoped);
    if (q.state) where.push(`u."state" = ${p(q.state)}`);
    if (q.period) where.push(`u."period" = ${p(q.period)}`);
    if (q.structure) where.push(`u."structure_code" = ${p(q.structure)}`);
    const page = keyset({ columns: NEWEST_FIRST, direction: 'DESC', limit, cursor: q.cursor }, p);
    if (page.where) where.push(page.where);
    return this.reader.query(
      `SELECT ${UPDATE_COLUMNS}, u."updated_at"::text AS "updated_key" FROM ${UPDATE_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${page.orderBy} ${page.limit}`,
      params,
    );
  }

  ofAction(tx: Tx, actionId: string): Promise<UpdateRow[]> {
    return tx.query(
      `SELECT ${UPDATE_COLUMNS} FROM ${UPDATE_FROM} WHERE u."action_id" = $1 ORDER BY u."period"`,
      [actionId],
    );
  }

  /** Every audited step of every update of the action, oldest first. */
  async history(tx: Tx, actionId: string): Promise<ActionHistoryEntryDto[]> {
    const rows: {
      at: Date;
      action: string;
      entity_id: string;
      from_state: string | null;
      to_state: string | null;
      reason: string | null;
      actor_name: string | null;
    }[] = await tx.query(
      `SELECT l."at", l."action", l."entity_id", l."from_state", l."to_state", l."reason", l."actor_name"
         FROM "anticorruption"."audit_log" l
        WHERE l."entity_type" = 'update' AND l."entity_id" IN (
          SELECT "id"::text FROM "anticorruption"."action_update" WHERE "action_id" = $1)
        ORDER BY l."at", l."id"`,
      [actionId],
    );
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      action: r.action,
      updateId: r.entity_id,
      fromState: r.from_state,
      toState: r.to_state,
      reason: r.reason,
      actor: r.actor_name ?? '',
    }));
  }
}
