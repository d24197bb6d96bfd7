import { Module } from '@nestjs/common';
import { ActivitiesModule } from './activities/activities.module';
import { GrievancesModule } from './grievances/grievances.module';
import { RegistryModule } from './registry/registry.module';
import { SharedModule } from './shared/shared.module';
import { WorksModule } from './works/works.module';

/**
 * Features of the CCS service, one folder each: the registry of CCS, their activities, community security
 * grievances, and the infrastructures and trainings they record. Database, Kafka server, health and
 * metrics come from `bootstrapService`.
 */
@Module({ imports: [SharedModule, RegistryModule, ActivitiesModule, GrievancesModule, WorksModule] })
export class AppModule {}
