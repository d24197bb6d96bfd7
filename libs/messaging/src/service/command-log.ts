import type { DataSource } from 'typeorm';
import { domainError } from '@prosmed/contracts';
import { assertSchemaName, inTransaction } from '@prosmed/persistence';
import { COMMAND_LOG_TTL_HOURS, isExpired } from './command';
import type { JsonLogger } from './logger';

/** One delivery of a command, as the kit sees it before running its handler. */
export interface CommandDelivery {
  /** From `commandKeyOf`: the client's key, else the message id, else the Kafka record. */
  key: string;
  /** From `commandHash`: the same key with another hash is another request. */
  hash: string;
  /** The message name, for people reading the table. */
  message: string;
  requestId?: string;
  deadline?: number;
}

export interface CommandOutcome<T> {
  result: T;
  /** True when this delivery found the command already done and returned its first result. */
  replayed: boolean;
}

export interface CommandLogOptions {
  dataSource: DataSource;
  schema: string;
  ttlHours?: number;
  purgeEveryMs?: number;
  logger?: JsonLogger;
  now?: () => number;
}

/** A row that conflicted and vanished before it could be read (purged in between) is claimed again. */
const MAX_CLAIMS = 3;

/**
 * Exactly-once application of commands: the command's key is inserted first in the transaction that
 * applies it, and its result stored in the same transaction, so "applied" and "recorded" commit or roll
 * back together. A duplicate delivered while the first is running blocks on the key's unique index until
 * the first commits (then returns its result) or rolls back (then runs itself). The handler runs with the
 * transaction ambient (`inTransaction` joins it), so every write it makes is part of it.
 */
export class CommandLog {
  private readonly schema: string;
  private readonly ttlHours: number;
  private readonly purgeEveryMs: number;
  private readonly now: () => number;
  private purgeTimer?: NodeJS.Timeout;

  constructor(private readonly opts: CommandLogOptions) {
    this.schema = assertSchemaName(opts.schema);
    this.ttlHours = opts.ttlHours ?? COMMAND_LOG_TTL_HOURS;
    this.purgeEveryMs = opts.purgeEveryMs ?? 10 * 60_000;
    this.now = opts.now ?? Date.now;
  }

  private get table(): string {
    return `"${this.schema}"."command_log"`;
  }

  async execute<T>(cmd: CommandDelivery, run: () => Promise<T>): Promise<CommandOutcome<T>> {
    // Refused before anything: the caller was told it failed, and must not find it applied later.
    if (isExpired(cmd.deadline, this.now())) throw domainError('COMMAND_EXPIRED');
    this.startPurging();
    return inTransaction(this.opts.dataSource, async (tx) => {
      for (let attempt = 1; ; attempt++) {
        const claimed: unknown[] = await tx.query(
          `INSERT INTO ${this.table} ("key", "request_hash", "message", "request_id") VALUES ($1, $2, $3, $4)
           ON CONFLICT ("key") DO NOTHING RETURNING 1`,
          [cmd.key, cmd.hash, cmd.message, cmd.requestId ?? null],
        );
        if (claimed.length > 0) break;
        const rows: { request_hash: string; result: unknown }[] = await tx.query(
          `SELECT "request_hash", "result" FROM ${this.table} WHERE "key" = $1`,
          [cmd.key],
        );
        const first = rows[0];
        if (!first) {
          if (attempt < MAX_CLAIMS) continue;
          throw new Error(`command key ${cmd.key} conflicts but cannot be read`);
        }
        if (first.request_hash !== cmd.hash) throw domainError('IDEMPOTENCY_KEY_REUSED');
        return { result: first.result as T, replayed: true };
      }
      // A duplicate that waited on the first one's key and found it rolled back may be late by now.
      if (isExpired(cmd.deadline, this.now())) throw domainError('COMMAND_EXPIRED');
      const result = await run();
      await tx.query(`UPDATE ${this.table} SET "result" = $2::jsonb WHERE "key" = $1`, [
        cmd.key,
        JSON.stringify(result ?? null),
      ]);
      return { result, replayed: false };
    });
  }

  /** Deletes what is older than the TTL; returns how many rows. */
  async purge(): Promise<number> {
    const res = (await this.opts.dataSource.query(
      `DELETE FROM ${this.table} WHERE "created_at" < now() - $1 * interval '1 hour'`,
      [this.ttlHours],
    )) as [unknown[], number];
    return res[1] ?? 0;
  }

  /** Purges now and then periodically (idempotent); the timer never keeps the process alive. */
  startPurging(): void {
    if (this.purgeTimer) return;
    const purge = () =>
      void this.purge().then(
        (n) => n > 0 && this.opts.logger?.log({ msg: 'command log purged', rows: n }, CommandLog.name),
        (err: unknown) =>
          this.opts.logger?.warn({ msg: 'command log purge failed', err: String(err) }, CommandLog.name),
      );
    this.purgeTimer = setInterval(purge, this.purgeEveryMs).unref();
    purge();
  }

  stopPurging(): void {
    clearInterval(this.purgeTimer);
    this.purgeTimer = undefined;
  }
}
