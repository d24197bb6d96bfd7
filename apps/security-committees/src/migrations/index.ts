import { attachmentMigrations } from '@prosmed/attachments';
import { platformMigrations } from '@prosmed/messaging';
import type { MigrationClass } from '@prosmed/persistence';
import { SecurityRegistry } from './1764600000000-security-registry';
import { SecurityRegistryDemo } from './1764600000001-security-registry-demo';
import { SecurityRecords } from './1764610000000-security-records';

/**
 * Every migration of the `security` schema: the platform's (audit log, outbox, command log) from the kit,
 * then the service's own, oldest first. Add new ones at the end with a later timestamp.
 */
export const SECURITY_MIGRATIONS: readonly MigrationClass[] = [
  ...platformMigrations('security'),
  SecurityRegistry,
  SecurityRegistryDemo,
  SecurityRecords,
  // The `attachment` table of activity photos and attendance sheets, after the tables it serves.
  ...attachmentMigrations('security', '1764620000000'),
];
