import { platformMigrations } from '@prosmed/messaging';
import type { MigrationClass } from '@prosmed/persistence';
import { LandRegistry } from './1764370000000-land-registry';
import { LandRegistryDemo } from './1764370000001-land-registry-demo';
import { LandCases } from './1764380000000-land-cases';
import { LandImportedPlaces } from './1764390000000-land-imported-places';
import { LandPvMemberMarks } from './1764400000000-land-pv-member-marks';

/**
 * Every migration of the `land` schema: the platform's (audit log, outbox, command log) from the kit, then
 * the service's own, oldest first. TypeORM runs them in timestamp order; add new ones at the end with a
 * later timestamp.
 */
export const LAND_MIGRATIONS: readonly MigrationClass[] = [
  ...platformMigrations('land'),
  LandRegistry,
  LandRegistryDemo,
  LandCases,
  LandImportedPlaces,
  LandPvMemberMarks,
];
