import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  AnticorruptionMessages as M,
  type AdoptWorkPlanDto,
  type CloseSessionDto,
  type CreateWorkPlanDto,
  type OpenSessionDto,
  type RecordMinutesDto,
  type SessionDto,
  type SessionListDto,
  type SessionListQueryDto,
  type WorkPlanDto,
  type WorkPlanYearDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { SessionsService } from './sessions.service';
import { WorkPlansService } from './work-plans.service';

/** Handlers of committee sessions and annual work plans. */
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly workPlans: WorkPlansService,
  ) {}

  @Handles(M.sessionOpen)
  open(@Payload() body: OpenSessionDto, @Ctx() ctx: KafkaContext): Promise<SessionDto> {
    return this.sessions.open(readRequestContext(ctx), body);
  }

  @Handles(M.sessionMinutes)
  minutes(@Payload() body: RecordMinutesDto, @Ctx() ctx: KafkaContext): Promise<SessionDto> {
    return this.sessions.recordMinutes(readRequestContext(ctx), body);
  }

  @Handles(M.sessionClose)
  close(@Payload() body: CloseSessionDto, @Ctx() ctx: KafkaContext): Promise<SessionDto> {
    return this.sessions.close(readRequestContext(ctx), body);
  }

  @Handles(M.sessionList)
  list(@Payload() body: SessionListQueryDto, @Ctx() ctx: KafkaContext): Promise<SessionListDto> {
    return this.sessions.list(readRequestContext(ctx), body);
  }

  @Handles(M.workPlanCreate)
  createWorkPlan(@Payload() body: CreateWorkPlanDto, @Ctx() ctx: KafkaContext): Promise<WorkPlanDto> {
    return this.workPlans.create(readRequestContext(ctx), body);
  }

  @Handles(M.workPlanAdopt)
  adoptWorkPlan(@Payload() body: AdoptWorkPlanDto, @Ctx() ctx: KafkaContext): Promise<WorkPlanDto> {
    return this.workPlans.adopt(readRequestContext(ctx), body);
  }

  @Handles(M.workPlanGet)
  workPlan(@Payload() body: WorkPlanYearDto, @Ctx() ctx: KafkaContext): Promise<WorkPlanDto> {
    return this.workPlans.get(readRequestContext(ctx), body.year);
  }
}
