import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  CaseIdDto,
  CaseListQueryDto,
  CloseCaseDto,
  DecideHomologationDto,
  FileCaseDto,
  HomologationQueueQueryDto,
  InstructionStepDto,
  PvCheckDto,
  PvIdDto,
  RecordPvDto,
  ReferCaseDto,
  RequestHomologationDto,
  Requests,
  type CaseSummaryV1,
  type CaseV1,
  type HomologationQueueItemV1,
  type PageV1,
  type PvCheckV1,
  type PvPdfV1,
} from '@prosmed/contracts';
import { readRequestContext, validatePayload } from '@prosmed/messaging';
import { CasesService } from './cases.service';

/** Request-reply handlers of land cases: caller from the headers, payload validated, one service call. */
@Controller()
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @MessagePattern(Requests.land.caseFile)
  file(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.file(rc, validatePayload(FileCaseDto, body));
  }

  @MessagePattern(Requests.land.caseList)
  list(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PageV1<CaseSummaryV1>> {
    const rc = readRequestContext(ctx);
    return this.cases.list(rc, validatePayload(CaseListQueryDto, body ?? {}));
  }

  @MessagePattern(Requests.land.caseGet)
  get(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.get(rc, validatePayload(CaseIdDto, body).caseId);
  }

  @MessagePattern(Requests.land.caseStep)
  step(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.recordStep(rc, validatePayload(InstructionStepDto, body));
  }

  @MessagePattern(Requests.land.casePv)
  pv(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.recordPv(rc, validatePayload(RecordPvDto, body));
  }

  @MessagePattern(Requests.land.caseHomologationRequest)
  requestHomologation(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.requestHomologation(rc, validatePayload(RequestHomologationDto, body));
  }

  @MessagePattern(Requests.land.caseHomologationDecide)
  decideHomologation(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.decideHomologation(rc, validatePayload(DecideHomologationDto, body));
  }

  @MessagePattern(Requests.land.caseRefer)
  refer(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.refer(rc, validatePayload(ReferCaseDto, body));
  }

  @MessagePattern(Requests.land.caseClose)
  close(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CaseV1> {
    const rc = readRequestContext(ctx);
    return this.cases.close(rc, validatePayload(CloseCaseDto, body));
  }

  @MessagePattern(Requests.land.homologationQueue)
  queue(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PageV1<HomologationQueueItemV1>> {
    const rc = readRequestContext(ctx);
    return this.cases.homologationQueue(rc, validatePayload(HomologationQueueQueryDto, body ?? {}));
  }

  @MessagePattern(Requests.land.pvPdf)
  pdf(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PvPdfV1> {
    const rc = readRequestContext(ctx);
    return this.cases.pvPdf(rc, validatePayload(PvIdDto, body).pvId);
  }

  /** Public: anyone holding the paper may check it; the answer carries no personal data. */
  @MessagePattern(Requests.land.pvCheck)
  check(@Payload() body: unknown): Promise<PvCheckV1> {
    return this.cases.pvCheck(validatePayload(PvCheckDto, body).code);
  }
}
