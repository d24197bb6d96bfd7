import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource } from 'typeorm';
import {
  changesOf,
  DEFAULT_PAGE_SIZE,
  domainError,
  type CreateTribunalDto,
  type PageV1,
  type TribunalListQueryDto,
  type TribunalV1,
  type UpdateTribunalDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { assertFoundInScope, requirePermission, type Scope } from '@prosmed/auth';
import { decodeCursor, inTransaction, pageOf, type KeyColumn } from '@prosmed/persistence';
import { tribunalOwner, withTribunalsOfOwnCofos } from '../access/registry-scope';
import { CofoEntity } from '../cofo/cofo.entity';
import { auditActor, landAudit } from '../../shared/audit';
import { RegistryErrors } from '../registry.errors';
import { PLACE_CHECKER, type PlaceChecker } from '../../shared/place-checker';
import { containsPattern, searchKey } from '../../shared/text-search';
import { TribunalEntity, tribunalView } from './tribunal.entity';

/** Keyset paging by code (`COLLATE "C"`: byte order on every server). */
const BY_CODE: KeyColumn[] = [{ sql: 't.code', type: 'text' }];

@Injectable()
export class TribunalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLACE_CHECKER) private readonly places: PlaceChecker,
  ) {}

  async create(rc: RequestContext, dto: CreateTribunalDto): Promise<TribunalV1> {
    requirePermission(rc.identity, 'tribunal:write');
    await this.places.assertKnown([
      { field: 'placeCode', code: dto.placeCode },
      ...dto.cercleCodes.map((code, i) => ({ field: `cercleCodes[${i}]`, code })),
    ]);
    return inTransaction(this.dataSource, async (tx) => {
      const row = tx.create(TribunalEntity, {
        code: dto.code,
        name: dto.name,
        nameSearch: searchKey(dto.name),
        kind: dto.kind,
        placeCode: dto.placeCode,
        cercleCodes: [...dto.cercleCodes],
      });
      // A taken code fails here on `tribunal_code_key`; the handler maps it to TRIBUNAL_CODE_TAKEN.
      const saved = await tx.save(row);
      const after = tribunalView(saved);
      await landAudit.record(tx, {
        ...auditActor(rc),
        action: 'tribunal.created',
        entityType: 'tribunal',
        entityId: saved.id,
        after,
      });
      return after;
    });
  }

  async update(rc: RequestContext, dto: UpdateTribunalDto): Promise<TribunalV1> {
    requirePermission(rc.identity, 'tribunal:write');
    const c = changesOf(dto);
    if (Object.keys(c).length === 0) {
      // An edit that changes nothing is a client mistake, not a new version.
      throw domainError('VALIDATION_FAILED', undefined, [{ field: 'body', code: 'noChanges' }]);
    }
    await this.places.assertKnown([
      ...(c.placeCode !== undefined ? [{ field: 'placeCode', code: c.placeCode }] : []),
      ...(c.cercleCodes ?? []).map((code, i) => ({ field: `cercleCodes[${i}]`, code })),
    ]);
    return inTransaction(this.dataSource, async (tx) => {
      const row = await tx.findOne(TribunalEntity, {
        where: { code: dto.code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw RegistryErrors.tribunalNotFound(dto.code);
      if (row.version !== dto.version) throw RegistryErrors.versionConflict(dto.version, row.version);
      const before = tribunalView(row);
      if (c.name !== undefined) {
        row.name = c.name;
        row.nameSearch = searchKey(c.name);
      }
      if (c.kind !== undefined) row.kind = c.kind;
      if (c.placeCode !== undefined) row.placeCode = c.placeCode;
      if (c.cercleCodes !== undefined) row.cercleCodes = [...c.cercleCodes];
      const saved = await tx.save(row);
      const after = tribunalView(saved);
      await landAudit.record(tx, {
        ...auditActor(rc),
        action: 'tribunal.updated',
        entityType: 'tribunal',
        entityId: row.id,
        before,
        after,
      });
      return after;
    });
  }

  async get(rc: RequestContext, code: string): Promise<TribunalV1> {
    const scope = await this.readScope(rc);
    const row =
      (await this.dataSource.getRepository(TribunalEntity).findOne({ where: { code } })) ?? undefined;
    // Only the caller's own tribunals may turn out not to exist; the rest is simply not hers.
    assertFoundInScope(scope, row, tribunalOwner, RegistryErrors.tribunalNotFound(code), { tribunal: code });
    return tribunalView(row);
  }

  async list(rc: RequestContext, query: TribunalListQueryDto): Promise<PageV1<TribunalV1>> {
    const scope = await this.readScope(rc);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource
      .getRepository(TribunalEntity)
      .createQueryBuilder('t')
      .orderBy('t.code', 'ASC')
      .limit(limit + 1);
    if (!scope.all) qb.andWhere('t.code = ANY(:visible)', { visible: scope.tribunal });
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.placeCode) {
      // Located in the place or below it, or serving a cercle in it (a région) or around it (a commune).
      qb.andWhere(
        new Brackets((w) => {
          w.where('t.placeCode = :place OR t.placeCode LIKE :placeBelow').orWhere(
            `EXISTS (SELECT 1 FROM unnest(t.cercle_codes) AS cc(code)
                      WHERE cc.code = :place OR cc.code LIKE :placeBelow OR :place LIKE cc.code || '-%')`,
          );
        }),
        { place: query.placeCode, placeBelow: `${query.placeCode}-%` },
      );
    }
    if (query.q) qb.andWhere('t.nameSearch LIKE :q', { q: containsPattern(query.q) });
    if (query.cursor) qb.andWhere('t.code > :after', { after: decodeCursor(query.cursor, BY_CODE)[0] });
    const rows = await qb.getMany();
    return pageOf(rows, limit, (r) => [r.code], tribunalView);
  }

  /** The tribunals the caller reaches: her own, and those of her own CoFo (a secretary sees where her PVs go). */
  private async readScope(rc: RequestContext): Promise<Scope> {
    const scope = requirePermission(rc.identity, 'tribunal:read');
    if (scope.all || scope.cofo.length === 0) return scope;
    const rows = await this.dataSource
      .getRepository(CofoEntity)
      .createQueryBuilder('c')
      .select('DISTINCT c.tribunalCode', 'code')
      .where('c.code = ANY(:codes)', { codes: scope.cofo })
      .andWhere('c.tribunalCode IS NOT NULL')
      .getRawMany<{ code: string }>();
    return withTribunalsOfOwnCofos(
      scope,
      rows.map((r) => r.code),
    );
  }
}
