import { assertSchemaName } from './data-source';
import { migrationLockKey } from './migrate';
import { sqlMigration } from './sql-migration';

describe('persistence helpers', () => {
  it('derives a stable, distinct advisory lock key per schema', () => {
    expect(migrationLockKey('land')).toBe(migrationLockKey('land'));
    expect(migrationLockKey('land')).not.toBe(migrationLockKey('security'));
    expect(Number.isInteger(migrationLockKey('land'))).toBe(true);
  });

  it('refuses schema names that would need quoting tricks', () => {
    expect(() => assertSchemaName('land"; drop')).toThrow(/Invalid schema name/);
    expect(assertSchemaName('land')).toBe('land');
  });

  it('names SQL migrations with their timestamp', () => {
    expect(new (sqlMigration('LandInitial1764370000000', [], []))().name).toBe('LandInitial1764370000000');
    expect(() => sqlMigration('NoTimestamp', [], [])).toThrow(/13-digit timestamp/);
  });
});
