import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  SecurityMessages,
  type ActivityDetailDto,
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

/** Handlers of CCS activities: one per catalogue entry, the caller from the headers, one service call. */
@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

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
}
