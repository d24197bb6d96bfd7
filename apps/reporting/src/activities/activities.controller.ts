import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  ReportingMessages,
  type ProgrammeActivityDto,
  type ProgrammeActivityListDto,
  type ProgrammeActivityListQueryDto,
  type RecordProgrammeActivityDto,
  type UpdateProgrammeActivityDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { ActivitiesService } from './activities.service';

@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Handles(ReportingMessages.activityRecord)
  record(
    @Payload() body: RecordProgrammeActivityDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<ProgrammeActivityDto> {
    return this.activities.record(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.activityUpdate)
  update(
    @Payload() body: UpdateProgrammeActivityDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<ProgrammeActivityDto> {
    return this.activities.update(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.activityList)
  list(
    @Payload() body: ProgrammeActivityListQueryDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<ProgrammeActivityListDto> {
    return this.activities.list(readRequestContext(ctx), body);
  }
}
