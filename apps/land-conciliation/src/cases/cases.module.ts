import { Module } from '@nestjs/common';
import { FormatOnlyPlaceChecker, PLACE_CHECKER } from '../registry/shared/place-checker';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CASES_SETTINGS, loadCasesSettings } from './cases.settings';

/** Land cases, PVs and homologation. */
@Module({
  controllers: [CasesController],
  providers: [
    CasesService,
    { provide: PLACE_CHECKER, useClass: FormatOnlyPlaceChecker },
    { provide: CASES_SETTINGS, useFactory: () => loadCasesSettings() },
  ],
})
export class CasesModule {}
