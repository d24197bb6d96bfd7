import { sqlMigration } from '@prosmed/persistence';

/**
 * The CCS registry. Codes are `COLLATE "C"` so keyset paging by code is byte order on every server; the
 * unique constraint is named: the handler maps a violation of exactly it to `CCS_CODE_TAKEN`.
 */
export const SecurityRegistry = sqlMigration(
  'SecurityRegistry1764600000000',
  [
    `CREATE TABLE "security"."ccs" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "code" text COLLATE "C" NOT NULL CONSTRAINT "ccs_code_key" UNIQUE,
      "name" text NOT NULL,
      "name_search" text NOT NULL,
      "level" text NOT NULL CONSTRAINT "ccs_level_check" CHECK ("level" IN ('regional', 'cercle', 'communal')),
      "place_code" text COLLATE "C" NOT NULL,
      "active_from" date NOT NULL,
      "active_to" date,
      "members" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "ccs_active_range" CHECK ("active_to" IS NULL OR "active_to" >= "active_from")
    )`,
    `CREATE INDEX "ccs_place_code_idx" ON "security"."ccs" ("place_code" text_pattern_ops)`,
  ],
  [`DROP TABLE "security"."ccs"`],
);
