import { attachmentMigrations } from '@prosmed/attachments';
import { sqlMigration } from '@prosmed/persistence';

/** Photos of a report: the attachment table of the schema, and which section each photo goes under. */
export const ReportingAttachments = attachmentMigrations('reporting', '1764600000003');

export const ReportingReportPhotos = sqlMigration(
  'ReportingReportPhotos1764600000004',
  [`ALTER TABLE "reporting"."report" ADD COLUMN "photos" jsonb NOT NULL DEFAULT '[]'::jsonb`],
  [`ALTER TABLE "reporting"."report" DROP COLUMN "photos"`],
);
