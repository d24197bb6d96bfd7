import { messagingTablesSql } from '@prosmed/messaging';
import { auditTableSql } from '@prosmed/persistence';
import { benchCofoCode } from '../lib/bench-data';

export const BENCH_SCHEMA = 'bench';

/**
 * The tables a filing touches, in schema `bench`, so pgbench never writes platform data. The audit and
 * outbox tables come from the libs that create them for every service; the land and gateway tables are
 * copies of their migrations (apps/land-conciliation/src/migrations/1764370000000-land-registry.ts and
 * 1764380000000-land-cases.ts, apps/gateway/src/idempotency/migrations.ts): the bench may not import an
 * app. `schemaDrift` compares the copies with the live tables at every run and says when they differ.
 */
export function benchSchemaSql(benchCofos = 0): string[] {
  const b = BENCH_SCHEMA;
  // The spread mode's CoFos, one per pgbench client (`-D spread=1`), named as the platform run's are.
  const cofoRows = Array.from(
    { length: benchCofos },
    (_, i) =>
      `('${benchCofoCode(i)}', 'CoFo de banc d''essai ${benchCofoCode(i)}', 'cofo de banc d essai', 'commune', 'ML-SEG-SEG', 'TI-SEGOU')`,
  );
  return [
    `DROP SCHEMA IF EXISTS "${b}" CASCADE`,
    `CREATE SCHEMA "${b}"`,
    ...auditTableSql(b).up,
    ...messagingTablesSql(b).up,
    `CREATE TABLE "${b}"."tribunal" (
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
    `CREATE INDEX "tribunal_place_code_idx" ON "${b}"."tribunal" ("place_code")`,
    `CREATE TABLE "${b}"."cofo" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "code" text COLLATE "C" NOT NULL CONSTRAINT "cofo_code_key" UNIQUE,
      "name" text NOT NULL,
      "name_search" text NOT NULL,
      "level" text NOT NULL CONSTRAINT "cofo_level_check" CHECK ("level" IN ('village', 'commune', 'cercle')),
      "place_code" text COLLATE "C" NOT NULL,
      "tribunal_code" text COLLATE "C" CONSTRAINT "cofo_tribunal_code_fkey"
        REFERENCES "${b}"."tribunal" ("code") ON UPDATE RESTRICT ON DELETE RESTRICT,
      "members" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "version" integer NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX "cofo_place_code_idx" ON "${b}"."cofo" ("place_code")`,
    `CREATE INDEX "cofo_tribunal_code_idx" ON "${b}"."cofo" ("tribunal_code")`,
    `CREATE TABLE "${b}"."case_counter" (
      "cofo_code" text NOT NULL REFERENCES "${b}"."cofo" ("code"),
      "year" int NOT NULL,
      "last" int NOT NULL,
      PRIMARY KEY ("cofo_code", "year")
    )`,
    `CREATE TABLE "${b}"."dispute_case" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "number" text NOT NULL UNIQUE,
      "cofo_code" text NOT NULL REFERENCES "${b}"."cofo" ("code"),
      "tribunal_code" text REFERENCES "${b}"."tribunal" ("code"),
      "year" int NOT NULL,
      "seq" int NOT NULL,
      "state" text NOT NULL CHECK ("state" IN ('filed','in-instruction','conciliated','not-conciliated','homologation-requested','homologated','homologation-rejected','referred','closed')),
      "dispute_type" text NOT NULL,
      "filed_on" date NOT NULL,
      "summary" text NOT NULL,
      "village_code" text NOT NULL,
      "land_description" text NOT NULL,
      "surface_ha" numeric(12, 4) CHECK ("surface_ha" >= 0),
      "gps_lat" double precision,
      "gps_lon" double precision,
      "party_counts" jsonb NOT NULL,
      "search" text NOT NULL,
      "sent_to_tribunal" boolean NOT NULL DEFAULT false,
      "referral_court" text,
      "referral_on" date,
      "referral_recorded_at" timestamptz,
      "closed_reason" text,
      "version" int NOT NULL DEFAULT 1,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      UNIQUE ("cofo_code", "year", "seq")
    )`,
    `CREATE INDEX "dispute_case_cofo_idx" ON "${b}"."dispute_case" ("cofo_code", "created_at" DESC, "id" DESC)`,
    `CREATE INDEX "dispute_case_list_idx" ON "${b}"."dispute_case" ("created_at" DESC, "id" DESC)`,
    `CREATE INDEX "dispute_case_village_idx" ON "${b}"."dispute_case" ("village_code" text_pattern_ops)`,
    `CREATE INDEX "dispute_case_tribunal_idx" ON "${b}"."dispute_case" ("tribunal_code") WHERE "sent_to_tribunal"`,
    `CREATE TABLE "${b}"."party" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL REFERENCES "${b}"."dispute_case" ("id"),
      "position" int NOT NULL,
      "kind" text NOT NULL CHECK ("kind" IN ('person', 'group')),
      "name" text NOT NULL,
      "sex" text CHECK ("sex" IN ('F', 'M')),
      "age_group" text NOT NULL,
      "role" text NOT NULL CHECK ("role" IN ('demandeur', 'defendeur', 'temoin')),
      "village_code" text,
      "member_count" int,
      UNIQUE ("case_id", "position")
    )`,
    `CREATE TABLE "${b}"."idempotency_keys" (
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
    `CREATE INDEX "idempotency_keys_expires_at_idx" ON "${b}"."idempotency_keys" ("expires_at")`,
    `INSERT INTO "${b}"."tribunal" ("code", "name", "name_search", "kind", "place_code")
       VALUES ('TI-SEGOU', 'Tribunal d''instance de Ségou', 'tribunal d instance de segou', 'tribunal-instance', 'ML-SEG-SEG')`,
    `INSERT INTO "${b}"."cofo" ("code", "name", "name_search", "level", "place_code", "tribunal_code")
       VALUES ('SEG01', 'Commission foncière communale de Ségou', 'commission fonciere communale de segou', 'commune',
               'ML-SEG-SEG-SEG', 'TI-SEGOU')`,
    ...(cofoRows.length > 0
      ? [
          `INSERT INTO "${b}"."cofo" ("code", "name", "name_search", "level", "place_code", "tribunal_code")
             VALUES ${cofoRows.join(',\n                    ')}`,
        ]
      : []),
  ];
}

