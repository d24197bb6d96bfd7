import { Module, type Type } from '@nestjs/common';
import { DirectCasesController } from './direct.controller';
import { DIRECT_SETTINGS, loadDirectSettings } from './direct.settings';

/** Benchmark-only HTTP routes (`LAND_DIRECT_HTTP=true`); see `direct.settings.ts` for what it risks. */
@Module({
  controllers: [DirectCasesController],
  providers: [{ provide: DIRECT_SETTINGS, useFactory: () => loadDirectSettings() }],
})
export class DirectModule {
  /** `[DirectModule]` when enabled, else nothing: the routes do not exist unless asked for. */
  static ifEnabled(src: Record<string, string | undefined> = process.env): Type<unknown>[] {
    return loadDirectSettings(src).enabled ? [DirectModule] : [];
  }
}
