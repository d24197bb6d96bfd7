import { sqlMigration } from '@prosmed/persistence';

/** Places an admin imported by CSV, on top of the reference data shipped with @prosmed/places. */
export const LandImportedPlaces = sqlMigration(
  'LandImportedPlaces1764390000000',
  [
    `CREATE TABLE "land"."imported_place" (
      "code" text PRIMARY KEY,
      "name" text NOT NULL,
      "level" text NOT NULL,
      "parent_code" text,
      "map" text NOT NULL,
      "valid_from" date NOT NULL,
      "valid_to" date,
      "imported_at" timestamptz NOT NULL DEFAULT now(),
      "imported_by" text NOT NULL
    )`,
  ],
  [`DROP TABLE "land"."imported_place"`],
);
