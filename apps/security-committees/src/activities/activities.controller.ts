import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  SecurityMessages,
  type ActivityAttachmentIdDto,
  type ActivityAttachmentUploadDto,
  type ActivityDetailDto,
  type AttachmentDto,
  type AttachmentListDto,
  type FileReply,
  type ActivityDto,
  type ActivityIdDto,
  type ActivityListQueryDto,
  type PageV1,
  type RecordActivityDto,
  type UpdateActivityDto,
  type UpdateRecommendationDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { ActivitiesService } from './activities.service';
import { ActivityAttachmentsService } from './activity-attachments.service';

/** Handlers of CCS activities: one per catalogue entry, the caller from the headers, one service call. */
@Controller()
export class ActivitiesController {
  constructor(
    private readonly activities: ActivitiesService,
    private readonly files: ActivityAttachmentsService,
  ) {}

  @Handles(SecurityMessages.activityRecord)
  record(@Payload() body: RecordActivityDto, @Ctx() ctx: KafkaContext): Promise<ActivityDto> {
    return this.activities.record(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.activityUpdate)
  update(@Payload() body: UpdateActivityDto, @Ctx() ctx: KafkaContext): Promise<ActivityDto> {
    return this.activities.update(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.activityRecommendation)
  recommendation(@Payload() body: UpdateRecommendationDto, @Ctx() ctx: KafkaContext): Promise<ActivityDto> {
    return this.activities.recommendation(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.activityList)
  list(@Payload() body: ActivityListQueryDto, @Ctx() ctx: KafkaContext): Promise<PageV1<ActivityDto>> {
    return this.activities.list(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.activityGet)
  get(@Payload() body: ActivityIdDto, @Ctx() ctx: KafkaContext): Promise<ActivityDetailDto> {
    return this.activities.get(readRequestContext(ctx), body.activityId);
  }

  @Handles(SecurityMessages.activityAttachmentAdd)
  addAttachment(
    @Payload() body: ActivityAttachmentUploadDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<AttachmentDto> {
    return this.files.add(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.activityAttachmentList)
  attachments(@Payload() body: ActivityIdDto, @Ctx() ctx: KafkaContext): Promise<AttachmentListDto> {
    return this.files.list(readRequestContext(ctx), body.activityId);
  }

  @Handles(SecurityMessages.activityAttachmentContent)
  attachment(@Payload() body: ActivityAttachmentIdDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.files.content(readRequestContext(ctx), body.activityId, body.attachmentId);
  }
}
