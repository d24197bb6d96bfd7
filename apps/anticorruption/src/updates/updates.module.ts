import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { DEADLINE_SETTINGS, loadDeadlineSettings } from './deadline.settings';
import { RemindersService } from './reminders.service';
import { UpdatesController } from './updates.controller';
import { UpdatesService } from './updates.service';

/** Focal points' updates, their validation circuit, reminders and lateness notices. */
@Module({
  imports: [PlanModule],
  controllers: [UpdatesController],
  providers: [
    UpdatesService,
    RemindersService,
    { provide: DEADLINE_SETTINGS, useFactory: () => loadDeadlineSettings() },
  ],
})
export class UpdatesModule {}
