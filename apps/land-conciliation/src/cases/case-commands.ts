import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, requirePermission, type PermissionName } from '@prosmed/auth';
import { domainError, Headers, type CaseState, type CaseV1, type LandEventV1 } from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { AggregateCommands, type EventMessage } from '@prosmed/persistence';
import { auditActor, landAudit } from '../shared/audit';
import type { CaseRow } from './case-rows';
import { caseOwner } from './case-scope';
import { nextState, type CaseAction } from './case-state-machine';
import { CaseRepository, type Tx } from './case-repository';

const outbox = new OutboxWriter('land');

/** What a command's own work did: its audit action and reason, the date its event is about, the event. */
export interface CaseWork {
  action: string;
  reason?: string | null;
  date: string;
  event?: string;
}

/** A land event: counts, codes and dates, never names (events are read by reporting, outside the case). */
export function caseEvent(rc: RequestContext, topic: string, row: CaseRow, date: string): EventMessage {
  const payload: LandEventV1 = {
    caseId: row.id,
    caseNumber: row.number,
    cofoCode: row.cofo_code,
    placeCode: row.village_code,
    disputeType: row.dispute_type,
    date,
    occurredAt: new Date().toISOString(),
    state: row.state,
    parties: row.party_counts,
  };
  return { topic, key: row.id, payload, headers: { [Headers.requestId]: rc.requestId } };
}

/**
 * Commands on an existing land case, through the platform's command template: the caller's permission
 * first, then in one transaction the case row locked, its scope, the version she read, the legal
 * procedure (`case-state-machine.ts`), the work, the row, its audit row (from, to, why) and its event.
 */
@Injectable()
export class CaseCommands {
  private readonly commands: AggregateCommands<CaseRow, CaseState, CaseAction>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly cases: CaseRepository,
  ) {
    this.commands = new AggregateCommands<CaseRow, CaseState, CaseAction>({
      dataSource,
      entityType: 'case',
      audit: landAudit,
      outbox,
      lock: (tx, id) => cases.find(tx, id, true),
      transition: nextState,
      save: (tx, row, to) => cases.save(tx, row, to),
    });
  }

  run(
    rc: RequestContext,
    target: { caseId: string; version: number },
    action: CaseAction,
    permission: PermissionName,
    work: (tx: Tx, row: CaseRow) => Promise<CaseWork>,
  ): Promise<CaseV1> {
    const scope = requirePermission(rc.identity, permission);
    return this.commands.run({
      id: target.caseId,
      version: target.version,
      action,
      actor: auditActor(rc),
      authorize: (row) => assertFoundInScope(scope, row, caseOwner, domainError('CASE_NOT_FOUND')),
      work: async (tx, row) => {
        const done = await work(tx, row);
        return {
          action: done.action,
          reason: done.reason ?? null,
          events: (after) => (done.event ? [caseEvent(rc, done.event, after, done.date)] : []),
        };
      },
      result: (tx, after) => this.cases.view(tx, after),
    });
  }
}
