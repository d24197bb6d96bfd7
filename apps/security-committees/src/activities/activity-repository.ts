import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Scope } from '@prosmed/auth';
import type { ActivityDto, ActivityListQueryDto, PageV1 } from '@prosmed/contracts';
import { keyset, pageOf, type KeyColumn } from '@prosmed/persistence';
import { PlaceRules } from '../shared/place-rules';
import { ccsScopeSql, sqlParams, type Tx } from '../shared/sql';
import { ACTIVITY_COLUMNS, activityView, type ActivityRow } from './activity-rows';

/** Newest first by start date, then id: one keyset page costs the same deep in the list. */
const NEWEST_FIRST: KeyColumn[] = [
  { sql: 'a."start_on"', type: 'date' },
  { sql: 'a."id"', type: 'uuid' },
];

/** An activity's fields as stored (the participants as columns). */
export type ActivityFields = Omit<ActivityRow, 'id' | 'version' | 'created_at' | 'updated_at'>;

const FIELDS = [
  'ccs_code',
  'type',
  'type_label',
  'start_on',
  'end_on',
  'place_code',
  'theme',
  'forces',
  'p_total',
  'p_women',
  'p_youth',
  'p_fds',
  'p_children',
  'outcomes',
  'recommendations',
] as const;

const value = (f: ActivityFields, k: (typeof FIELDS)[number]) =>
  k === 'recommendations' ? JSON.stringify(f.recommendations) : f[k];

/** The SQL of CCS activities. */
@Injectable()
export class ActivityRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly places: PlaceRules,
  ) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async insert(tx: Tx, f: ActivityFields, createdBy: string): Promise<ActivityRow> {
    const [row]: ActivityRow[] = await tx.query(
      `INSERT INTO "security"."activity" AS a (${FIELDS.map((k) => `"${k}"`).join(', ')}, "created_by")
       VALUES (${FIELDS.map((_, i) => `$${i + 1}`).join(', ')}, $${FIELDS.length + 1}) RETURNING ${ACTIVITY_COLUMNS}`,
      [...FIELDS.map((k) => value(f, k)), createdBy],
    );
    return row;
  }

  async find(tx: Tx, id: string, lock: boolean): Promise<ActivityRow | undefined> {
    const rows: ActivityRow[] = await tx.query(
      `SELECT ${ACTIVITY_COLUMNS} FROM "security"."activity" a WHERE a."id" = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  /** Stores every field of `f` on the row, version + 1. */
  async save(tx: Tx, id: string, f: ActivityFields): Promise<ActivityRow> {
    const sets = FIELDS.map((k, i) => `"${k}" = $${i + 2}`).join(', ');
    const [rows]: ActivityRow[][] = await tx.query(
      `UPDATE "security"."activity" AS a SET ${sets}, "version" = a."version" + 1, "updated_at" = now()
       WHERE a."id" = $1 RETURNING ${ACTIVITY_COLUMNS}`,
      [id, ...FIELDS.map((k) => value(f, k))],
    );
    return rows[0];
  }

  async list(scope: Scope, q: ActivityListQueryDto, limit: number): Promise<PageV1<ActivityDto>> {
    const { params, p } = sqlParams();
    const where: string[] = [];
    const scoped = ccsScopeSql(scope, 'a."ccs_code"', p);
    if (scoped) where.push(scoped);
    if (q.ccsCode) where.push(`a."ccs_code" = ${p(q.ccsCode)}`);
    if (q.type) where.push(`a."type" = ${p(q.type)}`);
    if (q.placeCode) where.push(this.places.withinSql('a."place_code"', q.placeCode, p));
    // The period holds every activity that overlaps it.
    if (q.from) where.push(`a."end_on" >= ${p(q.from)}::date`);
    if (q.to) where.push(`a."start_on" <= ${p(q.to)}::date`);
    const page = keyset({ columns: NEWEST_FIRST, direction: 'DESC', limit, cursor: q.cursor }, p);
    if (page.where) where.push(page.where);
    const rows: ActivityRow[] = await this.reader.query(
      `SELECT ${ACTIVITY_COLUMNS} FROM "security"."activity" a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${page.orderBy} ${page.limit}`,
      params,
    );
    return pageOf(rows, limit, (r) => [r.start_on, r.id], activityView);
  }
}
