/** Wire types of the land-conciliation registry (CoFo and tribunals), version 1. */
import type {
  CofoDto,
  CofoListQueryDto,
  CofoMemberDto,
  CreateCofoDto,
  CreateTribunalDto,
  RegistryCodeDto,
  TribunalDto,
  TribunalListQueryDto,
  UpdateCofoDto,
  UpdateTribunalDto,
} from './registry-dtos';

export const COFO_LEVELS = ['village', 'commune', 'cercle'] as const;
export type CofoLevel = (typeof COFO_LEVELS)[number];

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];

export interface PageV1<T> {
  items: T[];
  nextCursor: string | null;
}

export const TRIBUNAL_KINDS = ['tribunal-instance', 'jpce'] as const;
export type TribunalKind = (typeof TRIBUNAL_KINDS)[number];

/* The classes of registry-dtos.ts are the types; these names keep the wire's version where code uses them. */
export type CofoMember = CofoMemberDto;
export type CofoV1 = CofoDto;
export type CreateCofoV1 = CreateCofoDto;
export type UpdateCofoV1 = UpdateCofoDto;
export type ListQueryV1 = CofoListQueryDto;
export type TribunalV1 = TribunalDto;
export type CreateTribunalV1 = CreateTribunalDto;
export type UpdateTribunalV1 = UpdateTribunalDto;
export type GetByCodeV1 = RegistryCodeDto;
export type TribunalListQueryV1 = TribunalListQueryDto;
