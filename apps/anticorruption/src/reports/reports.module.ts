import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { ReportFacts } from './report-facts';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Execution reports (JSON and XLSX), live or as of a closed session. */
@Module({
  imports: [PlanModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportFacts],
  exports: [ReportFacts],
})
export class ReportsModule {}
