import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, assertInScope, requirePermission } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  type InfrastructureDetailDto,
  type InfrastructureDto,
  type InfrastructureListQueryDto,
  type PageV1,
  type RecordInfrastructureDto,
  type UpdateInfrastructureDto,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { inTransaction, keyset, pageOf, type KeyColumn } from '@prosmed/persistence';
import { auditActor, historyView, securityAudit } from '../shared/audit';
import { CcsSeats } from '../shared/ccs-seats';
import { assertNotFuture, today } from '../shared/dates';
import { PlaceRules } from '../shared/place-rules';
import { ccsOwner, ccsScopeSql, sqlParams, type Tx } from '../shared/sql';
import {
  INFRASTRUCTURE_COLUMNS,
  infrastructureEvent,
  infrastructureView,
  type InfrastructureRow,
} from './infrastructure-rows';

const outbox = new OutboxWriter('security');
const notFound = () => domainError('INFRASTRUCTURE_NOT_FOUND');
const NEWEST_FIRST: KeyColumn[] = [
  { sql: 'i."created_at"', type: 'timestamptz' },
  { sql: 'i."id"', type: 'uuid' },
];

type Row = InfrastructureRow & { created_key: string };

/** Security infrastructures built or rehabilitated, and their handover to a ministry. */
@Injectable()
export class InfrastructuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seats: CcsSeats,
    private readonly places: PlaceRules,
  ) {}

  async record(rc: RequestContext, dto: RecordInfrastructureDto): Promise<InfrastructureDto> {
    assertInScope(requirePermission(rc.identity, 'activity:write'), { ccs: dto.ccsCode });
    if (dto.handedOverOn) assertNotFuture('handedOverOn', dto.handedOverOn);
    return inTransaction(this.dataSource, async (tx) => {
      await this.seats.forRecord(tx, dto.ccsCode, dto.handedOverOn ?? today(), {
        field: 'placeCode',
        code: dto.placeCode,
      });
      const [row]: Row[] = await tx.query(
        `INSERT INTO "security"."infrastructure" AS i ("ccs_code", "name", "type", "works", "place_code", "handed_over_on",
           "receiving_ministry", "created_by") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${INFRASTRUCTURE_COLUMNS}`,
        [
          dto.ccsCode,
          dto.name,
          dto.type,
          dto.works,
          dto.placeCode,
          dto.handedOverOn ?? null,
          dto.receivingMinistry ?? null,
          rc.identity.username,
        ],
      );
      await this.audit(tx, rc, row, 'infrastructure.recorded');
      await outbox.add(tx, infrastructureEvent(rc, row, 'recorded'));
      return infrastructureView(row);
    });
  }

  async update(rc: RequestContext, dto: UpdateInfrastructureDto): Promise<InfrastructureDto> {
    const scope = requirePermission(rc.identity, 'activity:write');
    const { infrastructureId, version, ...c } = dto;
    if (Object.values(c).every((v) => v === undefined)) {
      throw domainError('VALIDATION_FAILED', undefined, [{ field: 'body', code: 'noChanges' }]);
    }
    if (c.handedOverOn) assertNotFuture('handedOverOn', c.handedOverOn);
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.find(tx, infrastructureId, true);
      assertFoundInScope(scope, row, ccsOwner, notFound());
      if (row.version !== version)
        throw domainError('VERSION_CONFLICT', { expected: version, actual: row.version });
      const [saved]: Row[][] = await tx.query(
        `UPDATE "security"."infrastructure" AS i SET "name" = $2, "works" = $3, "handed_over_on" = $4,
           "receiving_ministry" = $5, "version" = i."version" + 1, "updated_at" = now()
         WHERE i."id" = $1 RETURNING ${INFRASTRUCTURE_COLUMNS}`,
        [
          row.id,
          c.name ?? row.name,
          c.works ?? row.works,
          c.handedOverOn === undefined ? row.handed_over_on : c.handedOverOn,
          c.receivingMinistry === undefined ? row.receiving_ministry : c.receivingMinistry,
        ],
      );
      const after = saved[0];
      const handedOver = row.handed_over_on === null && after.handed_over_on !== null;
      await this.audit(
        tx,
        rc,
        after,
        handedOver ? 'infrastructure.handed-over' : 'infrastructure.updated',
        row,
      );
      await outbox.add(tx, infrastructureEvent(rc, after, 'updated'));
      return infrastructureView(after);
    });
  }

  async get(rc: RequestContext, id: string): Promise<InfrastructureDetailDto> {
    const scope = requirePermission(rc.identity, 'activity:read');
    const tx = this.dataSource.manager;
    const row = await this.find(tx, id, false);
    assertFoundInScope(scope, row, ccsOwner, notFound());
    const history = historyView(await securityAudit.history(tx, 'infrastructure', row.id));
    return { ...infrastructureView(row), history };
  }

  async list(rc: RequestContext, q: InfrastructureListQueryDto): Promise<PageV1<InfrastructureDto>> {
    const scope = requirePermission(rc.identity, 'activity:read');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const { params, p } = sqlParams();
    const where: string[] = [];
    const scoped = ccsScopeSql(scope, 'i."ccs_code"', p);
    if (scoped) where.push(scoped);
    if (q.ccsCode) where.push(`i."ccs_code" = ${p(q.ccsCode)}`);
    if (q.type) where.push(`i."type" = ${p(q.type)}`);
    if (q.placeCode) where.push(this.places.withinSql('i."place_code"', q.placeCode, p));
    if (q.handedOver !== undefined) where.push(`i."handed_over_on" IS ${q.handedOver ? 'NOT ' : ''}NULL`);
    if (q.from) where.push(`i."handed_over_on" >= ${p(q.from)}::date`);
    if (q.to) where.push(`i."handed_over_on" <= ${p(q.to)}::date`);
    const page = keyset({ columns: NEWEST_FIRST, direction: 'DESC', limit, cursor: q.cursor }, p);
    if (page.where) where.push(page.where);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${INFRASTRUCTURE_COLUMNS} FROM "security"."infrastructure" i
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${page.orderBy} ${page.limit}`,
      params,
    );
    return pageOf(rows, limit, (r) => [r.created_key, r.id], infrastructureView);
  }

  private async find(tx: Tx, id: string, lock: boolean): Promise<Row | undefined> {
    const rows: Row[] = await tx.query(
      `SELECT ${INFRASTRUCTURE_COLUMNS} FROM "security"."infrastructure" i WHERE i."id" = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  private audit(
    tx: Tx,
    rc: RequestContext,
    row: InfrastructureRow,
    action: string,
    before?: InfrastructureRow,
  ): Promise<void> {
    return securityAudit.record(tx, {
      ...auditActor(rc),
      action,
      entityType: 'infrastructure',
      entityId: row.id,
      before: before ? infrastructureView(before) : undefined,
      after: infrastructureView(row),
    });
  }
}
