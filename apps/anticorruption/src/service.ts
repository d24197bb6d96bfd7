import type { ServiceBootstrapOptions } from '@prosmed/messaging';
import { AppModule } from './app.module';
import { ANTICORRUPTION_MIGRATIONS } from './migrations';

/** How the anti-corruption service starts (main.ts) and how tests start it in-process. */
export const ANTICORRUPTION_SERVICE: ServiceBootstrapOptions = {
  module: AppModule,
  name: 'anticorruption',
  schema: 'anticorruption',
  groupId: 'anticorruption',
  migrations: ANTICORRUPTION_MIGRATIONS,
};
