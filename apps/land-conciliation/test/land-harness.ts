import { LandMessages } from '@prosmed/contracts';
import { startServiceHarness, type ServiceHarness } from '@prosmed/testing';
import { LAND_SERVICE } from '../src/service';

export { demoIdentity, runTag, uniqueCode } from '@prosmed/testing';

export type LandHarness = ServiceHarness;

/** The land service in this process on the real PostgreSQL (schema `land`) and Kafka (`@prosmed/testing`). */
export function startLand(): Promise<LandHarness> {
  return startServiceHarness({
    spec: LAND_SERVICE,
    service: 'land',
    warmup: { id: LandMessages.cofoList.id, body: { limit: 1 } },
  });
}
