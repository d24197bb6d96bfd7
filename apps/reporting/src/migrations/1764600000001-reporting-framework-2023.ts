import { sqlMigration } from '@prosmed/persistence';

/**
 * The programme's results framework as the Q4-2023 report reads it (shared/domain), seeded as data: an
 * admin changes or adds indicators through the API afterwards (a new version, no code change). Frozen here
 * on purpose: a migration must insert the same rows whenever it runs, whatever the code became.
 */
const A = 'reporting.activity.v1';
const people = (where: Record<string, unknown>) => ({
  eventTypes: [A],
  where,
  valueField: 'participants.total',
  femaleField: 'participants.women',
  maleField: 'participants.men',
  youthField: 'participants.youth',
});
const units = (where: Record<string, unknown>) => ({ eventTypes: [A], where, valueField: 'units' });

interface Seed {
  code: string;
  area: string;
  label: string;
  unit: string;
  measure: 'count' | 'sum' | 'distinct';
  sources: unknown[];
  dhis2: string;
}

export const FRAMEWORK_2023: readonly Seed[] = [
  {
    code: 'r1-peace-infrastructures',
    area: 'R1',
    label: 'Infrastructures de paix réalisées',
    unit: 'infrastructures',
    measure: 'sum',
    sources: [units({ resultArea: 'R1', kind: 'peace-infrastructure' })],
    dhis2: 'PRSMD_R1_PEACE_INFRA',
  },
  {
    code: 'r1-land-workshop-people',
    area: 'R1',
    label: 'Acteurs de justice, membres des CoFo et société civile renforcés sur les textes fonciers',
    unit: 'personnes',
    measure: 'sum',
    sources: [people({ resultArea: 'R1', kind: ['workshop', 'training'] })],
    dhis2: 'PRSMD_R1_LAND_WKSP',
  },
  {
    code: 'r1-awareness-people',
    area: 'R1',
    label: 'Personnes sensibilisées sur les mécanismes de gestion des conflits fonciers',
    unit: 'personnes',
    measure: 'sum',
    sources: [people({ resultArea: 'R1', kind: 'awareness-session' })],
    dhis2: 'PRSMD_R1_AWARE',
  },
  {
    code: 'r1-cases-filed',
    area: 'R1',
    label: 'Litiges fonciers portés devant les CoFo',
    unit: 'litiges',
    measure: 'count',
    sources: [{ eventTypes: ['land.case.filed.v1'] }],
    dhis2: 'PRSMD_R1_CASES',
  },
  {
    code: 'r1-case-parties',
    area: 'R1',
    label: 'Parties aux litiges fonciers portés devant les CoFo',
    unit: 'personnes',
    measure: 'sum',
    sources: [
      {
        eventTypes: ['land.case.filed.v1'],
        valueField: 'parties.total',
        femaleField: 'parties.bySex.F',
        maleField: 'parties.bySex.M',
        youthField: 'parties.byAgeGroup.youth-15-35',
      },
    ],
    dhis2: 'PRSMD_R1_PARTIES',
  },
  {
    code: 'r1-pv-conciliation',
    area: 'R1',
    label: 'PV de conciliation établis par les CoFo',
    unit: 'PV',
    measure: 'count',
    sources: [{ eventTypes: ['land.pv.recorded.v1'], where: { state: 'conciliated' } }],
    dhis2: 'PRSMD_R1_PV_CONC',
  },
  {
    code: 'r1-pv-homologated',
    area: 'R1',
    label: 'PV de conciliation homologués par les tribunaux',
    unit: 'PV',
    measure: 'count',
    sources: [{ eventTypes: ['land.homologation.decided.v1'], where: { state: 'homologated' } }],
    dhis2: 'PRSMD_R1_PV_HOMOL',
  },
  {
    code: 'r2-justice-security-trained',
    area: 'R2',
    label: 'Acteurs de la sécurité et de la justice formés',
    unit: 'personnes',
    measure: 'sum',
    sources: [
      people({ resultArea: 'R2', kind: ['training', 'workshop'] }),
      {
        eventTypes: ['security.training.recorded.v1'],
        valueField: 'totals.total',
        femaleField: 'totals.women',
        maleField: 'totals.men',
      },
    ],
    dhis2: 'PRSMD_R2_TRAINED',
  },
  {
    code: 'r2-security-infrastructures',
    area: 'R2',
    label: 'Infrastructures de sécurité construites ou réhabilitées et remises',
    unit: 'infrastructures',
    measure: 'sum',
    sources: [
      units({ resultArea: 'R2', kind: 'security-infrastructure' }),
      { eventTypes: ['security.infrastructure.recorded.v1'] },
    ],
    dhis2: 'PRSMD_R2_SEC_INFRA',
  },
  {
    code: 'r2-ccs-activities',
    area: 'R2',
    label: 'Activités de sensibilisation et de restauration de la confiance organisées par les CCS',
    unit: 'activités',
    measure: 'count',
    sources: [{ eventTypes: ['security.activity.recorded.v1'] }],
    dhis2: 'PRSMD_R2_CCS_ACT',
  },
  {
    code: 'r2-ccs-participants',
    area: 'R2',
    label: 'Personnes touchées par les activités des CCS',
    unit: 'personnes',
    measure: 'sum',
    sources: [
      {
        eventTypes: ['security.activity.recorded.v1'],
        valueField: 'participants.total',
        femaleField: 'participants.women',
        youthField: 'participants.youth',
      },
    ],
    dhis2: 'PRSMD_R2_CCS_PEOPLE',
  },
  {
    code: 'r2-grievances-received',
    area: 'R2',
    label: 'Plaintes reçues par les CCS',
    unit: 'plaintes',
    measure: 'count',
    sources: [{ eventTypes: ['security.grievance.updated.v1'], where: { change: 'received' } }],
    dhis2: 'PRSMD_R2_GRIEV',
  },
  {
    code: 'r3-anticorruption-people',
    area: 'R3',
    label: 'Personnes touchées par les activités de prévention de la corruption',
    unit: 'personnes',
    measure: 'sum',
    sources: [people({ resultArea: 'R3' })],
    dhis2: 'PRSMD_R3_PEOPLE',
  },
  {
    code: 'r3-snlcc-updates-validated',
    area: 'R3',
    label: 'Mises à jour du plan d’action SNLCC validées',
    unit: 'mises à jour',
    measure: 'count',
    sources: [{ eventTypes: ['anticorruption.update.validated.v1'] }],
    dhis2: 'PRSMD_R3_SNLCC_VAL',
  },
  {
    code: 'r4-pve-meetings',
    area: 'R4',
    label: 'Réunions des comités locaux de prévention de l’extrémisme violent',
    unit: 'réunions',
    measure: 'sum',
    sources: [units({ resultArea: 'R4', kind: 'pve-meeting' })],
    dhis2: 'PRSMD_R4_MEETINGS',
  },
  {
    code: 'r4-pve-people',
    area: 'R4',
    label: 'Personnes touchées par les actions de prévention de l’extrémisme violent',
    unit: 'personnes',
    measure: 'sum',
    sources: [people({ resultArea: 'R4' })],
    dhis2: 'PRSMD_R4_PEOPLE',
  },
  {
    code: 'copil-meetings',
    area: 'COPIL',
    label: 'Réunions du comité de pilotage',
    unit: 'réunions',
    measure: 'sum',
    sources: [units({ resultArea: 'COPIL' })],
    dhis2: 'PRSMD_COPIL',
  },
];

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export const ReportingFramework2023 = sqlMigration(
  'ReportingFramework20231764600000001',
  FRAMEWORK_2023.map(
    (s, i) =>
      `INSERT INTO "reporting"."indicator" ("code", "version", "result_area", "label", "unit", "measure", "sources", "dhis2_code", "position", "defined_by")
       VALUES (${lit(s.code)}, 1, ${lit(s.area)}, ${lit(s.label)}, ${lit(s.unit)}, ${lit(s.measure)}, ${lit(JSON.stringify(s.sources))}::jsonb, ${lit(s.dhis2)}, ${(i + 1) * 10}, 'migration')`,
  ),
  [
    `DELETE FROM "reporting"."indicator_daily" WHERE "indicator_id" IN (SELECT "id" FROM "reporting"."indicator" WHERE "defined_by" = 'migration')`,
    `DELETE FROM "reporting"."indicator_fact" WHERE "indicator_id" IN (SELECT "id" FROM "reporting"."indicator" WHERE "defined_by" = 'migration')`,
    `DELETE FROM "reporting"."indicator" WHERE "defined_by" = 'migration'`,
  ],
);
