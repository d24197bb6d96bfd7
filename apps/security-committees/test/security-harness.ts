import { SecurityMessages } from '@prosmed/contracts';
import { startServiceHarness, type ServiceHarness } from '@prosmed/testing';
import { SECURITY_SERVICE } from '../src/service';

export { demoIdentity, runTag, uniqueCode } from '@prosmed/testing';

export type SecurityHarness = ServiceHarness;

/** The CCS service in this process on the real PostgreSQL (schema `security`) and Kafka (`@prosmed/testing`). */
export function startSecurity(env: Record<string, string> = {}): Promise<SecurityHarness> {
  return startServiceHarness({
    spec: SECURITY_SERVICE,
    service: 'security',
    warmup: { id: SecurityMessages.ccsList.id, body: { limit: 1 } },
    env,
  });
}
