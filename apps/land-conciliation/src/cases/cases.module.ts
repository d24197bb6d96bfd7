import { Module } from '@nestjs/common';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CASES_SETTINGS, loadCasesSettings } from './cases.settings';

/** Land cases, PVs and homologation. Place codes are checked by the global `PlacesModule`. */
@Module({
  controllers: [CasesController],
  providers: [CasesService, { provide: CASES_SETTINGS, useFactory: () => loadCasesSettings() }],
})
export class CasesModule {}
