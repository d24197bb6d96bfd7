import { sqlMigration } from '@prosmed/persistence';

/**
 * Indicators of the CCS and SNLCC events beyond the Q4-2023 report's: closed grievances, people of the
 * security forces at CCS activities, closed SNLCC sessions, late actions (each action once). Counted over
 * the history at the service's next start (`counted_at` NULL, see `FactStore.countPending`).
 */
const SEEDS: readonly [string, string, string, string, string, object][] = [
  [
    'r2-grievances-closed',
    'R2',
    'Plaintes traitées et closes par les CCS',
    'plaintes',
    'count',
    { eventTypes: ['security.grievance.updated.v1'], where: { change: 'closed' } },
  ],
  [
    'r2-ccs-fds-participants',
    'R2',
    'Agents des forces de défense et de sécurité présents aux activités des CCS',
    'personnes',
    'sum',
    { eventTypes: ['security.activity.recorded.v1'], valueField: 'participants.fds' },
  ],
  [
    'r3-snlcc-sessions-closed',
    'R3',
    'Sessions du comité de suivi SNLCC clôturées',
    'sessions',
    'count',
    { eventTypes: ['anticorruption.session.closed.v1'] },
  ],
  [
    'r3-snlcc-actions-late',
    'R3',
    'Actions du plan SNLCC signalées en retard',
    'actions',
    'distinct',
    { eventTypes: ['anticorruption.action.late.v1'], distinctField: 'actionId' },
  ],
];

const lit = (s: string): string => `'${s.replace(/'/g, "''")}'`;

export const ReportingMoreIndicators = sqlMigration(
  'ReportingMoreIndicators1764600000005',
  SEEDS.map(
    ([code, area, label, unit, measure, source], i) =>
      `INSERT INTO "reporting"."indicator" ("code", "version", "result_area", "label", "unit", "measure", "sources", "dhis2_code", "position", "defined_by", "counted_at")
       VALUES (${lit(code)}, 1, ${lit(area)}, ${lit(label)}, ${lit(unit)}, ${lit(measure)}, ${lit(JSON.stringify([source]))}::jsonb,
               ${lit(`PRSMD_${code.toUpperCase().replace(/-/g, '_')}`.slice(0, 50))}, ${200 + i}, 'migration', NULL)`,
  ),
  [
    `DELETE FROM "reporting"."indicator_daily" WHERE "indicator_id" IN (SELECT "id" FROM "reporting"."indicator" WHERE "code" IN (${SEEDS.map((s) => lit(s[0])).join(', ')}))`,
    `DELETE FROM "reporting"."indicator_fact" WHERE "indicator_id" IN (SELECT "id" FROM "reporting"."indicator" WHERE "code" IN (${SEEDS.map((s) => lit(s[0])).join(', ')}))`,
    `DELETE FROM "reporting"."indicator" WHERE "code" IN (${SEEDS.map((s) => lit(s[0])).join(', ')})`,
  ],
);
