import type {
  ActivityDto,
  ActivityEventV1,
  ActivityType,
  Force,
  RecommendationDto,
} from '@prosmed/contracts';
import { Events, Headers } from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import type { EventMessage } from '@prosmed/persistence';

export interface ActivityRow {
  id: string;
  ccs_code: string;
  type: ActivityType;
  type_label: string | null;
  start_on: string;
  end_on: string;
  place_code: string;
  theme: string;
  forces: Force[];
  p_total: number;
  p_women: number;
  p_youth: number;
  p_fds: number;
  p_children: number | null;
  outcomes: string | null;
  recommendations: RecommendationDto[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const ACTIVITY_COLUMNS = `a."id", a."ccs_code", a."type", a."type_label", a."start_on"::text AS "start_on",
  a."end_on"::text AS "end_on", a."place_code", a."theme", a."forces", a."p_total", a."p_women", a."p_youth", a."p_fds",
  a."p_children", a."outcomes", a."recommendations", a."version", a."created_at", a."updated_at"`;

export function activityView(r: ActivityRow): ActivityDto {
  return {
    id: r.id,
    ccsCode: r.ccs_code,
    type: r.type,
    typeLabel: r.type_label,
    startOn: r.start_on,
    endOn: r.end_on,
    placeCode: r.place_code,
    theme: r.theme,
    forces: r.forces,
    participants: {
      total: r.p_total,
      women: r.p_women,
      youth: r.p_youth,
      fds: r.p_fds,
      children: r.p_children,
    },
    outcomes: r.outcomes,
    recommendations: r.recommendations,
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The event of a recorded or changed activity: counts, codes, type and dates; no theme or outcomes. */
export function activityEvent(
  rc: RequestContext,
  r: ActivityRow,
  change: ActivityEventV1['change'],
): EventMessage {
  const payload: ActivityEventV1 = {
    activityId: r.id,
    change,
    ccsCode: r.ccs_code,
    placeCode: r.place_code,
    version: r.version,
    occurredAt: new Date().toISOString(),
    type: r.type,
    startOn: r.start_on,
    endOn: r.end_on,
    forces: r.forces,
    participants: {
      total: r.p_total,
      women: r.p_women,
      youth: r.p_youth,
      fds: r.p_fds,
      children: r.p_children,
    },
    recommendations: {
      total: r.recommendations.length,
      done: r.recommendations.filter((x) => x.state === 'done').length,
    },
  };
  return {
    topic: Events.security.activityRecorded,
    key: r.id,
    payload,
    headers: { [Headers.requestId]: rc.requestId },
  };
}
