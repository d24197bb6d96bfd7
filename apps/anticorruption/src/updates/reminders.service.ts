import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { requirePermission } from '@prosmed/auth';
import {
  Events,
  Headers,
  periodBounds,
  type ActionLateEventV1,
  type MissingUpdatesDto,
  type ReminderDueEventV1,
  type ReminderRunDto,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { inTransaction, type EventMessage } from '@prosmed/persistence';
import { actionSummary } from '../plan/action-rows';
import { PlanRepository } from '../plan/plan-repository';
import { acAudit, auditActor } from '../shared/audit';
import { today } from '../shared/lateness';
import { DEADLINE_SETTINGS, reportingDeadline, type DeadlineSettings } from './deadline.settings';

const outbox = new OutboxWriter('anticorruption');

/**
 * Deadlines: which structures have not reported for a quarter, and the reminder and lateness events a
 * notifier acts on. Each is emitted once (per structure and period, per late action): the marks are
 * written in the same transaction as the outbox rows, so a second run, or a retry, emits nothing new.
 */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DEADLINE_SETTINGS) private readonly settings: DeadlineSettings,
    private readonly plan: PlanRepository,
  ) {}

  async missing(rc: RequestContext, period: string): Promise<MissingUpdatesDto> {
    requirePermission(rc.identity, 'plan:write');
    const byStructure = await this.missingActions(this.dataSource.manager, period);
    return { period, ...this.deadline(period), structures: [...byStructure.keys()] };
  }

  run(rc: RequestContext, period: string): Promise<ReminderRunDto> {
    requirePermission(rc.identity, 'plan:write');
    const { deadline, remindFrom } = this.deadline(period);
    return inTransaction(this.dataSource, async (tx) => {
      const byStructure = await this.missingActions(tx, period);
      const codes = [...byStructure.keys()];
      const fresh: { structure_code: string }[] = codes.length
        ? await tx.query(
            `INSERT INTO "anticorruption"."reminder_sent" ("structure_code", "period")
             SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING RETURNING "structure_code"`,
            [codes, period],
          )
        : [];
      const reminded = fresh.map((r) => r.structure_code).sort();
      const occurredAt = new Date().toISOString();
      const events: EventMessage[] = reminded.map((structureCode) => {
        const payload: ReminderDueEventV1 = {
          structureCode,
          period,
          deadline,
          actionCodes: byStructure.get(structureCode) ?? [],
          occurredAt,
        };
        return this.event(rc, Events.anticorruption.reminderDue, `${structureCode}:${period}`, payload);
      });
      events.push(...(await this.lateNotices(tx, rc, occurredAt)));
      await acAudit.record(tx, {
        ...auditActor(rc),
        action: 'reminders.run',
        entityType: 'period',
        entityId: period,
        after: { reminded, lateNotices: events.length - reminded.length },
      });
      await outbox.add(tx, ...events);
      return { period, deadline, remindFrom, structures: codes, reminded };
    });
  }

  /** Late actions not notified yet: one event each, ever. */
  private async lateNotices(
    tx: EntityManager,
    rc: RequestContext,
    occurredAt: string,
  ): Promise<EventMessage[]> {
    const asOf = today();
    const late = (await this.plan.allFacts(tx, null)).filter((f) => actionSummary(f, asOf).late);
    if (late.length === 0) return [];
    const fresh: { action_id: string }[] = await tx.query(
      `INSERT INTO "anticorruption"."late_notice" ("action_id") SELECT unnest($1::uuid[])
       ON CONFLICT DO NOTHING RETURNING "action_id"`,
      [late.map((f) => f.id)],
    );
    const ids = new Set(fresh.map((r) => r.action_id));
    return late
      .filter((f) => ids.has(f.id))
      .map((f) => {
        const payload: ActionLateEventV1 = {
          actionId: f.id,
          actionCode: f.code,
          axisCode: f.axis_code,
          structureCode: f.structure_code,
          endOn: f.end_on,
          status: f.status ?? 'non démarrée',
          progress: f.progress ?? 0,
          occurredAt,
        };
        return this.event(rc, Events.anticorruption.actionLate, f.id, payload);
      });
  }

  /** Structure -> its actions running in the period that have no update for it (any stage). */
  private async missingActions(tx: EntityManager, period: string): Promise<Map<string, string[]>> {
    const { from, to } = periodBounds(period);
    const rows: { structure_code: string; code: string }[] = await tx.query(
      `SELECT a."responsible_code" AS "structure_code", a."code" FROM "anticorruption"."action" a
        WHERE a."start_on" <= $2::date AND a."end_on" >= $1::date
          AND NOT EXISTS (SELECT 1 FROM "anticorruption"."action_update" u WHERE u."action_id" = a."id" AND u."period" = $3)
        ORDER BY a."responsible_code", a."code"`,
      [from, to, period],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.structure_code, [...(out.get(r.structure_code) ?? []), r.code]);
    return out;
  }

  private deadline(period: string): { deadline: string; remindFrom: string } {
    return reportingDeadline(periodBounds(period).to, this.settings);
  }

  private event(rc: RequestContext, topic: string, key: string, payload: unknown): EventMessage {
    return { topic, key, payload, headers: { [Headers.requestId]: rc.requestId } };
  }
}
