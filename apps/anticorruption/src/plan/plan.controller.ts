import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  AnticorruptionMessages as M,
  type ActionCodeDto,
  type ActionDto,
  type ActionListQueryDto,
  type ActionPageDto,
  type CreateStructureDto,
  type FileReply,
  type PlanExportQueryDto,
  type PlanImportDto,
  type PlanImportResultDto,
  type SpreadsheetFormatDto,
  type StructureDto,
  type StructureListDto,
  type StructureListQueryDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { PlanImportService } from '../imports/plan-import.service';
import { PlanService } from './plan.service';

/** Handlers of the plan, its structures and its spreadsheet. */
@Controller()
export class PlanController {
  constructor(
    private readonly plan: PlanService,
    private readonly sheets: PlanImportService,
  ) {}

  @Handles(M.structureList)
  structures(@Payload() body: StructureListQueryDto, @Ctx() ctx: KafkaContext): Promise<StructureListDto> {
    return this.plan.structures(readRequestContext(ctx), body);
  }

  @Handles(M.structureCreate)
  createStructure(@Payload() body: CreateStructureDto, @Ctx() ctx: KafkaContext): Promise<StructureDto> {
    return this.plan.createStructure(readRequestContext(ctx), body);
  }

  @Handles(M.actionList)
  list(@Payload() body: ActionListQueryDto, @Ctx() ctx: KafkaContext): Promise<ActionPageDto> {
    return this.plan.list(readRequestContext(ctx), body);
  }

  @Handles(M.actionGet)
  get(@Payload() body: ActionCodeDto, @Ctx() ctx: KafkaContext): Promise<ActionDto> {
    return this.plan.get(readRequestContext(ctx), body.code);
  }

  @Handles(M.planImport)
  import(@Payload() body: PlanImportDto, @Ctx() ctx: KafkaContext): Promise<PlanImportResultDto> {
    return this.sheets.import(readRequestContext(ctx), body);
  }

  @Handles(M.planTemplate)
  template(@Payload() body: SpreadsheetFormatDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.sheets.template(readRequestContext(ctx), body.format ?? 'xlsx');
  }

  @Handles(M.planExport)
  export(@Payload() body: PlanExportQueryDto, @Ctx() ctx: KafkaContext): Promise<FileReply> {
    return this.sheets.export(readRequestContext(ctx), body);
  }
}
