import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  AnticorruptionMessages as M,
  type ExecutionReportDto,
  type ExecutionReportQueryDto,
  type FileReply,
  type SessionReportQueryDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { ReportsService } from './reports.service';

/** Handlers of execution reports, live and frozen. */
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Handles(M.reportExecution)
  execution(@Payload() body: ExecutionReportQueryDto, @Ctx() ctx: KafkaContext): Promise<ExecutionReportDto> {
    return this.reports.execution(readRequestContext(ctx), body.period);
  }

  @Handles(M.reportExecutionXlsx)
  executionXlsx(@Payload() body: ExecutionReportQueryDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.reports.executionXlsx(readRequestContext(ctx), body.period);
  }

  @Handles(M.sessionReport)
  session(@Payload() body: SessionReportQueryDto, @Ctx() ctx: KafkaContext): Promise<ExecutionReportDto> {
    return this.reports.session(readRequestContext(ctx), body.sessionId);
  }

  @Handles(M.sessionReportXlsx)
  sessionXlsx(@Payload() body: SessionReportQueryDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.reports.sessionXlsx(readRequestContext(ctx), body.sessionId);
  }
}
