import { AnticorruptionMessages } from '@prosmed/contracts';
import { startServiceHarness, type ServiceHarness } from '@prosmed/testing';
import { ANTICORRUPTION_SERVICE } from '../src/service';

export { demoIdentity, runTag, uniqueCode } from '@prosmed/testing';

export type AcHarness = ServiceHarness;

/**
 * The anti-corruption service in this process on the real PostgreSQL (schema `anticorruption`) and Kafka
 * (`@prosmed/testing`).
 */
export function startAnticorruption(): Promise<AcHarness> {
  return startServiceHarness({
    spec: ANTICORRUPTION_SERVICE,
    service: 'anticorruption',
    warmup: { id: AnticorruptionMessages.structureList.id, body: {} },
  });
}
