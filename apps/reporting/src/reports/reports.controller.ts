import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  ReportingMessages,
  type Dhis2DataValueSetDto,
  type DraftReportDto,
  type EditReportDto,
  type FileReply,
  type PublishReportDto,
  type ReportDto,
  type ReportFileQueryDto,
  type ReportIdDto,
  type ReportListDto,
  type ReportListQueryDto,
  type ReportPhotoUploadDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { ReportsService } from './reports.service';

@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Handles(ReportingMessages.reportDraft)
  draft(@Payload() body: DraftReportDto, @Ctx() ctx: KafkaContext): Promise<ReportDto> {
    return this.reports.draft(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.reportList)
  list(@Payload() body: ReportListQueryDto, @Ctx() ctx: KafkaContext): Promise<ReportListDto> {
    return this.reports.list(readRequestContext(ctx), body.period);
  }

  @Handles(ReportingMessages.reportGet)
  get(@Payload() body: ReportIdDto, @Ctx() ctx: KafkaContext): Promise<ReportDto> {
    return this.reports.get(readRequestContext(ctx), body.reportId);
  }

  @Handles(ReportingMessages.reportEdit)
  edit(@Payload() body: EditReportDto, @Ctx() ctx: KafkaContext): Promise<ReportDto> {
    return this.reports.edit(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.reportPublish)
  publish(@Payload() body: PublishReportDto, @Ctx() ctx: KafkaContext): Promise<ReportDto> {
    return this.reports.publish(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.reportPhotoAdd)
  addPhoto(@Payload() body: ReportPhotoUploadDto, @Ctx() ctx: KafkaContext): Promise<ReportDto> {
    return this.reports.addPhoto(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.reportPdf)
  pdf(@Payload() body: ReportFileQueryDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.reports.pdf(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.reportXlsx)
  xlsx(@Payload() body: ReportFileQueryDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.reports.xlsx(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.reportCsv)
  csv(@Payload() body: ReportFileQueryDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.reports.csv(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.reportDhis2)
  dhis2(@Payload() body: ReportFileQueryDto, @Ctx() ctx: KafkaContext): Promise<Dhis2DataValueSetDto> {
    return this.reports.dhis2(readRequestContext(ctx), body);
  }
}
