import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { JsonLogger } from '@prosmed/messaging';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, GATEWAY_DATA_SOURCE, GATEWAY_LOGGER } from '../tokens';

export interface StoredAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'completed'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' }
  | { kind: 'gone' };

interface Row {
  request_hash: string;
  state: 'in_progress' | 'completed';
  status_code: number | null;
  response_body: unknown;
  response_headers: Record<string, string> | null;
}

const T = '"gateway"."idempotency_keys"';

/** Idempotency keys in PostgreSQL (schema `gateway`), shared by every gateway instance. */
@Injectable()
export class IdempotencyStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @Inject(GATEWAY_DATA_SOURCE) private readonly ds: DataSource,
    @Inject(GATEWAY_CONFIG) private readonly cfg: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    const purge = () =>
      void this.purge().catch((err: unknown) =>
        this.logger.warn({ msg: 'idempotency purge failed', err: String(err) }, 'IdempotencyStore'),
      );
    purge();
    this.purgeTimer = setInterval(purge, this.cfg.idempotency.purgeEveryMs).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purgeTimer);
  }

  /**
   * Claims a key for a request (INSERT ... ON CONFLICT: of concurrent duplicates exactly one wins), or
   * says what the key already holds. An expired row, or an `in_progress` row of the same request whose
   * lock has lapsed (its gateway died), is taken over in the same statement.
   */
  async claim(subject: string, key: string, hash: string, requestId: string): Promise<Claim> {
    const claimed: unknown[] = await this.ds.query(
      `INSERT INTO ${T} ("subject", "key", "request_hash", "state", "request_id", "locked_until", "expires_at")
       VALUES ($1, $2, $3, 'in_progress', $4, now() + $5 * interval '1 millisecond', now() + $6 * interval '1 millisecond')
       ON CONFLICT ("subject", "key") DO UPDATE SET
         "request_hash" = EXCLUDED."request_hash", "state" = 'in_progress', "status_code" = NULL,
         "response_body" = NULL, "response_headers" = NULL, "request_id" = EXCLUDED."request_id",
         "created_at" = now(), "completed_at" = NULL,
         "locked_until" = EXCLUDED."locked_until", "expires_at" = EXCLUDED."expires_at"
       WHERE ${T}."expires_at" <= now()
          OR (${T}."state" = 'in_progress' AND ${T}."locked_until" <= now()
              AND ${T}."request_hash" = EXCLUDED."request_hash")
       RETURNING "key"`,
      [subject, key, hash, requestId, this.lockMs(), this.cfg.idempotency.ttlMs],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const rows: Row[] = await this.ds.query(
      `SELECT "request_hash", "state", "status_code", "response_body", "response_headers"
         FROM ${T} WHERE "subject" = $1 AND "key" = $2 AND "expires_at" > now()`,
      [subject, key],
    );
    const row = rows[0];
    if (!row) return { kind: 'gone' };
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.state === 'in_progress' || row.status_code === null) return { kind: 'in_progress' };
    return {
      kind: 'completed',
      answer: { status: row.status_code, body: row.response_body, headers: row.response_headers ?? {} },
    };
  }

  async complete(subject: string, key: string, hash: string, answer: StoredAnswer): Promise<void> {
    await this.ds.query(
      `UPDATE ${T} SET "state" = 'completed', "status_code" = $4, "response_body" = $5,
              "response_headers" = $6, "completed_at" = now()
        WHERE "subject" = $1 AND "key" = $2 AND "request_hash" = $3 AND "state" = 'in_progress'`,
      [
        subject,
        key,
        hash,
        answer.status,
        JSON.stringify(answer.body ?? null),
        JSON.stringify(answer.headers),
      ],
    );
  }

  /** Forgets a claim whose request failed without a definite answer (5xx): the client may retry. */
  async release(subject: string, key: string, hash: string): Promise<void> {
    await this.ds.query(
      `DELETE FROM ${T} WHERE "subject" = $1 AND "key" = $2 AND "request_hash" = $3 AND "state" = 'in_progress'`,
      [subject, key, hash],
    );
  }

  /** Deletes expired keys; returns how many. */
  async purge(): Promise<number> {
    const res = (await this.ds.query(`DELETE FROM ${T} WHERE "expires_at" <= now()`)) as [unknown[], number];
    return res[1] ?? 0;
  }

  /**
   * A claim outlives the longest a request can take (the Kafka bound) with a margin, so that duplicates
   * normally wait for the first answer. It need not be longer: a retry that takes over the claim of a
   * gateway that died forwards the same key, and the service's command log returns the first attempt's
   * result (or waits for it) instead of applying the command again.
   */
  private lockMs(): number {
    return this.cfg.kafka.requestTimeoutMs + 3000;
  }
}
