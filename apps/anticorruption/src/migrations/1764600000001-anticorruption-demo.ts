import { sqlMigration } from '@prosmed/persistence';
import { DEMO_ACTIONS, DEMO_OBJECTIVES, DEMO_RESULTS, DEMO_STRUCTURES } from './demo-plan';
import { lit } from './sql-literal';

const S = '"anticorruption"';

/** The demo structures and plan (`demo-plan.ts`), every row flagged `demo`; rows already there are kept. */
export const AnticorruptionDemo = sqlMigration(
  'AnticorruptionDemo1764600000001',
  [
    `INSERT INTO ${S}."structure" ("code", "name", "kind", "demo") VALUES
      ${DEMO_STRUCTURES.map(([c, n, k]) => `(${lit(c)}, ${lit(n)}, ${lit(k)}, true)`).join(',\n      ')}
     ON CONFLICT ("code") DO NOTHING`,
    `INSERT INTO ${S}."objective" ("code", "level", "axis_code", "parent_code", "title", "demo") VALUES
      ${DEMO_OBJECTIVES.map(
        ([c, a, p, t]) =>
          `(${lit(c)}, ${lit(p ? 'operational' : 'specific')}, ${lit(a)}, ${lit(p)}, ${lit(t)}, true)`,
      ).join(',\n      ')}
     ON CONFLICT ("code") DO NOTHING`,
    `INSERT INTO ${S}."expected_result" ("code", "objective_code", "title", "demo") VALUES
      ${DEMO_RESULTS.map(([c, o, t]) => `(${lit(c)}, ${lit(o)}, ${lit(t)}, true)`).join(',\n      ')}
     ON CONFLICT ("code") DO NOTHING`,
    `INSERT INTO ${S}."action" ("code", "result_code", "title", "responsible_code", "partner_codes", "start_on", "end_on", "budget_planned", "demo") VALUES
      ${DEMO_ACTIONS.map(
        ([c, r, t, resp, partners, s, e, b]) =>
          `(${lit(c)}, ${lit(r)}, ${lit(t)}, ${lit(resp)}, ARRAY[${partners.map(lit).join(', ')}]::text[], ${lit(s)}, ${lit(e)}, ${b}, true)`,
      ).join(',\n      ')}
     ON CONFLICT ("code") DO NOTHING`,
    `INSERT INTO ${S}."indicator" ("action_id", "position", "label", "unit", "baseline", "targets")
     SELECT a."id", 1, v."label", v."unit", v."baseline", v."targets"::jsonb
       FROM (VALUES ${DEMO_ACTIONS.map(
         (a) => `(${lit(a[0])}, ${lit(a[8])}, ${lit(a[9])}, ${a[10]}, ${lit(JSON.stringify(a[11]))})`,
       ).join(', ')}) AS v("code", "label", "unit", "baseline", "targets")
       JOIN ${S}."action" a ON a."code" = v."code" AND a."demo"
     ON CONFLICT ("action_id", "position") DO NOTHING`,
  ],
  [
    `DELETE FROM ${S}."indicator" i USING ${S}."action" a WHERE i."action_id" = a."id" AND a."demo"
       AND NOT EXISTS (SELECT 1 FROM ${S}."action_update" u WHERE u."action_id" = a."id")`,
    `DELETE FROM ${S}."action" a WHERE a."demo"
       AND NOT EXISTS (SELECT 1 FROM ${S}."action_update" u WHERE u."action_id" = a."id")`,
    `DELETE FROM ${S}."expected_result" r WHERE r."demo"
       AND NOT EXISTS (SELECT 1 FROM ${S}."action" a WHERE a."result_code" = r."code")`,
    `DELETE FROM ${S}."objective" o WHERE o."demo" AND o."level" = 'operational'
       AND NOT EXISTS (SELECT 1 FROM ${S}."expected_result" r WHERE r."objective_code" = o."code")`,
    `DELETE FROM ${S}."objective" o WHERE o."demo" AND o."level" = 'specific'
       AND NOT EXISTS (SELECT 1 FROM ${S}."objective" c WHERE c."parent_code" = o."code")`,
    `DELETE FROM ${S}."structure" s WHERE s."demo"
       AND NOT EXISTS (SELECT 1 FROM ${S}."action" a WHERE a."responsible_code" = s."code")`,
  ],
);
