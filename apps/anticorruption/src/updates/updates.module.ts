import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { DEADLINE_SETTINGS, loadDeadlineSettings } from './deadline.settings';
import { EvidenceService } from './evidence.service';
import { RemindersService } from './reminders.service';
import { UpdatesController } from './updates.controller';
import { UpdatesService } from './updates.service';

/** Focal points' updates, their validation circuit and evidence, reminders and lateness notices. */
@Module({
  imports: [PlanModule],
  controllers: [UpdatesController],
  providers: [
    UpdatesService,
    RemindersService,
    EvidenceService,
    { provide: DEADLINE_SETTINGS, useFactory: () => loadDeadlineSettings() },
  ],
})
export class UpdatesModule {}
