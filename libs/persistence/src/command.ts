import type { DataSource, EntityManager } from 'typeorm';
import { domainError } from '@prosmed/contracts';
import type { AuditEntry, AuditLog } from './audit';
import { inTransaction } from './transaction';

/** A record people edit: a state from a state machine and a version for optimistic locking. */
export interface Aggregate<S extends string = string> {
  id: string;
  version: number;
  state: S;
}

/** An event row for the outbox, written in the same transaction as the change. */
export interface EventMessage {
  topic: string;
  key: string;
  payload: unknown;
  headers?: Record<string, string>;
}

/** Where events go (the messaging lib's `OutboxWriter` is one; persistence does not depend on it). */
export interface EventSink {
  add(tx: EntityManager, ...messages: EventMessage[]): Promise<unknown>;
}

/** What is the same for every command on one kind of aggregate (a service builds it once). */
export interface AggregateCommandsOptions<R extends Aggregate<S>, S extends string, A> {
  dataSource: DataSource;
  /** `entity_type` of the audit rows, e.g. `case`. */
  entityType: string;
  audit: AuditLog;
  outbox: EventSink;
  /** Reads the row with `FOR UPDATE`: read, compare and write are one step for concurrent editors. */
  lock(tx: EntityManager, id: string): Promise<R | undefined>;
  /** The state machine: the state after `action`, or throws the domain error that says why not. */
  transition(from: S, action: A): S;
  /** Stores the (possibly changed) row in state `to` with its version + 1, and returns it as stored. */
  save(tx: EntityManager, row: R, to: S): Promise<R>;
}

/** What one command's own work says happened: the audit action and why, and the events to publish. */
export interface CommandEffect<R> {
  action: string;
  reason?: string | null;
  /** Built from the row as saved (new state and version). */
  events?: (after: R) => EventMessage[];
}

export interface CommandInput<R extends Aggregate<S>, S extends string, A, T> {
  id: string;
  /** The version the caller read: any other is `VERSION_CONFLICT` (409). */
  version: number;
  action: A;
  /** Who, from the verified identity (never from a body), and which request. */
  actor: Pick<AuditEntry, 'actorId' | 'actorName' | 'requestId'>;
  /**
   * Scope check on the locked row, `undefined` when it does not exist: throws `OUT_OF_SCOPE` or the
   * not-found code (`assertInScope` of `@prosmed/auth`). Runs before the version is compared, so a
   * version conflict never tells an outsider that the record exists.
   */
  authorize(row: R | undefined): void;
  /** The command's own checks and writes, once the transition is allowed; may change `row` before it is saved. */
  work(tx: EntityManager, row: R, to: S): Promise<CommandEffect<R>>;
  /** The answer, read in the same transaction. */
  result(tx: EntityManager, after: R): Promise<T>;
}

/**
 * The template of every command on an existing aggregate: lock the row, check scope, compare the
 * version, ask the state machine, do the work, save, write the audit row (from, to, why) and the
 * outbox events, all in one transaction (`inTransaction`: the ambient one of the service kit when there
 * is one, so the command's idempotency record commits with its effects).
 */
export class AggregateCommands<R extends Aggregate<S>, S extends string, A> {
  constructor(private readonly options: AggregateCommandsOptions<R, S, A>) {}

  run<T>(input: CommandInput<R, S, A, T>): Promise<T> {
    const o = this.options;
    return inTransaction(o.dataSource, async (tx) => {
      const row = await o.lock(tx, input.id);
      input.authorize(row);
      // authorize throws for an absent row; this only keeps the types honest.
      if (row === undefined)
        throw new Error(`${o.entityType} ${input.id}: authorize let an absent row through`);
      if (row.version !== input.version) {
        throw domainError('VERSION_CONFLICT', { expected: input.version, actual: row.version });
      }
      const from = row.state;
      const before = row.version;
      const to = o.transition(from, input.action);
      const effect = await input.work(tx, row, to);
      const after = await o.save(tx, row, to);
      await o.audit.record(tx, {
        ...input.actor,
        action: effect.action,
        entityType: o.entityType,
        entityId: row.id,
        fromState: from,
        toState: to,
        reason: effect.reason ?? null,
        before: { version: before },
        after: { version: after.version },
      });
      const events = effect.events?.(after) ?? [];
      if (events.length > 0) await o.outbox.add(tx, ...events);
      return input.result(tx, after);
    });
  }
}
