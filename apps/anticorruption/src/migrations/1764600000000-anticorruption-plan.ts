import { sqlMigration } from '@prosmed/persistence';

const STATUSES = `'non démarrée','en cours','réalisée','en retard','abandonnée'`;
const UPDATE_STATES = `'proposed','consolidated','returned','resubmitted','validated'`;
const CODE = `~ '^[A-Z0-9][A-Z0-9.-]{0,38}[A-Z0-9]$'`;
const PERIOD = `~ '^20[0-9]{2}-Q[1-4]$'`;

/**
 * The SNLCC plan (strategy → 4 axes → specific → operational objectives → expected results → actions
 * with indicators), the structures registry, the focal points' updates, committee sessions with their
 * frozen snapshot, annual work plans, and the once-only marks of reminders and lateness notices.
 * Money is integer FCFA (`bigint`). The 4 axes are the strategy itself (decree 2023-0546), not demo data.
 */
export const AnticorruptionPlan = sqlMigration(
  'AnticorruptionPlan1764600000000',
  [
    `CREATE TABLE "anticorruption"."structure" (
      "code" text PRIMARY KEY CHECK ("code" ~ '^[A-Z0-9][A-Z0-9-]{0,30}[A-Z0-9]$'),
      "name" text NOT NULL,
      "kind" text NOT NULL CHECK ("kind" IN ('ministry', 'agency')),
      "demo" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE "anticorruption"."axis" (
      "code" text PRIMARY KEY CHECK ("code" IN ('A1', 'A2', 'A3', 'A4')),
      "position" int NOT NULL UNIQUE,
      "title" text NOT NULL
    )`,
    `INSERT INTO "anticorruption"."axis" ("code", "position", "title") VALUES
      ('A1', 1, 'Gouvernance et réformes'),
      ('A2', 2, 'Prévention'),
      ('A3', 3, 'Répression et réparation'),
      ('A4', 4, 'Communication')`,
    `CREATE TABLE "anticorruption"."objective" (
      "code" text PRIMARY KEY CHECK ("code" ${CODE}),
      "level" text NOT NULL CHECK ("level" IN ('specific', 'operational')),
      "axis_code" text NOT NULL REFERENCES "anticorruption"."axis" ("code"),
      "parent_code" text REFERENCES "anticorruption"."objective" ("code"),
      "title" text NOT NULL,
      "demo" boolean NOT NULL DEFAULT false,
      CHECK (("level" = 'specific') = ("parent_code" IS NULL))
    )`,
    `CREATE TABLE "anticorruption"."expected_result" (
      "code" text PRIMARY KEY CHECK ("code" ${CODE}),
      "objective_code" text NOT NULL REFERENCES "anticorruption"."objective" ("code"),
      "title" text NOT NULL,
      "demo" boolean NOT NULL DEFAULT false
    )`,
    `CREATE TABLE "anticorruption"."action" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "code" text NOT NULL UNIQUE CHECK ("code" ${CODE}),
      "title" text NOT NULL,
      "result_code" text NOT NULL REFERENCES "anticorruption"."expected_result" ("code"),
      "responsible_code" text NOT NULL REFERENCES "anticorruption"."structure" ("code"),
      "partner_codes" text[] NOT NULL DEFAULT '{}',
      "start_on" date NOT NULL,
      "end_on" date NOT NULL,
      "budget_planned" bigint NOT NULL CHECK ("budget_planned" >= 0),
      "demo" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CHECK ("end_on" >= "start_on")
    )`,
    `CREATE INDEX "action_responsible_idx" ON "anticorruption"."action" ("responsible_code", "code")`,
    `CREATE TABLE "anticorruption"."indicator" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "action_id" uuid NOT NULL REFERENCES "anticorruption"."action" ("id"),
      "position" int NOT NULL,
      "label" text NOT NULL,
      "unit" text NOT NULL,
      "baseline" numeric NOT NULL DEFAULT 0,
      "targets" jsonb NOT NULL DEFAULT '{}',
      UNIQUE ("action_id", "position")
    )`,
    `CREATE TABLE "anticorruption"."action_update" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "action_id" uuid NOT NULL REFERENCES "anticorruption"."action" ("id"),
      "structure_code" text NOT NULL REFERENCES "anticorruption"."structure" ("code"),
      "period" text NOT NULL CHECK ("period" ${PERIOD}),
      "state" text NOT NULL CHECK ("state" IN (${UPDATE_STATES})),
      "status" text NOT NULL CHECK ("status" IN (${STATUSES})),
      "progress" int NOT NULL CHECK ("progress" BETWEEN 0 AND 100),
      "budget_spent" bigint NOT NULL CHECK ("budget_spent" >= 0),
      "indicator_values" jsonb NOT NULL DEFAULT '[]',
      "comment" text NOT NULL,
      "consolidation_comment" text,
      "return_comment" text,
      "version" int NOT NULL DEFAULT 1,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      "validated_at" timestamptz,
      UNIQUE ("action_id", "period")
    )`,
    `CREATE INDEX "action_update_state_idx" ON "anticorruption"."action_update" ("state", "updated_at" DESC)`,
    `CREATE INDEX "action_update_validated_idx" ON "anticorruption"."action_update" ("action_id", "period" DESC) WHERE "state" = 'validated'`,
    `CREATE TABLE "anticorruption"."committee_session" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "title" text NOT NULL,
      "held_on" date NOT NULL,
      "period_from" text NOT NULL CHECK ("period_from" ${PERIOD}),
      "period_to" text NOT NULL CHECK ("period_to" ${PERIOD}),
      "state" text NOT NULL CHECK ("state" IN ('open', 'closed')),
      "minutes" text,
      "decisions" jsonb NOT NULL DEFAULT '[]',
      "closed_at" timestamptz,
      "version" int NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CHECK ("period_from" <= "period_to")
    )`,
    // Written once, at closing: what the committee saw. The trigger makes "later changes cannot alter
    // it" a property of the database, not only of the code.
    `CREATE TABLE "anticorruption"."session_snapshot" (
      "session_id" uuid NOT NULL REFERENCES "anticorruption"."committee_session" ("id"),
      "action_id" uuid NOT NULL REFERENCES "anticorruption"."action" ("id"),
      "action_code" text NOT NULL,
      "axis_code" text NOT NULL,
      "specific_code" text NOT NULL,
      "structure_code" text NOT NULL,
      "end_on" date NOT NULL,
      "budget_planned" bigint NOT NULL,
      "status" text NOT NULL,
      "progress" int NOT NULL,
      "budget_spent" bigint NOT NULL,
      "validated_period" text,
      "late" boolean NOT NULL,
      PRIMARY KEY ("session_id", "action_id")
    )`,
    `CREATE FUNCTION "anticorruption"."snapshot_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'session snapshots are frozen'; END $$`,
    `CREATE TRIGGER "session_snapshot_frozen" BEFORE UPDATE OR DELETE ON "anticorruption"."session_snapshot"
       FOR EACH ROW EXECUTE FUNCTION "anticorruption"."snapshot_frozen"()`,
    `CREATE TABLE "anticorruption"."work_plan" (
      "year" int PRIMARY KEY CHECK ("year" BETWEEN 2023 AND 2027),
      "state" text NOT NULL CHECK ("state" IN ('draft', 'adopted')),
      "session_id" uuid REFERENCES "anticorruption"."committee_session" ("id"),
      "version" int NOT NULL DEFAULT 1,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE "anticorruption"."work_plan_item" (
      "year" int NOT NULL REFERENCES "anticorruption"."work_plan" ("year"),
      "action_id" uuid NOT NULL REFERENCES "anticorruption"."action" ("id"),
      "targets" jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY ("year", "action_id")
    )`,
    `CREATE TABLE "anticorruption"."reminder_sent" (
      "structure_code" text NOT NULL REFERENCES "anticorruption"."structure" ("code"),
      "period" text NOT NULL,
      "sent_at" timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY ("structure_code", "period")
    )`,
    `CREATE TABLE "anticorruption"."late_notice" (
      "action_id" uuid PRIMARY KEY REFERENCES "anticorruption"."action" ("id"),
      "sent_at" timestamptz NOT NULL DEFAULT now()
    )`,
  ],
  [
    `DROP TABLE "anticorruption"."late_notice"`,
    `DROP TABLE "anticorruption"."reminder_sent"`,
    `DROP TABLE "anticorruption"."work_plan_item"`,
    `DROP TABLE "anticorruption"."work_plan"`,
    `DROP TABLE "anticorruption"."session_snapshot"`,
    `DROP FUNCTION "anticorruption"."snapshot_frozen"()`,
    `DROP TABLE "anticorruption"."committee_session"`,
    `DROP TABLE "anticorruption"."action_update"`,
    `DROP TABLE "anticorruption"."indicator"`,
    `DROP TABLE "anticorruption"."action"`,
    `DROP TABLE "anticorruption"."expected_result"`,
    `DROP TABLE "anticorruption"."objective"`,
    `DROP TABLE "anticorruption"."axis"`,
    `DROP TABLE "anticorruption"."structure"`,
  ],
);
