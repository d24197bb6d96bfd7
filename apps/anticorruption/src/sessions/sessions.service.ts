import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requirePermission } from '@prosmed/auth';
import {
  domainError,
  Events,
  Headers,
  type CloseSessionDto,
  type OpenSessionDto,
  type RecordMinutesDto,
  type SessionClosedEventV1,
  type SessionDto,
  type SessionListDto,
  type SessionListQueryDto,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { PlanRepository } from '../plan/plan-repository';
import { actionSummary } from '../plan/action-rows';
import { acAudit, auditActor } from '../shared/audit';
import { today } from '../shared/lateness';
import { SESSION_COLUMNS, sessionView, type SessionRow } from './session-rows';

const outbox = new OutboxWriter('anticorruption');

/**
 * Sessions of the comité de pilotage. Closing one writes its snapshot: each action's last validated
 * values up to the session's last period and its lateness on the closing day. The snapshot table
 * refuses updates and deletes (a trigger), so later validations never change what the session saw.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plan: PlanRepository,
  ) {}

  open(rc: RequestContext, dto: OpenSessionDto): Promise<SessionDto> {
    requirePermission(rc.identity, 'plan:write');
    if (dto.periodFrom > dto.periodTo) {
      throw domainError('SESSION_PERIODS_REVERSED', { periodFrom: dto.periodFrom, periodTo: dto.periodTo });
    }
    return inTransaction(this.dataSource, async (tx) => {
      const [row]: SessionRow[] = await tx.query(
        `INSERT INTO "anticorruption"."committee_session" ("title", "held_on", "period_from", "period_to", "state")
         VALUES ($1, $2, $3, $4, 'open') RETURNING ${SESSION_COLUMNS}`,
        [dto.title, dto.heldOn, dto.periodFrom, dto.periodTo],
      );
      await this.audit(tx, rc, row, 'session.opened', null, 'open');
      return sessionView(row);
    });
  }

  recordMinutes(rc: RequestContext, dto: RecordMinutesDto): Promise<SessionDto> {
    requirePermission(rc.identity, 'plan:write');
    return inTransaction(this.dataSource, async (tx) => {
      await this.lockOpen(tx, dto.sessionId, dto.version);
      // An UPDATE answers [rows, count] through TypeORM.
      const [[row]]: [SessionRow[], number] = await tx.query(
        `UPDATE "anticorruption"."committee_session" SET "minutes" = $2, "decisions" = $3::jsonb, "version" = "version" + 1
          WHERE "id" = $1 RETURNING ${SESSION_COLUMNS}`,
        [dto.sessionId, dto.minutes, JSON.stringify(dto.decisions)],
      );
      await this.audit(tx, rc, row, 'session.minutes-recorded', 'open', 'open');
      return sessionView(row);
    });
  }

  close(rc: RequestContext, dto: CloseSessionDto): Promise<SessionDto> {
    requirePermission(rc.identity, 'session:close');
    return inTransaction(this.dataSource, async (tx) => {
      const session = await this.lockOpen(tx, dto.sessionId, dto.version);
      // Validations of other updates wait for this commit (they lock rows this read does not), but the
      // snapshot is taken at one instant: the transaction's snapshot.
      const asOf = today();
      const facts = (await this.plan.allFacts(tx, session.period_to)).map((f) => ({
        f,
        s: actionSummary(f, asOf),
      }));
      if (facts.length) {
        const cols = 13;
        const values: unknown[] = [];
        const tuples = facts.map(({ f, s }, i) => {
          values.push(
            session.id,
            f.id,
            f.code,
            f.axis_code,
            f.specific_code,
            f.structure_code,
            f.end_on,
            f.budget_planned,
            s.status,
            s.progress,
            s.budgetSpent,
            f.validated_period,
            s.late,
          );
          return `(${Array.from({ length: cols }, (_, k) => `$${i * cols + k + 1}`).join(', ')})`;
        });
        await tx.query(
          `INSERT INTO "anticorruption"."session_snapshot" ("session_id", "action_id", "action_code", "axis_code",
             "specific_code", "structure_code", "end_on", "budget_planned", "status", "progress", "budget_spent",
             "validated_period", "late") VALUES ${tuples.join(', ')}`,
          values,
        );
      }
      // An UPDATE answers [rows, count] through TypeORM.
      const [[row]]: [SessionRow[], number] = await tx.query(
        `UPDATE "anticorruption"."committee_session" SET "state" = 'closed', "closed_at" = now(), "version" = "version" + 1
          WHERE "id" = $1 RETURNING ${SESSION_COLUMNS}`,
        [session.id],
      );
      await this.audit(tx, rc, row, 'session.closed', 'open', 'closed');
      const payload: SessionClosedEventV1 = {
        sessionId: row.id,
        periodFrom: row.period_from,
        periodTo: row.period_to,
        actions: facts.length,
        validated: facts.filter(({ f }) => f.validated_period !== null).length,
        closedAt: new Date(row.closed_at!).toISOString(),
      };
      await outbox.add(tx, {
        topic: Events.anticorruption.sessionClosed,
        key: row.id,
        payload,
        headers: { [Headers.requestId]: rc.requestId },
      });
      return sessionView(row);
    });
  }

  async list(rc: RequestContext, q: SessionListQueryDto): Promise<SessionListDto> {
    requirePermission(rc.identity, 'action:read');
    const rows: SessionRow[] = await this.dataSource.manager.query(
      `SELECT ${SESSION_COLUMNS} FROM "anticorruption"."committee_session"
        WHERE $1::text IS NULL OR "state" = $1 ORDER BY "held_on" DESC, "created_at" DESC LIMIT 200`,
      [q.state ?? null],
    );
    return { items: rows.map(sessionView) };
  }

  /** The session locked, open, at the version the caller read. */
  async lockOpen(tx: EntityManager, id: string, version: number): Promise<SessionRow> {
    const rows: SessionRow[] = await tx.query(
      `SELECT ${SESSION_COLUMNS} FROM "anticorruption"."committee_session" WHERE "id" = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    if (!row) throw domainError('SESSION_NOT_FOUND');
    if (row.state === 'closed') throw domainError('SESSION_CLOSED');
    if (row.version !== version)
      throw domainError('VERSION_CONFLICT', { expected: version, actual: row.version });
    return row;
  }

  private audit(
    tx: EntityManager,
    rc: RequestContext,
    row: SessionRow,
    action: string,
    from: string | null,
    to: string,
  ): Promise<void> {
    return acAudit.record(tx, {
      ...auditActor(rc),
      action,
      entityType: 'session',
      entityId: row.id,
      fromState: from,
      toState: to,
      after: { version: row.version, periodFrom: row.period_from, periodTo: row.period_to },
    });
  }
}
