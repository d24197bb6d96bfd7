import { Global, Module } from '@nestjs/common';
import { CcsSeats } from './ccs-seats';
import { PlaceRules } from './place-rules';
import { loadSecuritySettings, SECURITY_SETTINGS } from './settings';

/** What every feature of the service uses: place rules, the CCS a write is for, the settings. */
@Global()
@Module({
  providers: [PlaceRules, CcsSeats, { provide: SECURITY_SETTINGS, useFactory: () => loadSecuritySettings() }],
  exports: [PlaceRules, CcsSeats, SECURITY_SETTINGS],
})
export class SharedModule {}
