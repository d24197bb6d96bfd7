import { Module } from '@nestjs/common';
import { InfrastructuresService } from './infrastructures.service';
import { TrainingsService } from './trainings.service';
import { WorksController } from './works.controller';

/** Security infrastructures handed over and FDS trainings, each owned by a CCS. */
@Module({ controllers: [WorksController], providers: [InfrastructuresService, TrainingsService] })
export class WorksModule {}
