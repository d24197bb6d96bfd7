/** Wire types of the land-conciliation registry (CoFo and tribunals), version 1. */

export const COFO_LEVELS = ['village', 'commune', 'cercle'] as const;
export type CofoLevel = (typeof COFO_LEVELS)[number];

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];

export interface CofoMember {
  name: string;
  sex: Sex;
  /** président, secrétaire, membre, représentant des femmes, des jeunes, des éleveurs... */
  role: string;
}

export interface CofoV1 {
  /** Stable code chosen by the admin, e.g. `SEG01`; the `cofo_id` of a secretary's token. */
  code: string;
  name: string;
  level: CofoLevel;
  /** Place code of the village, commune or cercle it covers. */
  placeCode: string;
  /** Tribunal that homologates its PVs. */
  tribunalCode: string | null;
  members: CofoMember[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateCofoV1 {
  code: string;
  name: string;
  level: CofoLevel;
  placeCode: string;
  tribunalCode?: string | null;
  members: CofoMember[];
}

export interface UpdateCofoV1 {
  code: string;
  /** The version the editor read; a stale one is a VERSION_CONFLICT. */
  version: number;
  changes: Partial<Omit<CreateCofoV1, 'code'>>;
}

export interface ListQueryV1 {
  level?: CofoLevel;
  placeCode?: string;
  /** Accent-insensitive text search in the name. */
  q?: string;
  /** Opaque cursor from the previous page. */
  cursor?: string;
  limit?: number;
}

export interface PageV1<T> {
  items: T[];
  nextCursor: string | null;
}

export const TRIBUNAL_KINDS = ['tribunal-instance', 'jpce'] as const;
export type TribunalKind = (typeof TRIBUNAL_KINDS)[number];

export interface TribunalV1 {
  code: string;
  name: string;
  kind: TribunalKind;
  placeCode: string;
  /** Place codes of the cercles it serves. */
  cercleCodes: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateTribunalV1 {
  code: string;
  name: string;
  kind: TribunalKind;
  placeCode: string;
  cercleCodes: string[];
}

export interface UpdateTribunalV1 {
  code: string;
  version: number;
  changes: Partial<Omit<CreateTribunalV1, 'code'>>;
}

export interface GetByCodeV1 {
  code: string;
}

/** Query of `land.tribunal.list.v1` (`ListQueryV1` is the CoFo one: tribunals have a kind, not a level). */
export interface TribunalListQueryV1 {
  kind?: TribunalKind;
  /** Tribunals located in this place or below it, or serving a cercle in it or above it. */
  placeCode?: string;
  /** Accent-insensitive text search in the name. */
  q?: string;
  cursor?: string;
  limit?: number;
}
