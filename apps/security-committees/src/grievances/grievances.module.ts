import { Module } from '@nestjs/common';
import { GrievanceRepository } from './grievance-repository';
import { GrievancesController } from './grievances.controller';
import { GrievancesService } from './grievances.service';

/** Community security grievances: receipt, referral, follow-up, closure; the identity encrypted. */
@Module({ controllers: [GrievancesController], providers: [GrievancesService, GrievanceRepository] })
export class GrievancesModule {}
