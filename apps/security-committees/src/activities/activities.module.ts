import { Module } from '@nestjs/common';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';
import { ActivityRepository } from './activity-repository';

/** Activities of the CCS, with their participants and recommendations. */
@Module({ controllers: [ActivitiesController], providers: [ActivitiesService, ActivityRepository] })
export class ActivitiesModule {}
