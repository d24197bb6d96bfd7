import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { attachmentDtoOf, Attachments, inspectFileUpload } from '@prosmed/attachments';
import { assertFoundInScope, requirePermission, type PermissionName } from '@prosmed/auth';
import {
  domainError,
  type ActivityAttachmentUploadDto,
  type AttachmentDto,
  type AttachmentListDto,
  type FileReply,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { auditActor, securityAudit } from '../shared/audit';
import { ccsOwner } from '../shared/sql';
import { ActivityRepository } from './activity-repository';
import type { ActivityRow } from './activity-rows';

/** Photos of the activity and scanned attendance sheets. */
const ACTIVITY_FILE_KINDS = ['jpeg', 'png', 'webp', 'pdf'] as const;

/**
 * Attachments of an activity (`@prosmed/attachments`: the type read from the content, photo metadata such
 * as GPS removed, stored in this schema with the command that adds them). Whoever may read the activity
 * reads its files; only its CCS's secretary adds to them.
 */
@Injectable()
export class ActivityAttachmentsService {
  // The store is the environment's (`ATTACHMENT_STORE`, PostgreSQL by default); a bad setting stops the
  // service at start-up, when this service is built.
  private readonly files = new Attachments({ schema: 'security' });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivityRepository,
  ) {}

  add(rc: RequestContext, dto: ActivityAttachmentUploadDto): Promise<AttachmentDto> {
    const scope = requirePermission(rc.identity, 'activity:write');
    return inTransaction(this.dataSource, async (tx) => {
      // FOR UPDATE: the activity is not changed while a file is added to it (its audit stays in order).
      const row = await this.activities.find(tx, dto.activityId, true);
      assertFoundInScope(scope, row, ccsOwner, domainError('ACTIVITY_NOT_FOUND'));
      const upload = inspectFileUpload(dto, { allowed: ACTIVITY_FILE_KINDS });
      const stored = await this.files.add(tx, {
        ownerType: 'activity',
        ownerId: row.id,
        upload,
        uploadedBySub: rc.identity.sub,
      });
      // The fact and the file's fingerprint; not its name, which people write freely.
      await securityAudit.record(tx, {
        ...auditActor(rc),
        action: 'activity.attachment-added',
        entityType: 'activity',
        entityId: row.id,
        after: { attachmentId: stored.id, kind: stored.kind, size: stored.size, sha256: stored.sha256 },
      });
      return attachmentDtoOf(stored);
    });
  }

  async list(rc: RequestContext, activityId: string): Promise<AttachmentListDto> {
    const row = await this.readable(rc, 'activity:read', activityId);
    return {
      items: (await this.files.list(this.dataSource.manager, 'activity', row.id)).map(attachmentDtoOf),
    };
  }

  async content(rc: RequestContext, activityId: string, attachmentId: string): Promise<FileReply> {
    const row = await this.readable(rc, 'activity:read', activityId);
    return this.files.content(this.dataSource.manager, attachmentId, {
      ownerType: 'activity',
      ownerId: row.id,
    });
  }

  private async readable(
    rc: RequestContext,
    permission: PermissionName,
    activityId: string,
  ): Promise<ActivityRow> {
    const scope = requirePermission(rc.identity, permission);
    const row = await this.activities.find(this.dataSource.manager, activityId, false);
    assertFoundInScope(scope, row, ccsOwner, domainError('ACTIVITY_NOT_FOUND'));
    return row;
  }
}
