import { sqlMigration } from '@prosmed/persistence';

/**
 * The reporting schema. `source_record`: every counted record (an event of another service, or an
 * activity recorded here), codes, counts and dates only. `indicator` (versioned definitions) and
 * `indicator_target`. `indicator_fact`: what each record adds to each indicator version, and
 * `indicator_daily`: the same summed per indicator x place x day, which queries read (their cost grows with
 * places and days, not with facts). `parked_event`: events of an unknown type or version, or unreadable.
 */
export const ReportingReadModels = sqlMigration(
  'ReportingReadModels1764600000000',
  [
    `CREATE TABLE "reporting"."source_record" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "message_id" text NOT NULL UNIQUE,
      "event_type" text NOT NULL,
      "subject" text,
      "subject_version" bigint,
      "day" date NOT NULL,
      "place_code" text NOT NULL,
      "payload" jsonb NOT NULL,
      "current" boolean NOT NULL DEFAULT true,
      "received_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX "source_record_type_idx" ON "reporting"."source_record" ("event_type", "day") WHERE "current"`,
    // One current version per subject: two deliveries racing serialise on it.
    `CREATE UNIQUE INDEX "source_record_subject_idx" ON "reporting"."source_record" ("event_type", "subject")
       WHERE "current" AND "subject" IS NOT NULL`,
    `CREATE TABLE "reporting"."indicator" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "code" text NOT NULL,
      "version" integer NOT NULL,
      "result_area" text NOT NULL,
      "label" text NOT NULL,
      "unit" text NOT NULL,
      "measure" text NOT NULL CHECK ("measure" IN ('count', 'sum', 'distinct')),
      "sources" jsonb NOT NULL,
      "dhis2_code" text,
      "position" integer NOT NULL DEFAULT 1000,
      "current" boolean NOT NULL DEFAULT true,
      "defined_at" timestamptz NOT NULL DEFAULT now(),
      "defined_by" text NOT NULL,
      UNIQUE ("code", "version")
    )`,
    `CREATE UNIQUE INDEX "indicator_current_idx" ON "reporting"."indicator" ("code") WHERE "current"`,
    `CREATE TABLE "reporting"."indicator_target" (
      "code" text NOT NULL,
      "year" integer NOT NULL,
      "value" numeric NOT NULL,
      PRIMARY KEY ("code", "year")
    )`,
    `CREATE TABLE "reporting"."indicator_fact" (
      "indicator_id" uuid NOT NULL REFERENCES "reporting"."indicator" ("id"),
      "record_id" uuid NOT NULL REFERENCES "reporting"."source_record" ("id"),
      "place_code" text NOT NULL,
      "day" date NOT NULL,
      "value" numeric NOT NULL,
      "female" numeric NOT NULL,
      "male" numeric NOT NULL,
      "youth" numeric NOT NULL,
      "distinct_key" text,
      PRIMARY KEY ("indicator_id", "record_id")
    )`,
    `CREATE INDEX "indicator_fact_record_idx" ON "reporting"."indicator_fact" ("record_id")`,
    `CREATE INDEX "indicator_fact_distinct_idx" ON "reporting"."indicator_fact" ("indicator_id", "day")
       WHERE "distinct_key" IS NOT NULL`,
    `CREATE TABLE "reporting"."indicator_daily" (
      "indicator_id" uuid NOT NULL REFERENCES "reporting"."indicator" ("id"),
      "place_code" text NOT NULL,
      "day" date NOT NULL,
      "value" numeric NOT NULL,
      "female" numeric NOT NULL,
      "male" numeric NOT NULL,
      "youth" numeric NOT NULL,
      "records" integer NOT NULL,
      PRIMARY KEY ("indicator_id", "day", "place_code")
    )`,
    `CREATE TABLE "reporting"."parked_event" (
      "id" bigserial PRIMARY KEY,
      "topic" text NOT NULL,
      "partition" integer NOT NULL,
      "offset" text NOT NULL,
      "message_id" text NOT NULL UNIQUE,
      "event_type" text,
      "reason" text NOT NULL,
      "detail" text NOT NULL,
      "payload" text,
      "parked_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE "reporting"."activity" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "result_area" text NOT NULL,
      "kind" text NOT NULL,
      "title" text NOT NULL,
      "audience" text NOT NULL,
      "place_code" text NOT NULL,
      "start_date" date NOT NULL,
      "end_date" date NOT NULL,
      "units" integer NOT NULL,
      "partner" text,
      "total" integer NOT NULL,
      "women" integer,
      "men" integer,
      "youth" integer,
      "women_percent" numeric,
      "youth_percent" numeric,
      "version" integer NOT NULL DEFAULT 1,
      "recorded_by" text NOT NULL,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      CHECK ("women" IS NULL OR "women" <= "total"),
      CHECK ("men" IS NULL OR "men" <= "total"),
      CHECK ("youth" IS NULL OR "youth" <= "total")
    )`,
    `CREATE INDEX "activity_start_idx" ON "reporting"."activity" ("start_date")`,
    `CREATE TABLE "reporting"."report" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "period" text NOT NULL,
      "map" text NOT NULL,
      "state" text NOT NULL DEFAULT 'draft',
      "version" integer NOT NULL DEFAULT 1,
      "content" jsonb NOT NULL,
      "narratives" jsonb NOT NULL DEFAULT '{}'::jsonb,
      "generated_at" timestamptz NOT NULL DEFAULT now(),
      "published_version" integer,
      "published_at" timestamptz,
      "created_by" text NOT NULL
    )`,
    `CREATE TABLE "reporting"."report_version" (
      "report_id" uuid NOT NULL REFERENCES "reporting"."report" ("id"),
      "version" integer NOT NULL,
      "content" jsonb NOT NULL,
      "published_at" timestamptz NOT NULL DEFAULT now(),
      "published_by" text NOT NULL,
      PRIMARY KEY ("report_id", "version")
    )`,
  ],
  [
    `DROP TABLE "reporting"."report_version"`,
    `DROP TABLE "reporting"."report"`,
    `DROP TABLE "reporting"."activity"`,
    `DROP TABLE "reporting"."parked_event"`,
    `DROP TABLE "reporting"."indicator_daily"`,
    `DROP TABLE "reporting"."indicator_fact"`,
    `DROP TABLE "reporting"."indicator_target"`,
    `DROP TABLE "reporting"."indicator"`,
    `DROP TABLE "reporting"."source_record"`,
  ],
);
