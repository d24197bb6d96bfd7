import { sqlMigration } from '@prosmed/persistence';

export const GATEWAY_SCHEMA = 'gateway';

/**
 * One row per (caller, key). `in_progress` rows are claimed by the first request and hold no answer;
 * `locked_until` lets a later request take over a key whose first request died with its gateway.
 */
export const IdempotencyKeys1764400000000 = sqlMigration(
  'GatewayIdempotencyKeys1764400000000',
  [
    `CREATE TABLE "gateway"."idempotency_keys" (
      "subject" text NOT NULL,
      "key" text NOT NULL,
      "request_hash" text NOT NULL,
      "state" text NOT NULL CHECK ("state" IN ('in_progress', 'completed')),
      "status_code" integer,
      "response_body" jsonb,
      "response_headers" jsonb,
      "request_id" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "completed_at" timestamptz,
      "locked_until" timestamptz NOT NULL,
      "expires_at" timestamptz NOT NULL,
      PRIMARY KEY ("subject", "key")
    )`,
    `CREATE INDEX "idempotency_keys_expires_at_idx" ON "gateway"."idempotency_keys" ("expires_at")`,
  ],
  [`DROP TABLE "gateway"."idempotency_keys"`],
);

export const GATEWAY_MIGRATIONS = [IdempotencyKeys1764400000000];
