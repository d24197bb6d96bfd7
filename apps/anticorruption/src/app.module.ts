import { Module } from '@nestjs/common';
import { PlanModule } from './plan/plan.module';
import { ReportsModule } from './reports/reports.module';
import { SessionsModule } from './sessions/sessions.module';
import { UpdatesModule } from './updates/updates.module';

/**
 * Features of the anti-corruption (SNLCC) service, one folder each: the plan and its spreadsheet,
 * updates and their validation workflow, committee sessions and work plans, execution reports.
 */
@Module({ imports: [PlanModule, UpdatesModule, SessionsModule, ReportsModule] })
export class AppModule {}
