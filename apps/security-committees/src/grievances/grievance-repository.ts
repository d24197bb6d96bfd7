import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Scope } from '@prosmed/auth';
import type { GrievanceListQueryDto, GrievanceState } from '@prosmed/contracts';
import { keyset, type KeyColumn } from '@prosmed/persistence';
import { PlaceRules } from '../shared/place-rules';
import { ccsScopeSql, sqlParams, type Tx } from '../shared/sql';
import { GRIEVANCE_COLUMNS, type GrievanceRow } from './grievance-rows';

const NEWEST_FIRST: KeyColumn[] = [
  { sql: 'g."received_on"', type: 'date' },
  { sql: 'g."id"', type: 'uuid' },
];

export interface NewGrievance {
  id: string;
  ccsCode: string;
  receivedOn: string;
  channel: string;
  category: string;
  placeCode: string;
  summary: string;
  /** Ciphertext, or null when no identity was given. */
  complainant: string | null;
  createdBy: string;
}

/** The SQL of grievances. The `complainant` column is read by `complainantOf` only. */
@Injectable()
export class GrievanceRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly places: PlaceRules,
  ) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async insert(tx: Tx, g: NewGrievance): Promise<GrievanceRow> {
    const [row]: GrievanceRow[] = await tx.query(
      `INSERT INTO "security"."grievance" AS g ("id", "ccs_code", "received_on", "channel", "category", "place_code",
         "summary", "complainant", "state", "created_by")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'received', $9) RETURNING ${GRIEVANCE_COLUMNS}`,
      [
        g.id,
        g.ccsCode,
        g.receivedOn,
        g.channel,
        g.category,
        g.placeCode,
        g.summary,
        g.complainant,
        g.createdBy,
      ],
    );
    return row;
  }

  async find(tx: Tx, id: string, lock: boolean): Promise<GrievanceRow | undefined> {
    const rows: GrievanceRow[] = await tx.query(
      `SELECT ${GRIEVANCE_COLUMNS} FROM "security"."grievance" g WHERE g."id" = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  async complainantOf(tx: Tx, id: string): Promise<string | null> {
    const rows: { complainant: string | null }[] = await tx.query(
      `SELECT "complainant" FROM "security"."grievance" WHERE "id" = $1`,
      [id],
    );
    return rows[0]?.complainant ?? null;
  }

  async save(tx: Tx, row: GrievanceRow, to: GrievanceState): Promise<GrievanceRow> {
    const [rows]: GrievanceRow[][] = await tx.query(
      `UPDATE "security"."grievance" AS g SET "state" = $2, "referral_service" = $3, "referred_on" = $4,
         "notes" = $5::jsonb, "outcome" = $6, "closed_on" = $7, "version" = g."version" + 1, "updated_at" = now()
       WHERE g."id" = $1 RETURNING ${GRIEVANCE_COLUMNS}`,
      [
        row.id,
        to,
        row.referral_service,
        row.referred_on,
        JSON.stringify(row.notes),
        row.outcome,
        row.closed_on,
      ],
    );
    return rows[0];
  }

  /** `overdueBefore`: with `q.overdue`, open grievances received before this day. */
  async list(
    scope: Scope,
    q: GrievanceListQueryDto,
    limit: number,
    overdueBefore: string,
  ): Promise<GrievanceRow[]> {
    const { params, p } = sqlParams();
    const where: string[] = [];
    const scoped = ccsScopeSql(scope, 'g."ccs_code"', p);
    if (scoped) where.push(scoped);
    if (q.ccsCode) where.push(`g."ccs_code" = ${p(q.ccsCode)}`);
    if (q.category) where.push(`g."category" = ${p(q.category)}`);
    if (q.state) where.push(`g."state" = ${p(q.state)}`);
    if (q.placeCode) where.push(this.places.withinSql('g."place_code"', q.placeCode, p));
    if (q.from) where.push(`g."received_on" >= ${p(q.from)}::date`);
    if (q.to) where.push(`g."received_on" <= ${p(q.to)}::date`);
    if (q.overdue === true)
      where.push(`g."state" <> 'closed' AND g."received_on" < ${p(overdueBefore)}::date`);
    if (q.overdue === false)
      where.push(`NOT (g."state" <> 'closed' AND g."received_on" < ${p(overdueBefore)}::date)`);
    const page = keyset({ columns: NEWEST_FIRST, direction: 'DESC', limit, cursor: q.cursor }, p);
    if (page.where) where.push(page.where);
    return this.reader.query(
      `SELECT ${GRIEVANCE_COLUMNS} FROM "security"."grievance" g ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${page.orderBy} ${page.limit}`,
      params,
    );
  }
}
