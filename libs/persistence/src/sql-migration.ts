import type { MigrationInterface, QueryRunner } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

/**
 * A migration from plain SQL statements with a real `down()`. `name` must end with a 13-digit timestamp
 * (TypeORM orders migrations by it), e.g. `LandInitial1764370000000`.
 */
export function sqlMigration(name: string, up: readonly string[], down: readonly string[]): MigrationClass {
  if (!/\d{13}$/.test(name)) throw new Error(`Migration name "${name}" must end with a 13-digit timestamp`);
  const Migration = class implements MigrationInterface {
    name = name;
    async up(q: QueryRunner): Promise<void> {
      for (const sql of up) await q.query(sql);
    }
    async down(q: QueryRunner): Promise<void> {
      for (const sql of down) await q.query(sql);
    }
  };
  Object.defineProperty(Migration, 'name', { value: name });
  return Migration;
}
