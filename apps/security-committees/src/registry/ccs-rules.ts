import {
  CCS_CHAIR,
  CCS_LEVEL_PLACE,
  domainError,
  type CcsLevel,
  type CcsMemberDto,
  type CcsDto,
  type ErrorDetail,
} from '@prosmed/contracts';
import type { PlaceDirectory } from '@prosmed/places';

/** A member of the FDS names her force; any other member names none. */
export function assertMemberForces(members: readonly CcsMemberDto[]): void {
  const details: ErrorDetail[] = [];
  members.forEach((m, i) => {
    const force = m.force ?? null;
    if (m.fds && force === null) details.push({ field: `members[${i}].force`, code: 'forceRequired' });
    if (!m.fds && force !== null) details.push({ field: `members[${i}].force`, code: 'forceNotAllowed' });
  });
  if (details.length > 0) throw domainError('MEMBER_FORCE_MISMATCH', undefined, details);
}

/** A regional CCS serves a région, a cercle CCS a cercle, a communal CCS a commune. */
export function assertLevelPlace(dir: PlaceDirectory, level: CcsLevel, placeCode: string): void {
  const place = dir.get(placeCode);
  if (!place)
    throw domainError('PLACE_UNKNOWN', { code: placeCode }, [{ field: 'placeCode', code: 'unknownPlace' }]);
  const expected = CCS_LEVEL_PLACE[level];
  if (place.level !== expected) {
    throw domainError('CCS_LEVEL_PLACE_MISMATCH', { level, expected, code: placeCode }, [
      { field: 'placeCode', code: 'levelMismatch' },
    ]);
  }
}

export function normalizeMembers(members: readonly CcsMemberDto[]): CcsMemberDto[] {
  return members.map((m) => ({ function: m.function, sex: m.sex, fds: m.fds, force: m.force ?? null }));
}

export interface CcsRow {
  id: string;
  code: string;
  name: string;
  level: CcsLevel;
  place_code: string;
  active_from: string;
  active_to: string | null;
  members: CcsMemberDto[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const CCS_COLUMNS = `c."id", c."code", c."name", c."level", c."place_code", c."active_from"::text AS "active_from",
  c."active_to"::text AS "active_to", c."members", c."version", c."created_at", c."updated_at"`;

export function ccsView(r: CcsRow): CcsDto {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    chair: CCS_CHAIR[r.level],
    placeCode: r.place_code,
    activeFrom: r.active_from,
    activeTo: r.active_to,
    members: r.members,
    memberCounts: {
      total: r.members.length,
      women: r.members.filter((m) => m.sex === 'F').length,
      fds: r.members.filter((m) => m.fds).length,
    },
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}
