import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { WorkPlansService } from './work-plans.service';

/** Sessions of the comité de pilotage (minutes, closing and its snapshot) and annual work plans. */
@Module({
  imports: [PlanModule],
  controllers: [SessionsController],
  providers: [SessionsService, WorkPlansService],
})
export class SessionsModule {}
