import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  LandMessages,
  type CaseIdDto,
  type CaseListQueryDto,
  type CaseSummaryV1,
  type CaseV1,
  type CloseCaseDto,
  type DecideHomologationDto,
  type FileCaseDto,
  type HomologationQueueItemV1,
  type HomologationQueueQueryDto,
  type InstructionStepDto,
  type PageV1,
  type PvCheckDto,
  type PvCheckV1,
  type PvIdDto,
  type PvPdfV1,
  type RecordPvDto,
  type ReferCaseDto,
  type RequestHomologationDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { CasesService } from './cases.service';
import { PvPrintService } from './printing/pv-print.service';
import { PvsService } from './pvs/pvs.service';

/** Handlers of land cases: one per catalogue entry, the caller from the headers, one service call. */
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly pvs: PvsService,
    private readonly printing: PvPrintService,
  ) {}

  @Handles(LandMessages.caseFile)
  file(@Payload() body: FileCaseDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.cases.file(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.caseList)
  list(@Payload() body: CaseListQueryDto, @Ctx() ctx: KafkaContext): Promise<PageV1<CaseSummaryV1>> {
    return this.cases.list(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.caseGet)
  get(@Payload() body: CaseIdDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.cases.get(readRequestContext(ctx), body.caseId);
  }

  @Handles(LandMessages.caseStep)
  step(@Payload() body: InstructionStepDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.cases.recordStep(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.casePv)
  pv(@Payload() body: RecordPvDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.pvs.recordPv(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.caseHomologationRequest)
  requestHomologation(@Payload() body: RequestHomologationDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.pvs.requestHomologation(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.caseHomologationDecide)
  decideHomologation(@Payload() body: DecideHomologationDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.pvs.decideHomologation(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.caseRefer)
  refer(@Payload() body: ReferCaseDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.cases.refer(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.caseClose)
  close(@Payload() body: CloseCaseDto, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    return this.cases.close(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.homologationQueue)
  queue(
    @Payload() body: HomologationQueueQueryDto,
    @Ctx() ctx: KafkaContext,
  ): Promise<PageV1<HomologationQueueItemV1>> {
    return this.pvs.homologationQueue(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.pvPdf)
  pdf(@Payload() body: PvIdDto, @Ctx() ctx: KafkaContext): Promise<PvPdfV1> {
    return this.printing.pvPdf(readRequestContext(ctx), body.pvId);
  }

  /** Public: anyone holding the paper may check it; the answer carries no personal data. */
  @Handles(LandMessages.pvCheck)
  check(@Payload() body: PvCheckDto): Promise<PvCheckV1> {
    return this.pvs.pvCheck(body.code);
  }
}
