import { randomBytes } from 'node:crypto';
import { testConfig } from '@prosmed/testing';
import { createServiceDataSource } from './data-source';
import { revertMigrations, runMigrations } from './migrate';
import { sqlMigration } from './sql-migration';
import { AuditLog, auditTableSql } from './audit';

const schema = `it_migrate_${randomBytes(4).toString('hex')}`;
const audit = auditTableSql(schema);
const First = sqlMigration('ItAudit1764300000001', audit.up, audit.down);
const Second = sqlMigration(
  'ItWidgets1764300000002',
  [
    `CREATE TABLE "${schema}"."widget" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "name" text NOT NULL)`,
  ],
  [`DROP TABLE "${schema}"."widget"`],
);

const tableExists = async (ds: ReturnType<typeof createServiceDataSource>, table: string) =>
  ((await ds.query(`SELECT to_regclass($1) AS t`, [`${schema}.${table}`])) as { t: string | null }[])[0].t !==
  null;

describe('migrations on the real PostgreSQL', () => {
  const ds = createServiceDataSource({
    schema,
    postgres: testConfig().postgres,
    entities: [],
    migrations: [First, Second],
    applicationName: 'prosmed-test',
  });

  beforeAll(async () => {
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await ds.destroy();
  });

  it('applies pending migrations in the service schema, then reverts the last one with its down()', async () => {
    const applied = await runMigrations(ds, schema);
    expect(applied.map((m) => m.name)).toEqual(['ItAudit1764300000001', 'ItWidgets1764300000002']);
    expect(await tableExists(ds, 'widget')).toBe(true);
    expect(await tableExists(ds, 'migrations')).toBe(true);

    // A second run (another replica starting) finds nothing to do.
    expect(await runMigrations(ds, schema)).toEqual([]);

    await revertMigrations(ds, schema, 1);
    expect(await tableExists(ds, 'widget')).toBe(false);
    expect(await tableExists(ds, 'audit_log')).toBe(true);
    const rows: { name: string }[] = await ds.query(`SELECT name FROM "${schema}"."migrations"`);
    expect(rows.map((r) => r.name)).toEqual(['ItAudit1764300000001']);
  });

  it('keeps the audit log append-only', async () => {
    const log = new AuditLog(schema);
    await log.record(ds, {
      actorId: 'u1',
      action: 'case.filed',
      entityType: 'case',
      entityId: 'c1',
      toState: 'filed',
    });
    const history = await log.history(ds, 'case', 'c1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: 'u1', action: 'case.filed', toState: 'filed' });
    await expect(ds.query(`UPDATE "${schema}"."audit_log" SET "actor_id" = 'x'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query(`DELETE FROM "${schema}"."audit_log"`)).rejects.toThrow(/append-only/);
  });
});
