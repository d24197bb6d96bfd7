import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import {
  changesOf,
  DEFAULT_PAGE_SIZE,
  domainError,
  type CofoListQueryDto,
  type CofoV1,
  type CreateCofoDto,
  type PageV1,
  type UpdateCofoDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { assertFoundInScope, requirePermission } from '@prosmed/auth';
import { decodeCursor, inTransaction, pageOf, type KeyColumn } from '@prosmed/persistence';
import { cofoOwner } from '../access/registry-scope';
import { auditActor, landAudit } from '../../shared/audit';
import { RegistryErrors } from '../registry.errors';
import { PLACE_CHECKER, type PlaceChecker } from '../../shared/place-checker';
import { containsPattern, searchKey } from '../../shared/text-search';
import { TribunalEntity } from '../tribunals/tribunal.entity';
import { CofoEntity, cofoView } from './cofo.entity';

/** Keyset paging by code (`COLLATE "C"`: byte order on every server). */
const BY_CODE: KeyColumn[] = [{ sql: 'c.code', type: 'text' }];

@Injectable()
export class CofoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLACE_CHECKER) private readonly places: PlaceChecker,
  ) {}

  async create(rc: RequestContext, dto: CreateCofoDto): Promise<CofoV1> {
    requirePermission(rc.identity, 'cofo:write');
    await this.places.assertKnown([{ field: 'placeCode', code: dto.placeCode }]);
    return inTransaction(this.dataSource, async (tx) => {
      const tribunalCode = dto.tribunalCode ?? null;
      if (tribunalCode !== null) await this.assertTribunalExists(tx, tribunalCode);
      const row = tx.create(CofoEntity, {
        code: dto.code,
        name: dto.name,
        nameSearch: searchKey(dto.name),
        level: dto.level,
        placeCode: dto.placeCode,
        tribunalCode,
        members: dto.members.map((m) => ({ name: m.name, sex: m.sex, role: m.role })),
      });
      // A taken code fails here on `cofo_code_key`; the handler maps it to COFO_CODE_TAKEN.
      const saved = await tx.save(row);
      const after = cofoView(saved);
      await landAudit.record(tx, {
        ...auditActor(rc),
        action: 'cofo.created',
        entityType: 'cofo',
        entityId: saved.id,
        after,
      });
      return after;
    });
  }

  async update(rc: RequestContext, dto: UpdateCofoDto): Promise<CofoV1> {
    requirePermission(rc.identity, 'cofo:write');
    const c = changesOf(dto);
    if (Object.keys(c).length === 0) {
      // An edit that changes nothing is a client mistake, not a new version.
      throw domainError('VALIDATION_FAILED', undefined, [{ field: 'body', code: 'noChanges' }]);
    }
    if (c.placeCode !== undefined) await this.places.assertKnown([{ field: 'placeCode', code: c.placeCode }]);
    return inTransaction(this.dataSource, async (tx) => {
      // The row lock makes read-compare-write one step: two editors with the same version cannot both win.
      const row = await tx.findOne(CofoEntity, {
        where: { code: dto.code },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw RegistryErrors.cofoNotFound(dto.code);
      if (row.version !== dto.version) throw RegistryErrors.versionConflict(dto.version, row.version);
      const before = cofoView(row);
      if (c.tribunalCode !== undefined && c.tribunalCode !== null && c.tribunalCode !== row.tribunalCode) {
        await this.assertTribunalExists(tx, c.tribunalCode);
      }
      if (c.name !== undefined) {
        row.name = c.name;
        row.nameSearch = searchKey(c.name);
      }
      if (c.level !== undefined) row.level = c.level;
      if (c.placeCode !== undefined) row.placeCode = c.placeCode;
      if (c.tribunalCode !== undefined) row.tribunalCode = c.tribunalCode;
      if (c.members !== undefined)
        row.members = c.members.map((m) => ({ name: m.name, sex: m.sex, role: m.role }));
      const saved = await tx.save(row);
      const after = cofoView(saved);
      await landAudit.record(tx, {
        ...auditActor(rc),
        action: 'cofo.updated',
        entityType: 'cofo',
        entityId: row.id,
        before,
        after,
      });
      return after;
    });
  }

  async get(rc: RequestContext, code: string): Promise<CofoV1> {
    const scope = requirePermission(rc.identity, 'cofo:read');
    const row = (await this.dataSource.getRepository(CofoEntity).findOne({ where: { code } })) ?? undefined;
    // Only her own CoFo may turn out not to exist: for any other code, absent and not hers look the same.
    assertFoundInScope(scope, row, cofoOwner, RegistryErrors.cofoNotFound(code), { cofo: code });
    return cofoView(row);
  }

  async list(rc: RequestContext, query: CofoListQueryDto): Promise<PageV1<CofoV1>> {
    const scope = requirePermission(rc.identity, 'cofo:read');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const qb = this.dataSource
      .getRepository(CofoEntity)
      .createQueryBuilder('c')
      .orderBy('c.code', 'ASC')
      .limit(limit + 1);
    if (!scope.all) {
      qb.andWhere(
        new Brackets((w) => {
          w.where('c.code = ANY(:ownCofos)', { ownCofos: scope.cofo }).orWhere(
            'c.tribunalCode = ANY(:ownTribunals)',
            { ownTribunals: scope.tribunal },
          );
        }),
      );
    }
    if (query.level) qb.andWhere('c.level = :level', { level: query.level });
    if (query.placeCode) {
      qb.andWhere('(c.placeCode = :place OR c.placeCode LIKE :placeBelow)', {
        place: query.placeCode,
        placeBelow: `${query.placeCode}-%`,
      });
    }
    if (query.q) qb.andWhere('c.nameSearch LIKE :q', { q: containsPattern(query.q) });
    if (query.cursor) qb.andWhere('c.code > :after', { after: decodeCursor(query.cursor, BY_CODE)[0] });
    const rows = await qb.getMany();
    return pageOf(rows, limit, (r) => [r.code], cofoView);
  }

  private async assertTribunalExists(tx: EntityManager, code: string): Promise<void> {
    // FOR SHARE: the tribunal cannot go away before this transaction commits its reference to it.
    const found = await tx.findOne(TribunalEntity, { where: { code }, lock: { mode: 'pessimistic_read' } });
    if (!found) throw RegistryErrors.tribunalNotFound(code);
  }
}
