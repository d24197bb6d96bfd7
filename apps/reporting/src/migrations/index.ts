import { platformMigrations } from '@prosmed/messaging';
import type { MigrationClass } from '@prosmed/persistence';
import { ReportingReadModels } from './1764600000000-reporting-read-models';
import { ReportingFramework2023 } from './1764600000001-reporting-framework-2023';
import { ReportingAgeGroups } from './1764600000002-reporting-age-groups';
import { ReportingAttachments, ReportingReportPhotos } from './1764600000003-reporting-report-photos';
import { ReportingMoreIndicators } from './1764600000005-reporting-more-indicators';

/** Every migration of the `reporting` schema: the platform's first, then the service's own, oldest first. */
export const REPORTING_MIGRATIONS: readonly MigrationClass[] = [
  ...platformMigrations('reporting'),
  ReportingReadModels,
  ReportingFramework2023,
  ReportingAgeGroups,
  ...ReportingAttachments,
  ReportingReportPhotos,
  ReportingMoreIndicators,
];
