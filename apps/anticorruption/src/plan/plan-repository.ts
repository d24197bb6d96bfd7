import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '@prosmed/auth';
import type { ActionListQueryDto, StructureDto, StructureKind } from '@prosmed/contracts';
import { structureScopeSql } from '../shared/scope';
import { actionFactsSql, type ActionFactRow, type IndicatorRow } from './action-rows';

export type Tx = EntityManager;

/** The SQL of the plan: structures, actions with their last validated values, indicators. */
@Injectable()
export class PlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async structures(kind?: StructureKind): Promise<StructureDto[]> {
    return this.reader.query(
      `SELECT "code", "name", "kind", "demo" FROM "anticorruption"."structure"
        WHERE $1::text IS NULL OR "kind" = $1 ORDER BY "code"`,
      [kind ?? null],
    );
  }

  async structureCodes(tx: Tx): Promise<Set<string>> {
    const rows: { code: string }[] = await tx.query(`SELECT "code" FROM "anticorruption"."structure"`);
    return new Set(rows.map((r) => r.code));
  }

  /** Inserts a structure; `false` when the code is taken. */
  async insertStructure(tx: Tx, s: { code: string; name: string; kind: StructureKind }): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "anticorruption"."structure" ("code", "name", "kind") VALUES ($1, $2, $3)
       ON CONFLICT ("code") DO NOTHING RETURNING "code"`,
      [s.code, s.name, s.kind],
    );
    return rows.length > 0;
  }

  /** Actions in scope, by code, one keyset page (`limit + 1` rows: the extra one says there is more). */
  async listFacts(scope: Scope, q: ActionListQueryDto, limit: number): Promise<ActionFactRow[]> {
    const params: unknown[] = [null];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const scoped = structureScopeSql(scope, 'a."responsible_code"', p);
    if (scoped) where.push(scoped);
    if (q.axis) where.push(`os."axis_code" = ${p(q.axis)}`);
    if (q.structure) where.push(`a."responsible_code" = ${p(q.structure)}`);
    if (q.demo !== undefined) where.push(`a."demo" = ${p(q.demo)}`);
    if (q.cursor) where.push(`a."code" > ${p(q.cursor)}`);
    return this.reader.query(
      `${actionFactsSql('$1')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY a."code" LIMIT ${p(limit + 1)}`,
      params,
    );
  }

  /** Every action's facts as of `period` (null: every validated update counts). */
  allFacts(tx: Tx, period: string | null): Promise<ActionFactRow[]> {
    return tx.query(`${actionFactsSql('$1')} ORDER BY a."code"`, [period]);
  }

  async factByCode(tx: Tx, code: string, lock = false): Promise<ActionFactRow | undefined> {
    if (lock) await tx.query(`SELECT 1 FROM "anticorruption"."action" WHERE "code" = $1 FOR UPDATE`, [code]);
    const rows: ActionFactRow[] = await tx.query(`${actionFactsSql('$1')} WHERE a."code" = $2`, [null, code]);
    return rows[0];
  }

  indicators(tx: Tx, actionIds: readonly string[]): Promise<IndicatorRow[]> {
    return tx.query(
      `SELECT "id", "action_id", "label", "unit", "baseline"::text AS "baseline", "targets"
         FROM "anticorruption"."indicator" WHERE "action_id" = ANY($1::uuid[]) ORDER BY "action_id", "position"`,
      [actionIds],
    );
  }
}
