import { sqlMigration } from '@prosmed/persistence';

/**
 * The members' marks on a PV (signature or thumbprint of each CoFo member present, by name), kept like
 * the parties' marks. PVs recorded before have none: `[]`, never a guess.
 */
export const LandPvMemberMarks = sqlMigration(
  'LandPvMemberMarks1764400000000',
  [`ALTER TABLE "land"."pv" ADD COLUMN "member_marks" jsonb NOT NULL DEFAULT '[]'::jsonb`],
  [`ALTER TABLE "land"."pv" DROP COLUMN "member_marks"`],
);
