/** Requests and replies of the CCS registry (admin writes, scoped reads). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional } from 'class-validator';
import {
  Cursor,
  DateOnly,
  IfNotNull,
  IfPresent,
  IsPlaceCode,
  IsRegistryCode,
  IsSearchText,
  IsVersion,
  NestedObject,
  PageLimit,
  PLACE_CODE_DOC,
  REGISTRY_CODE_DOC,
  Text,
} from '../dto-helpers';
import { HistoryEntryDto } from '../land/case-replies';
import { SEXES, type Sex } from '../land/registry';
import { CCS_LEVELS, FORCES, type CcsLevel, type Force } from './security';

export const MAX_CCS_MEMBERS = 60;

const CCS_CODE_DOC = { example: 'CCS-SEGOU', ...REGISTRY_CODE_DOC };
const VERSION_DOC = {
  description: 'La `version` lue ; une version périmée donne 409 VERSION_CONFLICT',
  example: 1,
  minimum: 1,
};

/** A member by function, never by name: the registry holds no personal data. */
export class CcsMemberDto {
  @ApiProperty({ example: 'commandant de brigade', minLength: 1, maxLength: 120 })
  @Text(120)
  function!: string;

  @ApiProperty({ enum: SEXES, example: 'M' })
  @IsIn(SEXES)
  sex!: Sex;

  @ApiProperty({ description: 'Membre des forces de défense et de sécurité (FDS)', example: true })
  @IsBoolean()
  fds!: boolean;

  @ApiPropertyOptional({
    enum: FORCES,
    nullable: true,
    description: 'Obligatoire pour un membre des FDS, absent sinon',
  })
  @IfNotNull()
  @IsIn(FORCES)
  force?: Force | null;
}

export class CcsCodeDto {
  @ApiProperty(CCS_CODE_DOC)
  @IsRegistryCode()
  code!: string;
}

export class CreateCcsDto {
  @ApiProperty({ description: 'Code stable (le `ccs_id` de sa secrétaire)', ...CCS_CODE_DOC })
  @IsRegistryCode()
  code!: string;

  @ApiProperty({ example: 'Comité consultatif de sécurité du cercle de Ségou', maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: CCS_LEVELS, example: 'cercle' })
  @IsIn(CCS_LEVELS)
  level!: CcsLevel;

  @ApiProperty({
    description: 'La région, le cercle ou la commune servie (selon le niveau)',
    ...PLACE_CODE_DOC,
  })
  @IsPlaceCode()
  placeCode!: string;

  @ApiProperty({ example: '2016-06-01', description: 'Date de mise en place' })
  @DateOnly()
  activeFrom!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: null,
    description: 'Date de fin, si dissous',
  })
  @IfNotNull()
  @DateOnly()
  activeTo?: string | null;

  @ApiProperty({ type: [CcsMemberDto], maxItems: MAX_CCS_MEMBERS })
  @IsArray()
  @ArrayMaxSize(MAX_CCS_MEMBERS)
  @NestedObject(() => CcsMemberDto, { each: true })
  members!: CcsMemberDto[];
}

export class UpdateCcsDto {
  @ApiProperty(CCS_CODE_DOC)
  @IsRegistryCode()
  code!: string;

  @ApiProperty(VERSION_DOC)
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent()
  @Text(200)
  name?: string;

  @ApiPropertyOptional({ enum: CCS_LEVELS })
  @IfPresent()
  @IsIn(CCS_LEVELS)
  level?: CcsLevel;

  @ApiPropertyOptional(PLACE_CODE_DOC)
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ example: '2016-06-01' })
  @IfPresent()
  @DateOnly()
  activeFrom?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null : de nouveau actif' })
  @IsOptional()
  @DateOnly()
  activeTo?: string | null;

  @ApiPropertyOptional({ type: [CcsMemberDto], maxItems: MAX_CCS_MEMBERS, description: 'Remplace la liste' })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_CCS_MEMBERS)
  @NestedObject(() => CcsMemberDto, { each: true })
  members?: CcsMemberDto[];
}

export class CcsListQueryDto {
  @ApiPropertyOptional({ enum: CCS_LEVELS })
  @IfPresent()
  @IsIn(CCS_LEVELS)
  level?: CcsLevel;

  @ApiPropertyOptional({
    description: 'Ce lieu ou en dessous, sur l’une ou l’autre carte',
    ...PLACE_CODE_DOC,
  })
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ description: 'Recherche dans le nom (accents ignorés)', maxLength: 100 })
  @IfPresent()
  @IsSearchText()
  q?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class CcsDto {
  @ApiProperty(CCS_CODE_DOC) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CCS_LEVELS }) level!: CcsLevel;
  @ApiProperty({ example: 'préfet', description: 'Qui le préside : gouverneur, préfet ou maire' })
  chair!: string;
  @ApiProperty({ example: 'ML-SEG-SEG' }) placeCode!: string;
  @ApiProperty({ example: '2016-06-01' }) activeFrom!: string;
  @ApiProperty({ type: String, nullable: true }) activeTo!: string | null;
  @ApiProperty({ type: [CcsMemberDto] }) members!: CcsMemberDto[];
  @ApiProperty({
    description: 'Membres par sexe et FDS',
    type: 'object',
    properties: { total: { type: 'number' }, women: { type: 'number' }, fds: { type: 'number' } },
    required: ['total', 'women', 'fds'],
    example: { total: 12, women: 3, fds: 4 },
  })
  memberCounts!: { total: number; women: number; fds: number };
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CcsDetailDto extends CcsDto {
  @ApiProperty({ type: [HistoryEntryDto], description: 'Créations et modifications (journal d’audit)' })
  history!: HistoryEntryDto[];
}

export class CcsPageDto {
  @ApiProperty({ type: [CcsDto] }) items!: CcsDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
