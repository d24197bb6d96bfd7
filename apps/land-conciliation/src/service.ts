import type { ServiceBootstrapOptions } from '@prosmed/messaging';
import { AppModule } from './app.module';
import { LAND_MIGRATIONS } from './migrations';

/** How the land service starts (main.ts) and how tests start it in-process (overriding group and port). */
export const LAND_SERVICE: ServiceBootstrapOptions = {
  module: AppModule,
  name: 'land-conciliation',
  schema: 'land',
  groupId: 'land-conciliation',
  migrations: LAND_MIGRATIONS,
};