/**
 * The sequence part of a case number as file-case.sql writes it (`:last` is the counter's value): at least
 * four digits, more when the number is larger. `lpad(x, 4, '0')` alone would truncate 10000 to `1000`
 * (lpad cuts longer strings), the next filing would collide on the unique number and pgbench would abort.
 * The land service's rule is `String(seq).padStart(4, '0')` (caseNumber in apps/land-conciliation).
 */
export const CASE_SEQ_SQL = `lpad(:last::text, greatest(4, length(:last::text)), '0')`;

/** Pure: the land service's rule for the same part, which `CASE_SEQ_SQL` must agree with. */
export const caseSeqText = (seq: number): string => String(seq).padStart(4, '0');

export const dropBenchSchemaSql = `DROP SCHEMA IF EXISTS "${BENCH_SCHEMA}" CASCADE`;

/** Tables copied from the platform's schemas, and where the original lives. */
export const COPIED_TABLES: readonly { table: string; from: string }[] = [
  { table: 'tribunal', from: 'land' },
  { table: 'cofo', from: 'land' },
  { table: 'case_counter', from: 'land' },
  { table: 'dispute_case', from: 'land' },
  { table: 'party', from: 'land' },
  { table: 'audit_log', from: 'land' },
  { table: 'outbox', from: 'land' },
  { table: 'idempotency_keys', from: 'gateway' },
];

/**
 * One row per column and per index, as text, for a table: the shape `schemaDrift` compares. Index
 * definitions are compared with the schema name taken out.
 */
export const shapeQuery = `
  SELECT 'col ' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(collation_name, '') AS line
    FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2
  UNION ALL
  SELECT 'idx ' || replace(replace(indexdef, '"' || $1 || '".', ''), $1 || '.', '')
    FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`;

/** Pure: lines present on one side only, prefixed `+` (bench only) or `-` (platform only). */
export function shapeDiff(platform: readonly string[], bench: readonly string[]): string[] {
  const p = new Set(platform);
  const b = new Set(bench);
  return [
    ...[...p].filter((l) => !b.has(l)).map((l) => `- ${l}`),
    ...[...b].filter((l) => !p.has(l)).map((l) => `+ ${l}`),
  ].sort();
}
