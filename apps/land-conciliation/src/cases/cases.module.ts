import { Module } from '@nestjs/common';
import { CaseCommands } from './case-commands';
import { CaseRepository } from './case-repository';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CASES_SETTINGS, loadCasesSettings } from './cases.settings';
import { PvPrintService } from './printing/pv-print.service';
import { PvRepository } from './pvs/pv-repository';
import { PvsService } from './pvs/pvs.service';

/** Land cases, PVs and homologation. Place codes are checked by the global `PlacesModule`. */
@Module({
  controllers: [CasesController],
  providers: [
    CasesService,
    PvsService,
    PvPrintService,
    CaseCommands,
    CaseRepository,
    PvRepository,
    { provide: CASES_SETTINGS, useFactory: () => loadCasesSettings() },
  ],
})
export class CasesModule {}
