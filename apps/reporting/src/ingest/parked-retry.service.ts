import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { requirePermission } from '@prosmed/auth';
import { domainError, type ParkedEventRetryDto } from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { auditActor, reportingAudit } from '../shared/audit';
import { classify } from './event-sources';
import { FactStore } from './fact-store';

interface ParkedRow {
  id: string;
  topic: string;
  message_id: string;
  event_type: string | null;
  payload: string | null;
}

/**
 * Reads a parked event again, after an update of this service that knows its type or version: counted
 * (once: the parked row goes in the same transaction), or left parked with its reason brought up to date.
 * The event's claim in `processed_message` stays: a replay of the topic still finds it handled.
 */
@Injectable()
export class ParkedRetryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: FactStore,
  ) {}

  async retry(rc: RequestContext, id: string, note?: string): Promise<ParkedEventRetryDto> {
    requirePermission(rc.identity, 'indicator:write');
    return inTransaction(this.dataSource, async (tx) => {
      const [row]: ParkedRow[] = await tx.query(
        `SELECT "id"::text AS "id", "topic", "message_id", "event_type", "payload"
           FROM "reporting"."parked_event" WHERE "id" = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw domainError('PARKED_EVENT_NOT_FOUND', { id });
      // The producer's event type travels in a header, not stored: the parked row kept it.
      const seen = classify(
        row.topic,
        { 'x-event-type': row.event_type ?? row.topic },
        row.payload,
        row.message_id,
      );
      let out: ParkedEventRetryDto;
      if (seen.ok) {
        const outcome = await this.store.add(tx, seen.record);
        await tx.query(`DELETE FROM "reporting"."parked_event" WHERE "id" = $1`, [id]);
        out = { id, outcome, reason: null };
      } else {
        await tx.query(`UPDATE "reporting"."parked_event" SET "reason" = $2, "detail" = $3 WHERE "id" = $1`, [
          id,
          seen.reason,
          seen.detail,
        ]);
        out = { id, outcome: 'still-parked', reason: seen.reason };
      }
      await reportingAudit.record(tx, {
        ...auditActor(rc),
        action: 'parked-event.retried',
        entityType: 'parked-event',
        entityId: id,
        after: { topic: row.topic, eventType: row.event_type, outcome: out.outcome, note: note ?? null },
      });
      return out;
    });
  }
}
