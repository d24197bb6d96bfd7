import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, requirePermission } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  type CcsDetailDto,
  type CcsDto,
  type CcsListQueryDto,
  type CreateCcsDto,
  type PageV1,
  type UpdateCcsDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { decodeCursor, inTransaction, pageOf, type KeyColumn } from '@prosmed/persistence';
import { auditActor, historyView, securityAudit } from '../shared/audit';
import { assertRange } from '../shared/dates';
import { PlaceRules } from '../shared/place-rules';
import { ccsScopeSql, sqlParams } from '../shared/sql';
import { containsPattern, searchKey } from '../shared/text-search';
import {
  assertLevelPlace,
  assertMemberForces,
  CCS_COLUMNS,
  ccsView,
  normalizeMembers,
  type CcsRow,
} from './ccs-rules';

const BY_CODE: KeyColumn[] = [{ sql: 'c."code"', type: 'text' }];
const ccsOwner = (r: CcsRow) => ({ ccs: r.code });

/** The CCS registry: the admin creates and edits, readers read within their scope. */
@Injectable()
export class CcsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly places: PlaceRules,
  ) {}

  async create(rc: RequestContext, dto: CreateCcsDto): Promise<CcsDto> {
    requirePermission(rc.identity, 'ccs:write');
    assertLevelPlace(this.places.directory, dto.level, dto.placeCode);
    assertMemberForces(dto.members);
    if (dto.activeTo) assertRange(dto.activeFrom, dto.activeTo, 'activeTo');
    return inTransaction(this.dataSource, async (tx) => {
      // A taken code fails on `ccs_code_key`; the handler maps it to CCS_CODE_TAKEN.
      const [row]: CcsRow[] = await tx.query(
        `INSERT INTO "security"."ccs" AS c ("code", "name", "name_search", "level", "place_code", "active_from", "active_to", "members")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING ${CCS_COLUMNS}`,
        [
          dto.code,
          dto.name,
          searchKey(dto.name),
          dto.level,
          dto.placeCode,
          dto.activeFrom,
          dto.activeTo ?? null,
          JSON.stringify(normalizeMembers(dto.members)),
        ],
      );
      const after = ccsView(row);
      await securityAudit.record(tx, {
        ...auditActor(rc),
        action: 'ccs.created',
        entityType: 'ccs',
        entityId: row.id,
        after,
      });
      return after;
    });
  }

  async update(rc: RequestContext, dto: UpdateCcsDto): Promise<CcsDto> {
    requirePermission(rc.identity, 'ccs:write');
    const { code, version, ...changes } = dto;
    if (Object.values(changes).every((v) => v === undefined)) {
      throw domainError('VALIDATION_FAILED', undefined, [{ field: 'body', code: 'noChanges' }]);
    }
    if (changes.members) assertMemberForces(changes.members);
    return inTransaction(this.dataSource, async (tx) => {
      const rows: CcsRow[] = await tx.query(
        `SELECT ${CCS_COLUMNS} FROM "security"."ccs" c WHERE c."code" = $1 FOR UPDATE`,
        [code],
      );
      const row = rows[0];
      if (!row) throw domainError('CCS_NOT_FOUND', { code });
      if (row.version !== version)
        throw domainError('VERSION_CONFLICT', { expected: version, actual: row.version });
      const before = ccsView(row);
      const next = {
        name: changes.name ?? row.name,
        level: changes.level ?? row.level,
        placeCode: changes.placeCode ?? row.place_code,
        activeFrom: changes.activeFrom ?? row.active_from,
        activeTo: changes.activeTo === undefined ? row.active_to : changes.activeTo,
        members: changes.members ? normalizeMembers(changes.members) : row.members,
      };
      if (changes.level !== undefined || changes.placeCode !== undefined) {
        assertLevelPlace(this.places.directory, next.level, next.placeCode);
      }
      if (next.activeTo) assertRange(next.activeFrom, next.activeTo, 'activeTo');
      const [saved]: CcsRow[][] = await tx.query(
        `UPDATE "security"."ccs" AS c SET "name" = $2, "name_search" = $3, "level" = $4, "place_code" = $5,
           "active_from" = $6, "active_to" = $7, "members" = $8::jsonb, "version" = c."version" + 1, "updated_at" = now()
         WHERE c."id" = $1 RETURNING ${CCS_COLUMNS}`,
        [
          row.id,
          next.name,
          searchKey(next.name),
          next.level,
          next.placeCode,
          next.activeFrom,
          next.activeTo,
          JSON.stringify(next.members),
        ],
      );
      const after = ccsView(saved[0]);
      await securityAudit.record(tx, {
        ...auditActor(rc),
        action: 'ccs.updated',
        entityType: 'ccs',
        entityId: row.id,
        before,
        after,
      });
      return after;
    });
  }

  async get(rc: RequestContext, code: string): Promise<CcsDetailDto> {
    const scope = requirePermission(rc.identity, 'ccs:read');
    const rows: CcsRow[] = await this.dataSource.query(
      `SELECT ${CCS_COLUMNS} FROM "security"."ccs" c WHERE c."code" = $1`,
      [code],
    );
    // Only her own CCS may turn out not to exist: for any other code, absent and not hers look the same.
    assertFoundInScope(scope, rows[0], ccsOwner, domainError('CCS_NOT_FOUND', { code }), { ccs: code });
    const history = await securityAudit.history(this.dataSource.manager, 'ccs', rows[0].id);
    return { ...ccsView(rows[0]), history: historyView(history) };
  }

  async list(rc: RequestContext, q: CcsListQueryDto): Promise<PageV1<CcsDto>> {
    const scope = requirePermission(rc.identity, 'ccs:read');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const { params, p } = sqlParams();
    const where: string[] = [];
    const scoped = ccsScopeSql(scope, 'c."code"', p);
    if (scoped) where.push(scoped);
    if (q.level) where.push(`c."level" = ${p(q.level)}`);
    if (q.placeCode) where.push(this.places.withinSql('c."place_code"', q.placeCode, p));
    if (q.q && searchKey(q.q)) where.push(`c."name_search" LIKE ${p(containsPattern(q.q))}`);
    if (q.cursor) where.push(`c."code" > ${p(decodeCursor(q.cursor, BY_CODE)[0])}`);
    const rows: CcsRow[] = await this.dataSource.query(
      `SELECT ${CCS_COLUMNS} FROM "security"."ccs" c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c."code" LIMIT ${p(limit + 1)}`,
      params,
    );
    return pageOf(rows, limit, (r) => [r.code], ccsView);
  }
}
