import { Module } from '@nestjs/common';
import { PlanImportService } from '../imports/plan-import.service';
import { UpdateRepository } from '../updates/update-repository';
import { PlanController } from './plan.controller';
import { PlanRepository } from './plan-repository';
import { PlanService } from './plan.service';

/** The plan, its structures and its spreadsheet; the repositories the other features read through. */
@Module({
  controllers: [PlanController],
  providers: [PlanService, PlanImportService, PlanRepository, UpdateRepository],
  exports: [PlanRepository, UpdateRepository],
})
export class PlanModule {}
