import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, requirePermission } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  type ActionDto,
  type ActionListQueryDto,
  type ActionPageDto,
  type CreateStructureDto,
  type StructureDto,
  type StructureListDto,
  type StructureListQueryDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { acAudit, auditActor } from '../shared/audit';
import { today } from '../shared/lateness';
import { structureOwner } from '../shared/scope';
import { UpdateRepository } from '../updates/update-repository';
import { updateView } from '../updates/update-rows';
import { actionSummary, indicatorView } from './action-rows';
import { PlanRepository } from './plan-repository';

/**
 * The plan as people read it, and the structures registry. A focal point reads her structure's actions
 * only; another structure's action answers like one that does not exist (`assertFoundInScope`).
 */
@Injectable()
export class PlanService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plan: PlanRepository,
    private readonly updates: UpdateRepository,
  ) {}

  async structures(rc: RequestContext, q: StructureListQueryDto): Promise<StructureListDto> {
    requirePermission(rc.identity, 'action:read');
    return { items: await this.plan.structures(q.kind) };
  }

  createStructure(rc: RequestContext, dto: CreateStructureDto): Promise<StructureDto> {
    requirePermission(rc.identity, 'plan:write');
    return inTransaction(this.dataSource, async (tx) => {
      if (!(await this.plan.insertStructure(tx, dto)))
        throw domainError('STRUCTURE_CODE_TAKEN', { code: dto.code });
      await acAudit.record(tx, {
        ...auditActor(rc),
        action: 'structure.created',
        entityType: 'structure',
        entityId: dto.code,
        after: { code: dto.code, name: dto.name, kind: dto.kind },
      });
      return { code: dto.code, name: dto.name, kind: dto.kind, demo: false };
    });
  }

  async list(rc: RequestContext, q: ActionListQueryDto): Promise<ActionPageDto> {
    const scope = requirePermission(rc.identity, 'action:read');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const asOf = today();
    // Lateness is computed, not stored: the `late` filter applies after the page is read, so a page
    // may hold fewer than `limit` items; the cursor still moves on by code.
    const rows = await this.plan.listFacts(scope, q, limit);
    const page = rows.slice(0, limit);
    const items = page
      .map((r) => actionSummary(r, asOf))
      .filter((a) => q.late === undefined || a.late === q.late);
    return { items, nextCursor: rows.length > limit ? page[page.length - 1].code : null };
  }

  async get(rc: RequestContext, code: string): Promise<ActionDto> {
    const scope = requirePermission(rc.identity, 'action:read');
    const tx = this.plan.reader;
    const row = await this.plan.factByCode(tx, code);
    assertFoundInScope(scope, row, structureOwner, domainError('ACTION_NOT_FOUND', { code }));
    const [indicators, updates, history] = await Promise.all([
      this.plan.indicators(tx, [row.id]),
      this.updates.ofAction(tx, row.id),
      this.updates.history(tx, row.id),
    ]);
    return {
      ...actionSummary(row, today()),
      specificObjective: row.specific_title,
      operationalObjective: row.operational_title,
      result: row.result_title,
      indicators: indicators.map(indicatorView),
      updates: updates.map(updateView),
      history,
    };
  }
}
