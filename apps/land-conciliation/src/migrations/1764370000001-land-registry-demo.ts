import { sqlMigration } from '@prosmed/persistence';

/**
 * Reference rows the demo realm's users point at (deploy/keycloak/prosmed-realm.json): secretaire.segou
 * (`cofo_id` SEG01), secretaire.san (SAN01), greffier.segou (`tribunal_id` TI-SEGOU), greffier.san
 * (TI-SAN). Place codes are those of @prosmed/places on the pre-2024 map (San was a cercle of the région
 * de Ségou): ML-SEG région, ML-SEG-SEG / ML-SEG-SAN cercles, ML-SEG-SEG-SEG / ML-SEG-SAN-SAN the urban
 * communes. `name_search` is written literally so this migration never changes behaviour.
 * Rows that already exist (created by an admin) are left as they are; `down()` removes the demo rows,
 * keeping a tribunal that other CoFo still use.
 */
export const LandRegistryDemo = sqlMigration(
  'LandRegistryDemo1764370000001',
  [
    `INSERT INTO "land"."tribunal" ("code", "name", "name_search", "kind", "place_code", "cercle_codes") VALUES
      ('TI-SEGOU', 'Tribunal d''instance de Ségou', 'tribunal d instance de segou', 'tribunal-instance', 'ML-SEG-SEG', '{ML-SEG-SEG}'),
      ('TI-SAN', 'Tribunal d''instance de San', 'tribunal d instance de san', 'tribunal-instance', 'ML-SEG-SAN', '{ML-SEG-SAN}')
     ON CONFLICT ("code") DO NOTHING`,
    `INSERT INTO "land"."cofo" ("code", "name", "name_search", "level", "place_code", "tribunal_code", "members") VALUES
      ('SEG01', 'Commission foncière communale de Ségou', 'commission fonciere communale de segou', 'commune', 'ML-SEG-SEG-SEG', 'TI-SEGOU', '[]'),
      ('SAN01', 'Commission foncière communale de San', 'commission fonciere communale de san', 'commune', 'ML-SEG-SAN-SAN', 'TI-SAN', '[]')
     ON CONFLICT ("code") DO NOTHING`,
  ],
  [
    `DELETE FROM "land"."cofo" WHERE "code" IN ('SEG01', 'SAN01')`,
    `DELETE FROM "land"."tribunal" t WHERE t."code" IN ('TI-SEGOU', 'TI-SAN')
       AND NOT EXISTS (SELECT 1 FROM "land"."cofo" c WHERE c."tribunal_code" = t."code")`,
  ],
);
