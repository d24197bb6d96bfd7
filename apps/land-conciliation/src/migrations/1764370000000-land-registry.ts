import { sqlMigration } from '@prosmed/persistence';

/**
 * CoFo and tribunal tables. Codes are `COLLATE "C"` so that keyset pagination (`ORDER BY code`,
 * `code > cursor`) is byte order, the same on every server whatever its locale. The unique constraints
 * are named: handlers map a violation of exactly these to `*_CODE_TAKEN`.
 */
export const LandRegistry = sqlMigration(
  'LandRegistry1764370000000',
  [
    `CREATE TABLE "land"."tribunal" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "code" text COLLATE "C" NOT NULL CONSTRAINT "tribunal_code_key" UNIQUE,
      "name" text NOT NULL,
      "name_search" text NOT NULL,
      "kind" text NOT NULL CONSTRAINT "tribunal_kind_check" CHECK ("kind" IN ('tribunal-instance', 'jpce')),
      "place_code" text COLLATE "C" NOT NULL,
      "cercle_codes" text[] NOT NULL DEFAULT '{}',
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX "tribunal_place_code_idx" ON "land"."tribunal" ("place_code")`,
    `CREATE TABLE "land"."cofo" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "code" text COLLATE "C" NOT NULL CONSTRAINT "cofo_code_key" UNIQUE,
      "name" text NOT NULL,
      "name_search" text NOT NULL,
      "level" text NOT NULL CONSTRAINT "cofo_level_check" CHECK ("level" IN ('village', 'commune', 'cercle')),
      "place_code" text COLLATE "C" NOT NULL,
      "tribunal_code" text COLLATE "C" CONSTRAINT "cofo_tribunal_code_fkey"
        REFERENCES "land"."tribunal" ("code") ON UPDATE RESTRICT ON DELETE RESTRICT,
      "members" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX "cofo_place_code_idx" ON "land"."cofo" ("place_code")`,
    `CREATE INDEX "cofo_tribunal_code_idx" ON "land"."cofo" ("tribunal_code")`,
  ],
  [`DROP TABLE "land"."cofo"`, `DROP TABLE "land"."tribunal"`],
);
