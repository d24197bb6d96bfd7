import { attachmentMigrations } from '@prosmed/attachments';
import { platformMigrations } from '@prosmed/messaging';
import type { MigrationClass } from '@prosmed/persistence';
import { AnticorruptionPlan } from './1764600000000-anticorruption-plan';
import { AnticorruptionDemo } from './1764600000001-anticorruption-demo';

/** Every migration of the `anticorruption` schema: the platform's (audit, outbox, command log), then ours. */
export const ANTICORRUPTION_MIGRATIONS: readonly MigrationClass[] = [
  ...platformMigrations('anticorruption'),
  AnticorruptionPlan,
  AnticorruptionDemo,
  // Evidence files of updates (owner `update`, its id).
  ...attachmentMigrations('anticorruption', '1764600000002'),
];
