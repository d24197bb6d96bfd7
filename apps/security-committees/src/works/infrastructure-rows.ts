import {
  Events,
  Headers,
  type InfrastructureDto,
  type InfrastructureEventV1,
  type InfrastructureType,
  type InfrastructureWorks,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import type { EventMessage } from '@prosmed/persistence';

export interface InfrastructureRow {
  id: string;
  ccs_code: string;
  name: string;
  type: InfrastructureType;
  works: InfrastructureWorks;
  place_code: string;
  handed_over_on: string | null;
  receiving_ministry: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const INFRASTRUCTURE_COLUMNS = `i."id", i."ccs_code", i."name", i."type", i."works", i."place_code",
  i."handed_over_on"::text AS "handed_over_on", i."receiving_ministry", i."version", i."created_at", i."updated_at",
  i."created_at"::text AS "created_key"`;

export function infrastructureView(r: InfrastructureRow): InfrastructureDto {
  return {
    id: r.id,
    ccsCode: r.ccs_code,
    name: r.name,
    type: r.type,
    works: r.works,
    placeCode: r.place_code,
    handedOverOn: r.handed_over_on,
    receivingMinistry: r.receiving_ministry,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Codes and dates only: the building's name and the ministry stay in the service. */
export function infrastructureEvent(
  rc: RequestContext,
  r: InfrastructureRow,
  change: InfrastructureEventV1['change'],
): EventMessage {
  const payload: InfrastructureEventV1 = {
    infrastructureId: r.id,
    change,
    ccsCode: r.ccs_code,
    placeCode: r.place_code,
    version: r.version,
    occurredAt: new Date().toISOString(),
    type: r.type,
    works: r.works,
    handedOverOn: r.handed_over_on,
  };
  return {
    topic: Events.security.infrastructureRecorded,
    key: r.id,
    payload,
    headers: { [Headers.requestId]: rc.requestId },
  };
}
