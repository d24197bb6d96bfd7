import { sqlMigration } from '@prosmed/persistence';

const STATES = `'filed','in-instruction','conciliated','not-conciliated','homologation-requested','homologated','homologation-rejected','referred','closed'`;

/**
 * Land cases, their parties, instruction steps and PVs. A case number is unique per CoFo and year and
 * has no gaps: `case_counter` is bumped in the filing transaction, so a rolled-back filing gives its
 * number back. At most one PV is in force per case (partial unique index); older versions stay.
 */
export const LandCases = sqlMigration(
  'LandCases1764380000000',
  [
    `CREATE TABLE "land"."case_counter" (
      "cofo_code" text NOT NULL REFERENCES "land"."cofo" ("code"),
      "year" int NOT NULL,
      "last" int NOT NULL,
      PRIMARY KEY ("cofo_code", "year")
    )`,
    `CREATE TABLE "land"."dispute_case" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "number" text NOT NULL UNIQUE,
      "cofo_code" text NOT NULL REFERENCES "land"."cofo" ("code"),
      "tribunal_code" text REFERENCES "land"."tribunal" ("code"),
      "year" int NOT NULL,
      "seq" int NOT NULL,
      "state" text NOT NULL CHECK ("state" IN (${STATES})),
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
    `CREATE INDEX "dispute_case_cofo_idx" ON "land"."dispute_case" ("cofo_code", "created_at" DESC, "id" DESC)`,
    `CREATE INDEX "dispute_case_list_idx" ON "land"."dispute_case" ("created_at" DESC, "id" DESC)`,
    `CREATE INDEX "dispute_case_village_idx" ON "land"."dispute_case" ("village_code" text_pattern_ops)`,
    `CREATE INDEX "dispute_case_tribunal_idx" ON "land"."dispute_case" ("tribunal_code") WHERE "sent_to_tribunal"`,
    `CREATE TABLE "land"."party" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL REFERENCES "land"."dispute_case" ("id"),
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
    `CREATE TABLE "land"."instruction_step" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL REFERENCES "land"."dispute_case" ("id"),
      "kind" text NOT NULL,
      "date" date NOT NULL,
      "members_present" jsonb NOT NULL,
      "summary" text NOT NULL,
      "party_id" uuid REFERENCES "land"."party" ("id"),
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      "recorded_by" text NOT NULL
    )`,
    `CREATE INDEX "instruction_step_case_idx" ON "land"."instruction_step" ("case_id", "date")`,
    `CREATE TABLE "land"."pv" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "case_id" uuid NOT NULL REFERENCES "land"."dispute_case" ("id"),
      "kind" text NOT NULL CHECK ("kind" IN ('conciliation', 'non-conciliation')),
      "pv_version" int NOT NULL,
      "status" text NOT NULL CHECK ("status" IN ('in-force', 'superseded')),
      "drawn_up_on" date NOT NULL,
      "members_present" jsonb NOT NULL,
      "agreed_points" jsonb NOT NULL,
      "open_points" jsonb NOT NULL,
      "marks" jsonb NOT NULL,
      "steps_tried" jsonb NOT NULL,
      "failure_reason" text,
      "correction_reason" text,
      "content_hash" text NOT NULL,
      "verification_code" text NOT NULL UNIQUE,
      "tribunal_code" text REFERENCES "land"."tribunal" ("code"),
      "requested_on" date,
      "requested_at" timestamptz,
      "decision" text CHECK ("decision" IN ('homologated', 'rejected')),
      "decision_number" text,
      "decision_date" date,
      "rejection_reason" text,
      "decided_at" timestamptz,
      "decided_by" text,
      "recorded_at" timestamptz NOT NULL DEFAULT now(),
      "recorded_by" text NOT NULL,
      UNIQUE ("case_id", "pv_version")
    )`,
    `CREATE UNIQUE INDEX "pv_one_in_force" ON "land"."pv" ("case_id") WHERE "status" = 'in-force'`,
    `CREATE INDEX "pv_homologation_queue_idx" ON "land"."pv" ("tribunal_code", "requested_at") WHERE "requested_at" IS NOT NULL`,
  ],
  [
    `DROP TABLE "land"."pv"`,
    `DROP TABLE "land"."instruction_step"`,
    `DROP TABLE "land"."party"`,
    `DROP TABLE "land"."dispute_case"`,
    `DROP TABLE "land"."case_counter"`,
  ],
);
