import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  SecurityMessages,
  type InfrastructureDetailDto,
  type InfrastructureDto,
  type InfrastructureIdDto,
  type InfrastructureListQueryDto,
  type PageV1,
  type RecordInfrastructureDto,
  type RecordTrainingDto,
  type TrainingDetailDto,
  type TrainingDto,
  type TrainingIdDto,
  type TrainingListQueryDto,
  type UpdateInfrastructureDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { InfrastructuresService } from './infrastructures.service';
import { TrainingsService } from './trainings.service';

/** Handlers of the infrastructures handed over and the trainings a CCS records. */
@Controller()
export class WorksController {
  constructor(
    private readonly infrastructures: InfrastructuresService,
    private readonly trainings: TrainingsService,
  ) {}

  @Handles(SecurityMessages.infrastructureRecord)
  recordInfrastructure(
    @Payload() body: RecordInfrastructureDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<InfrastructureDto> {
    return this.infrastructures.record(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.infrastructureUpdate)
  updateInfrastructure(
    @Payload() body: UpdateInfrastructureDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<InfrastructureDto> {
    return this.infrastructures.update(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.infrastructureList)
  listInfrastructures(
    @Payload() body: InfrastructureListQueryDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<PageV1<InfrastructureDto>> {
    return this.infrastructures.list(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.infrastructureGet)
  getInfrastructure(
    @Payload() body: InfrastructureIdDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<InfrastructureDetailDto> {
    return this.infrastructures.get(readRequestContext(ctx), body.infrastructureId);
  }

  @Handles(SecurityMessages.trainingRecord)
  recordTraining(@Payload() body: RecordTrainingDto, @Ctx() ctx: KafkaContext): Promise<TrainingDto> {
    return this.trainings.record(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.trainingList)
  listTrainings(
    @Payload() body: TrainingListQueryDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<PageV1<TrainingDto>> {
    return this.trainings.list(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.trainingGet)
  getTraining(@Payload() body: TrainingIdDto, @Ctx() ctx: KafkaContext): Promise<TrainingDetailDto> {
    return this.trainings.get(readRequestContext(ctx), body.trainingId);
  }
}
