import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityAttachmentsService } from './activity-attachments.service';
import { ActivityRepository } from './activity-repository';

/** Activities of the CCS, with their participants, recommendations, photos and attendance sheets. */
@Module({
  controllers: [ActivitiesController],
  providers: [ActivitiesService, ActivityAttachmentsService, ActivityRepository],
})
export class ActivitiesModule {}
