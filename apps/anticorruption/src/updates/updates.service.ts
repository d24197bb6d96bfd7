import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { assertFoundInScope, requirePermission, type PermissionName } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  Events,
  periodBounds,
  type ConsolidateUpdateDto,
  type ProposeUpdateDto,
  type ResubmitUpdateDto,
  type ReturnUpdateDto,
  type UpdateDto,
  type UpdateListDto,
  type UpdateListQueryDto,
  type UpdateState,
  type UpdateValuesDto,
  type ValidateUpdateDto,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { AggregateCommands, inTransaction, pageOf } from '@prosmed/persistence';
import { PlanRepository } from '../plan/plan-repository';
import { acAudit, auditActor } from '../shared/audit';
import { structureOwner } from '../shared/scope';
import { UpdateRepository } from './update-repository';
import { updateEvent, updateView, type UpdateRow } from './update-rows';
import { nextUpdateState, type UpdateAction } from './update-workflow';

const outbox = new OutboxWriter('anticorruption');

/**
 * Focal points' updates and their validation circuit (`update-workflow.ts`). Every step: permission,
 * then in one transaction the row locked, its scope (the structure of the caller's token), the version
 * she read, the circuit, the change, its audit row and its event (`AggregateCommands`).
 */
@Injectable()
export class UpdatesService {
  private readonly commands: AggregateCommands<UpdateRow, UpdateState, UpdateAction>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plan: PlanRepository,
    private readonly updates: UpdateRepository,
  ) {
    this.commands = new AggregateCommands<UpdateRow, UpdateState, UpdateAction>({
      dataSource,
      entityType: 'update',
      audit: acAudit,
      outbox,
      lock: (tx, id) => updates.find(tx, id, true),
      transition: nextUpdateState,
      save: (tx, row, to) => updates.save(tx, row, to),
    });
  }

  async propose(rc: RequestContext, dto: ProposeUpdateDto): Promise<UpdateDto> {
    const scope = requirePermission(rc.identity, 'update:propose');
    return inTransaction(this.dataSource, async (tx) => {
      // No lock on the action: the unique (action, period) index settles two proposals racing.
      const action = await this.plan.factByCode(tx, dto.code);
      // Another structure's action and an action that does not exist answer the same: no hint.
      assertFoundInScope(scope, action, structureOwner, domainError('ACTION_NOT_FOUND', { code: dto.code }));
      if (periodBounds(dto.period).to < action.start_on) {
        throw domainError('PERIOD_BEFORE_ACTION', {
          period: dto.period,
          code: dto.code,
          startOn: action.start_on,
        });
      }
      await this.assertIndicators(tx, action.id, dto.code, dto);
      const row = await this.updates.insert(tx, {
        ...dto,
        actionId: action.id,
        structureCode: action.structure_code,
        createdBy: rc.identity.username,
      });
      if (!row) throw domainError('UPDATE_EXISTS_FOR_PERIOD', { code: dto.code, period: dto.period });
      await acAudit.record(tx, {
        ...auditActor(rc),
        action: 'update.proposed',
        entityType: 'update',
        entityId: row.id,
        toState: 'proposed',
        reason: dto.comment,
        after: {
          period: dto.period,
          status: dto.status,
          progress: dto.progress,
          budgetSpent: dto.budgetSpent,
        },
      });
      await outbox.add(tx, updateEvent(rc, Events.anticorruption.updateProposed, row));
      return updateView(row);
    });
  }

  consolidate(rc: RequestContext, dto: ConsolidateUpdateDto): Promise<UpdateDto> {
    return this.run(rc, dto, 'consolidate', 'update:consolidate', async (_tx, row) => {
      row.consolidation_comment = dto.comment ?? null;
      return { action: 'update.consolidated', reason: dto.comment ?? null };
    });
  }

  validate(rc: RequestContext, dto: ValidateUpdateDto): Promise<UpdateDto> {
    return this.run(rc, dto, 'validate', 'update:validate', async () => ({
      action: 'update.validated',
      event: Events.anticorruption.updateValidated,
    }));
  }

  /** A return needs a comment (the DTO requires it): the focal point must know what to fix. */
  return(rc: RequestContext, dto: ReturnUpdateDto): Promise<UpdateDto> {
    return this.run(rc, dto, 'return', 'update:validate', async (_tx, row) => {
      row.return_comment = dto.comment;
      return { action: 'update.returned', reason: dto.comment, event: Events.anticorruption.updateReturned };
    });
  }

  resubmit(rc: RequestContext, dto: ResubmitUpdateDto): Promise<UpdateDto> {
    return this.run(rc, dto, 'resubmit', 'update:propose', async (tx, row) => {
      await this.assertIndicators(tx, row.action_id, row.action_code, dto);
      row.status = dto.status;
      row.progress = dto.progress;
      row.budget_spent = String(dto.budgetSpent);
      row.indicator_values = dto.indicatorValues ?? [];
      row.comment = dto.comment;
      return {
        action: 'update.resubmitted',
        reason: dto.comment,
        event: Events.anticorruption.updateProposed,
      };
    });
  }

  async list(rc: RequestContext, q: UpdateListQueryDto): Promise<UpdateListDto> {
    const scope = requirePermission(rc.identity, 'action:read');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.updates.list(scope, q, limit);
    return pageOf(rows, limit, (r) => [r.updated_key, r.id], updateView);
  }

  private run(
    rc: RequestContext,
    target: { updateId: string; version: number },
    action: UpdateAction,
    permission: PermissionName,
    work: (
      tx: EntityManager,
      row: UpdateRow,
    ) => Promise<{ action: string; reason?: string | null; event?: string }>,
  ): Promise<UpdateDto> {
    const scope = requirePermission(rc.identity, permission);
    return this.commands.run({
      id: target.updateId,
      version: target.version,
      action,
      actor: auditActor(rc),
      authorize: (row) => assertFoundInScope(scope, row, structureOwner, domainError('UPDATE_NOT_FOUND')),
      work: async (tx, row) => {
        const done = await work(tx, row);
        return {
          action: done.action,
          reason: done.reason ?? null,
          events: (after) => (done.event ? [updateEvent(rc, done.event, after)] : []),
        };
      },
      result: async (_tx, after) => updateView(after),
    });
  }

  /** Indicator values name indicators of this action only. */
  private async assertIndicators(
    tx: EntityManager,
    actionId: string,
    code: string,
    v: UpdateValuesDto,
  ): Promise<void> {
    if (!v.indicatorValues?.length) return;
    const known = new Set((await this.plan.indicators(tx, [actionId])).map((i) => i.id));
    const unknown = v.indicatorValues.find((iv) => !known.has(iv.indicatorId));
    if (unknown) throw domainError('INDICATOR_UNKNOWN', { indicatorId: unknown.indicatorId, code });
  }
}
