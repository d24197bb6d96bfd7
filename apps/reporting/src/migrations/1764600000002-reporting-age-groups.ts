import { sqlMigration } from '@prosmed/persistence';

/**
 * Age groups beyond youth, as indicators of their own (the read model's columns are sex and youth): the
 * parties to land cases under 15, 36-59 and 60 or more, from the land events' `byAgeGroup`. An indicator
 * now records when it was counted over the history (`counted_at`): those added by a migration are counted
 * by the service at its next start (`FactStore.countPending`), as an admin's are at once.
 */
const ageGroup = (code: string, label: string, group: string, position: number): string =>
  `INSERT INTO "reporting"."indicator" ("code", "version", "result_area", "label", "unit", "measure", "sources", "dhis2_code", "position", "defined_by", "counted_at")
   VALUES ('${code}', 1, 'R1', '${label}', 'personnes', 'sum',
     '[{"eventTypes": ["land.case.filed.v1"], "valueField": "parties.byAgeGroup.${group}"}]'::jsonb,
     '${code.toUpperCase().replace(/-/g, '_')}', ${position}, 'migration', NULL)`;

export const ReportingAgeGroups = sqlMigration(
  'ReportingAgeGroups1764600000002',
  [
    `ALTER TABLE "reporting"."indicator" ADD COLUMN "counted_at" timestamptz`,
    `UPDATE "reporting"."indicator" SET "counted_at" = "defined_at"`,
    ageGroup('r1-case-parties-under-15', 'Parties aux litiges fonciers de moins de 15 ans', 'under-15', 51),
    ageGroup('r1-case-parties-36-59', 'Parties aux litiges fonciers de 36 à 59 ans', 'adult-36-59', 52),
    ageGroup(
      'r1-case-parties-60-plus',
      'Parties aux litiges fonciers de 60 ans et plus',
      'elder-60-plus',
      53,
    ),
  ],
  [
    `DELETE FROM "reporting"."indicator_daily" WHERE "indicator_id" IN (SELECT "id" FROM "reporting"."indicator" WHERE "code" LIKE 'r1-case-parties-%')`,
    `DELETE FROM "reporting"."indicator_fact" WHERE "indicator_id" IN (SELECT "id" FROM "reporting"."indicator" WHERE "code" LIKE 'r1-case-parties-%')`,
    `DELETE FROM "reporting"."indicator" WHERE "code" LIKE 'r1-case-parties-%'`,
    `ALTER TABLE "reporting"."indicator" DROP COLUMN "counted_at"`,
  ],
);
