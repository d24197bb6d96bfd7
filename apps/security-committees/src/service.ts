import type { ServiceBootstrapOptions } from '@prosmed/messaging';
import { AppModule } from './app.module';
import { SECURITY_MIGRATIONS } from './migrations';

/** How the CCS service starts (main.ts) and how tests start it in-process (overriding group and port). */
export const SECURITY_SERVICE: ServiceBootstrapOptions = {
  module: AppModule,
  name: 'security-committees',
  schema: 'security',
  groupId: 'security-committees',
  migrations: SECURITY_MIGRATIONS,
};
