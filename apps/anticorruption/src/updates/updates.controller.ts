import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  AnticorruptionMessages as M,
  type AttachmentDto,
  type AttachmentListDto,
  type EvidenceFileDto,
  type EvidenceUploadDto,
  type FileReply,
  type UpdateIdDto,
  type ConsolidateUpdateDto,
  type MissingUpdatesDto,
  type PeriodDto,
  type ProposeUpdateDto,
  type ReminderRunDto,
  type ResubmitUpdateDto,
  type ReturnUpdateDto,
  type UpdateDto,
  type UpdateListDto,
  type UpdateListQueryDto,
  type ValidateUpdateDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { EvidenceService } from './evidence.service';
import { RemindersService } from './reminders.service';
import { UpdatesService } from './updates.service';

/** Handlers of updates and reminders: one per catalogue entry, the caller from the headers. */
@Controller()
export class UpdatesController {
  constructor(
    private readonly updates: UpdatesService,
    private readonly reminders: RemindersService,
    private readonly evidence: EvidenceService,
  ) {}

  @Handles(M.updatePropose)
  propose(@Payload() body: ProposeUpdateDto, @Ctx() ctx: KafkaContext): Promise<UpdateDto> {
    return this.updates.propose(readRequestContext(ctx), body);
  }

  @Handles(M.updateConsolidate)
  consolidate(@Payload() body: ConsolidateUpdateDto, @Ctx() ctx: KafkaContext): Promise<UpdateDto> {
    return this.updates.consolidate(readRequestContext(ctx), body);
  }

  @Handles(M.updateValidate)
  validate(@Payload() body: ValidateUpdateDto, @Ctx() ctx: KafkaContext): Promise<UpdateDto> {
    return this.updates.validate(readRequestContext(ctx), body);
  }

  @Handles(M.updateReturn)
  giveBack(@Payload() body: ReturnUpdateDto, @Ctx() ctx: KafkaContext): Promise<UpdateDto> {
    return this.updates.return(readRequestContext(ctx), body);
  }

  @Handles(M.updateResubmit)
  resubmit(@Payload() body: ResubmitUpdateDto, @Ctx() ctx: KafkaContext): Promise<UpdateDto> {
    return this.updates.resubmit(readRequestContext(ctx), body);
  }

  @Handles(M.updateList)
  list(@Payload() body: UpdateListQueryDto, @Ctx() ctx: KafkaContext): Promise<UpdateListDto> {
    return this.updates.list(readRequestContext(ctx), body);
  }

  @Handles(M.evidenceAdd)
  addEvidence(@Payload() body: EvidenceUploadDto, @Ctx() ctx: KafkaContext): Promise<AttachmentDto> {
    return this.evidence.add(readRequestContext(ctx), body);
  }

  @Handles(M.evidenceList)
  listEvidence(@Payload() body: UpdateIdDto, @Ctx() ctx: KafkaContext): Promise<AttachmentListDto> {
    return this.evidence.list(readRequestContext(ctx), body.updateId);
  }

  @Handles(M.evidenceContent)
  evidenceFile(@Payload() body: EvidenceFileDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.evidence.content(readRequestContext(ctx), body.updateId, body.attachmentId);
  }

  @Handles(M.missingUpdates)
  missing(@Payload() body: PeriodDto, @Ctx() ctx: KafkaContext): Promise<MissingUpdatesDto> {
    return this.reminders.missing(readRequestContext(ctx), body.period);
  }

  @Handles(M.reminderRun)
  remind(@Payload() body: PeriodDto, @Ctx() ctx: KafkaContext): Promise<ReminderRunDto> {
    return this.reminders.run(readRequestContext(ctx), body.period);
  }
}
