import type { SessionDto, SessionState } from '@prosmed/contracts';

export interface SessionRow {
  id: string;
  title: string;
  held_on: string;
  period_from: string;
  period_to: string;
  state: SessionState;
  minutes: string | null;
  decisions: string[];
  closed_at: Date | null;
  version: number;
}

export const SESSION_COLUMNS = `"id", "title", "held_on"::text AS "held_on", "period_from", "period_to", "state", "minutes",
  "decisions", "closed_at", "version"`;

export function sessionView(r: SessionRow): SessionDto {
  return {
    id: r.id,
    title: r.title,
    heldOn: r.held_on,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    state: r.state,
    minutes: r.minutes,
    decisions: r.decisions,
    closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
    version: r.version,
  };
}
