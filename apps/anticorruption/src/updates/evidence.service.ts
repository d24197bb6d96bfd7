import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  attachmentDtoOf,
  Attachments,
  attachmentStoreFromEnv,
  inspectFileUpload,
} from '@prosmed/attachments';
import { assertFoundInScope, requirePermission, type PermissionName } from '@prosmed/auth';
import {
  domainError,
  type AttachmentDto,
  type AttachmentListDto,
  type EvidenceUploadDto,
  type FileReply,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import type { EntityManager } from 'typeorm';
import { acAudit, auditActor } from '../shared/audit';
import { structureOwner } from '../shared/scope';
import { UpdateRepository } from './update-repository';
import type { UpdateRow } from './update-rows';

/** Evidence may be a report, minutes, a photo of an event, a table or a letter. */
const EVIDENCE_KINDS = ['pdf', 'jpeg', 'png', 'webp', 'xlsx', 'docx'] as const;

/**
 * Evidence files of an update (`@prosmed/attachments`: content checked, photo metadata removed, stored
 * with the command). Whoever may read the update may read its evidence; only its structure's focal
 * point adds to it, and only until it is validated (a validated update is final).
 */
@Injectable()
export class EvidenceService {
  private readonly files = new Attachments({ schema: 'anticorruption', store: attachmentStoreFromEnv() });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly updates: UpdateRepository,
  ) {}

  add(rc: RequestContext, dto: EvidenceUploadDto): Promise<AttachmentDto> {
    const scope = requirePermission(rc.identity, 'update:propose');
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.updates.find(tx, dto.updateId, true);
      assertFoundInScope(scope, row, structureOwner, domainError('UPDATE_NOT_FOUND'));
      if (row.state === 'validated') throw domainError('UPDATE_VALIDATED');
      const upload = inspectFileUpload(dto, { allowed: EVIDENCE_KINDS });
      const stored = await this.files.add(tx, {
        ownerType: 'update',
        ownerId: row.id,
        upload,
        uploadedBySub: rc.identity.sub,
      });
      await acAudit.record(tx, {
        ...auditActor(rc),
        action: 'update.evidence-added',
        entityType: 'update',
        entityId: row.id,
        fromState: row.state,
        toState: row.state,
        after: { attachmentId: stored.id, kind: stored.kind, size: stored.size, sha256: stored.sha256 },
      });
      return attachmentDtoOf(stored);
    });
  }

  async list(rc: RequestContext, updateId: string): Promise<AttachmentListDto> {
    const row = await this.readable(rc, 'action:read', updateId);
    return { items: (await this.files.list(this.reader, 'update', row.id)).map(attachmentDtoOf) };
  }

  async content(rc: RequestContext, updateId: string, attachmentId: string): Promise<FileReply> {
    const row = await this.readable(rc, 'action:read', updateId);
    return this.files.content(this.reader, attachmentId, { ownerType: 'update', ownerId: row.id });
  }

  private get reader(): EntityManager {
    return this.dataSource.manager;
  }

  private async readable(
    rc: RequestContext,
    permission: PermissionName,
    updateId: string,
  ): Promise<UpdateRow> {
    const scope = requirePermission(rc.identity, permission);
    const row = await this.updates.find(this.reader, updateId, false);
    assertFoundInScope(scope, row, structureOwner, domainError('UPDATE_NOT_FOUND'));
    return row;
  }
}
