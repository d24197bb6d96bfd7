import { sqlMigration } from '@prosmed/persistence';

const CCS_REF = `text COLLATE "C" NOT NULL REFERENCES "security"."ccs" ("code") ON UPDATE RESTRICT ON DELETE RESTRICT`;

/**
 * What a CCS records: activities (participants as columns, so the sub-count rule is also a CHECK),
 * grievances (the complainant's identity only as ciphertext), infrastructures and trainings. Lists read
 * newest first by date then id (keyset paging), per CCS or across all.
 */
export const SecurityRecords = sqlMigration(
  'SecurityRecords1764610000000',
  [
    `CREATE TABLE "security"."activity" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "ccs_code" ${CCS_REF},
      "type" text NOT NULL,
      "type_label" text,
      "start_on" date NOT NULL,
      "end_on" date NOT NULL,
      "place_code" text COLLATE "C" NOT NULL,
      "theme" text NOT NULL,
      "forces" text[] NOT NULL DEFAULT '{}',
      "p_total" integer NOT NULL CHECK ("p_total" >= 0),
      "p_women" integer NOT NULL CHECK ("p_women" BETWEEN 0 AND "p_total"),
      "p_youth" integer NOT NULL CHECK ("p_youth" BETWEEN 0 AND "p_total"),
      "p_fds" integer NOT NULL CHECK ("p_fds" BETWEEN 0 AND "p_total"),
      "p_children" integer CHECK ("p_children" BETWEEN 0 AND "p_total"),
      "outcomes" text,
      "recommendations" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "version" integer NOT NULL DEFAULT 1,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CHECK ("end_on" >= "start_on")
    )`,
    `CREATE INDEX "activity_ccs_idx" ON "security"."activity" ("ccs_code", "start_on" DESC, "id" DESC)`,
    `CREATE INDEX "activity_list_idx" ON "security"."activity" ("start_on" DESC, "id" DESC)`,
    `CREATE INDEX "activity_place_idx" ON "security"."activity" ("place_code" text_pattern_ops)`,
    `CREATE TABLE "security"."grievance" (
      "id" uuid PRIMARY KEY,
      "ccs_code" ${CCS_REF},
      "received_on" date NOT NULL,
      "channel" text NOT NULL,
      "category" text NOT NULL,
      "place_code" text COLLATE "C" NOT NULL,
      "summary" text NOT NULL,
      "complainant" text,
      "state" text NOT NULL CHECK ("state" IN ('received', 'referred', 'in-follow-up', 'closed')),
      "referral_service" text,
      "referred_on" date,
      "notes" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "outcome" text,
      "closed_on" date,
      "version" integer NOT NULL DEFAULT 1,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `COMMENT ON COLUMN "security"."grievance"."complainant" IS 'AES-256-GCM ciphertext keyId:iv:tag:ct (CCS_IDENTITY_KEYS)'`,
    `CREATE INDEX "grievance_ccs_idx" ON "security"."grievance" ("ccs_code", "received_on" DESC, "id" DESC)`,
    `CREATE INDEX "grievance_list_idx" ON "security"."grievance" ("received_on" DESC, "id" DESC)`,
    `CREATE INDEX "grievance_open_idx" ON "security"."grievance" ("received_on") WHERE "state" <> 'closed'`,
    `CREATE TABLE "security"."infrastructure" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "ccs_code" ${CCS_REF},
      "name" text NOT NULL,
      "type" text NOT NULL,
      "works" text NOT NULL CHECK ("works" IN ('built', 'rehabilitated')),
      "place_code" text COLLATE "C" NOT NULL,
      "handed_over_on" date,
      "receiving_ministry" text,
      "version" integer NOT NULL DEFAULT 1,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE INDEX "infrastructure_list_idx" ON "security"."infrastructure" ("created_at" DESC, "id" DESC)`,
    `CREATE TABLE "security"."training" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "ccs_code" ${CCS_REF},
      "topic" text NOT NULL,
      "topic_label" text,
      "title" text NOT NULL,
      "start_on" date NOT NULL,
      "end_on" date NOT NULL,
      "place_code" text COLLATE "C" NOT NULL,
      "trainees" jsonb NOT NULL,
      "women" integer NOT NULL,
      "men" integer NOT NULL,
      "version" integer NOT NULL DEFAULT 1,
      "created_by" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now(),
      CHECK ("end_on" >= "start_on")
    )`,
    `CREATE INDEX "training_list_idx" ON "security"."training" ("start_on" DESC, "id" DESC)`,
  ],
  [
    `DROP TABLE "security"."training"`,
    `DROP TABLE "security"."infrastructure"`,
    `DROP TABLE "security"."grievance"`,
    `DROP TABLE "security"."activity"`,
  ],
);
