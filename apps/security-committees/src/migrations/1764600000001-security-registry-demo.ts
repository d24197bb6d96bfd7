import { sqlMigration } from '@prosmed/persistence';

const members = (fds: [string, 'F' | 'M', string | null][]) =>
  JSON.stringify(fds.map(([fn, sex, force]) => ({ function: fn, sex, fds: force !== null, force })));

/** A cercle CCS as the programme sets them up: the préfet, the FDS heads, justice, the women and youth. */
const CERCLE_MEMBERS = members([
  ['préfet', 'M', null],
  ['commissaire de police', 'M', 'police'],
  ['commandant de brigade de gendarmerie', 'M', 'gendarmerie'],
  ['chef de poste de la garde nationale', 'M', 'garde-nationale'],
  ['procureur', 'M', null],
  ['présidente de la coordination des femmes', 'F', null],
  ['président du conseil des jeunes', 'M', null],
  ['chef religieux', 'M', null],
]).replace(/'/g, "''");

const CCS: [code: string, name: string, level: string, place: string][] = [
  ['CCS-SEGOU', 'CCS du cercle de Ségou', 'cercle', 'ML-SEG-SEG'],
  ['CCS-SAN', 'CCS du cercle de San', 'cercle', 'ML-SEG-SAN'],
  ['CCS-BLA', 'CCS du cercle de Bla', 'cercle', 'ML-SEG-BLA'],
  ['CCS-NARA', 'CCS du cercle de Nara', 'cercle', 'ML-KOU-NAR'],
  ['CCS-KOUTIALA', 'CCS du cercle de Koutiala', 'cercle', 'ML-SIK-KOU'],
  ['CCS-YOROSSO', 'CCS du cercle de Yorosso', 'cercle', 'ML-SIK-YOR'],
  ['CCS-REG-SEGOU', 'CCS régional de Ségou', 'regional', 'ML-SEG'],
];

const searchKey = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * The CCS of the programme's cercles in the Q4-2023 report (Ségou, San, Bla, Nara, Koutiala, Yorosso) and
 * the regional CCS of Ségou, on the pre-2024 map (places shipped with @prosmed/places). The demo realm's
 * users point at two of them: ccs.segou (`ccs_id` CCS-SEGOU) and ccs.nara (CCS-NARA). Members are listed
 * by function, never by name. Existing rows are left alone; `down()` removes the demo rows.
 */
export const SecurityRegistryDemo = sqlMigration(
  'SecurityRegistryDemo1764600000001',
  [
    `INSERT INTO "security"."ccs" ("code", "name", "name_search", "level", "place_code", "active_from", "members") VALUES
      ${CCS.map(
        ([code, name, level, place]) =>
          `('${code}', '${name.replace(/'/g, "''")}', '${searchKey(name)}', '${level}', '${place}', '2017-01-01', '${CERCLE_MEMBERS}'::jsonb)`,
      ).join(',\n      ')}
     ON CONFLICT ("code") DO NOTHING`,
  ],
  [`DELETE FROM "security"."ccs" WHERE "code" IN (${CCS.map(([c]) => `'${c}'`).join(', ')})`],
);
