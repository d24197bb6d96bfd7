import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  SecurityMessages,
  type CloseGrievanceDto,
  type GrievanceDetailDto,
  type GrievanceDto,
  type GrievanceFollowUpDto,
  type GrievanceIdDto,
  type GrievanceListQueryDto,
  type PageV1,
  type RecordGrievanceDto,
  type ReferGrievanceDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { GrievancesService } from './grievances.service';

/** Handlers of community security grievances. */
@Controller()
export class GrievancesController {
  constructor(private readonly grievances: GrievancesService) {}

  @Handles(SecurityMessages.grievanceRecord)
  record(@Payload() body: RecordGrievanceDto, @Ctx() ctx: KafkaContext): Promise<GrievanceDto> {
    return this.grievances.record(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.grievanceRefer)
  refer(@Payload() body: ReferGrievanceDto, @Ctx() ctx: KafkaContext): Promise<GrievanceDto> {
    return this.grievances.refer(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.grievanceFollowUp)
  followUp(@Payload() body: GrievanceFollowUpDto, @Ctx() ctx: KafkaContext): Promise<GrievanceDto> {
    return this.grievances.followUp(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.grievanceClose)
  close(@Payload() body: CloseGrievanceDto, @Ctx() ctx: KafkaContext): Promise<GrievanceDto> {
    return this.grievances.close(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.grievanceList)
  list(@Payload() body: GrievanceListQueryDto, @Ctx() ctx: KafkaContext): Promise<PageV1<GrievanceDto>> {
    return this.grievances.list(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.grievanceGet)
  get(@Payload() body: GrievanceIdDto, @Ctx() ctx: KafkaContext): Promise<GrievanceDetailDto> {
    return this.grievances.get(readRequestContext(ctx), body.grievanceId);
  }
}
