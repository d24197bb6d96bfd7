/**
 * Messages of the land registry (CoFo and tribunals): the request classes the gateway and the land
 * service both validate with, and the documented replies. One class per shape.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional } from 'class-validator';
import {
  Cursor,
  IfPresent,
  IsPlaceCode,
  IsRegistryCode,
  IsSearchText,
  IsVersion,
  PageLimit,
  PLACE_CODE_DOC,
  REGISTRY_CODE_DOC,
  Text,
  NestedObject,
} from '../dto-helpers';
import { COFO_LEVELS, SEXES, TRIBUNAL_KINDS, type CofoLevel, type Sex, type TribunalKind } from './registry';

export const MAX_COFO_MEMBERS = 50;
export const MAX_TRIBUNAL_CERCLES = 30;

const VERSION_DOC = {
  description: 'La `version` lue ; une version périmée donne 409 VERSION_CONFLICT',
  example: 1,
  minimum: 1,
};

export class CofoMemberDto {
  @ApiProperty({ example: 'Aminata Traoré', minLength: 1, maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: SEXES, example: 'F' })
  @IsIn(SEXES)
  sex!: Sex;

  @ApiProperty({
    description: 'président, secrétaire, membre, représentant des femmes, des jeunes, des éleveurs...',
    example: 'secrétaire',
    minLength: 1,
    maxLength: 100,
  })
  @Text(100)
  role!: string;
}

/** `{code}` of a CoFo or a tribunal. */
export class RegistryCodeDto {
  @ApiProperty({ example: 'SEG01', ...REGISTRY_CODE_DOC })
  @IsRegistryCode()
  code!: string;
}

export class CreateCofoDto {
  @ApiProperty({
    description: 'Code stable choisi par l’admin (le `cofo_id` de sa secrétaire)',
    example: 'SEG01',
    ...REGISTRY_CODE_DOC,
  })
  @IsRegistryCode()
  code!: string;

  @ApiProperty({ example: 'COFOCOM de Ségou', minLength: 1, maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: COFO_LEVELS, example: 'commune' })
  @IsIn(COFO_LEVELS)
  level!: CofoLevel;

  @ApiProperty({ description: 'Code du village, de la commune ou du cercle couvert', ...PLACE_CODE_DOC })
  @IsPlaceCode()
  placeCode!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'TI-SEGOU', ...REGISTRY_CODE_DOC })
  @IsOptional()
  @IsRegistryCode()
  tribunalCode?: string | null;

  @ApiProperty({ type: [CofoMemberDto], maxItems: MAX_COFO_MEMBERS })
  @IsArray()
  @ArrayMaxSize(MAX_COFO_MEMBERS)
  @NestedObject(() => CofoMemberDto, { each: true })
  members!: CofoMemberDto[];
}

/**
 * An edit: the `version` read (optimistic lock in the body, not `If-Match`: Swagger users see and send it
 * like any field) and the fields to change; absent fields stay, `tribunalCode: null` detaches the tribunal.
 */
export class UpdateCofoDto {
  @ApiProperty({ example: 'SEG01', ...REGISTRY_CODE_DOC })
  @IsRegistryCode()
  code!: string;

  @ApiProperty(VERSION_DOC)
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'COFOCOM de Ségou' })
  @IfPresent()
  @Text(200)
  name?: string;

  @ApiPropertyOptional({ enum: COFO_LEVELS })
  @IfPresent()
  @IsIn(COFO_LEVELS)
  level?: CofoLevel;

  @ApiPropertyOptional(PLACE_CODE_DOC)
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'null détache le tribunal',
    ...REGISTRY_CODE_DOC,
  })
  @IsOptional()
  @IsRegistryCode()
  tribunalCode?: string | null;

  @ApiPropertyOptional({
    type: [CofoMemberDto],
    maxItems: MAX_COFO_MEMBERS,
    description: 'Remplace toute la liste',
  })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_COFO_MEMBERS)
  @NestedObject(() => CofoMemberDto, { each: true })
  members?: CofoMemberDto[];
}

export class CofoListQueryDto {
  @ApiPropertyOptional({ enum: COFO_LEVELS })
  @IfPresent()
  @IsIn(COFO_LEVELS)
  level?: CofoLevel;

  @ApiPropertyOptional({ description: 'Seulement les CoFo de ce lieu ou en dessous', ...PLACE_CODE_DOC })
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

export class CofoDto {
  @ApiProperty({
    description: 'Code stable, le `cofo_id` de sa secrétaire',
    example: 'SEG01',
    ...REGISTRY_CODE_DOC,
  })
  code!: string;
  @ApiProperty({ example: 'COFOCOM de Ségou' }) name!: string;
  @ApiProperty({ enum: COFO_LEVELS, example: 'commune' }) level!: CofoLevel;
  @ApiProperty({ description: 'Lieu couvert (village, commune ou cercle)', example: 'ML-SEG-SEG' })
  placeCode!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Tribunal qui homologue ses PV',
    example: 'TI-SEGOU',
  })
  tribunalCode!: string | null;
  @ApiProperty({ type: [CofoMemberDto] }) members!: CofoMemberDto[];
  @ApiProperty({ description: 'Verrou optimiste : à renvoyer avec la modification', example: 1 })
  version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CofoPageDto {
  @ApiProperty({ type: [CofoDto] }) items!: CofoDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'À passer en `cursor` pour la page suivante ; null à la dernière',
  })
  nextCursor!: string | null;
}

export class CreateTribunalDto {
  @ApiProperty({ example: 'TI-SEGOU', ...REGISTRY_CODE_DOC })
  @IsRegistryCode()
  code!: string;

  @ApiProperty({ example: "Tribunal d'instance de Ségou", minLength: 1, maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({
    enum: TRIBUNAL_KINDS,
    description: "tribunal d'instance ou juge de paix à compétence étendue",
  })
  @IsIn(TRIBUNAL_KINDS)
  kind!: TribunalKind;

  @ApiProperty({ description: 'Lieu du siège', ...PLACE_CODE_DOC })
  @IsPlaceCode()
  placeCode!: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_TRIBUNAL_CERCLES,
    description: 'Cercles servis',
    example: ['ML-SEG-SEG'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRIBUNAL_CERCLES)
  @ArrayUnique()
  @IsPlaceCode(true)
  cercleCodes!: string[];
}

export class UpdateTribunalDto {
  @ApiProperty({ example: 'TI-SEGOU', ...REGISTRY_CODE_DOC })
  @IsRegistryCode()
  code!: string;

  @ApiProperty(VERSION_DOC)
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: "Tribunal d'instance de Ségou" })
  @IfPresent()
  @Text(200)
  name?: string;

  @ApiPropertyOptional({ enum: TRIBUNAL_KINDS })
  @IfPresent()
  @IsIn(TRIBUNAL_KINDS)
  kind?: TribunalKind;

  @ApiPropertyOptional(PLACE_CODE_DOC)
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    maxItems: MAX_TRIBUNAL_CERCLES,
    description: 'Remplace toute la liste',
  })
  @IfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRIBUNAL_CERCLES)
  @ArrayUnique()
  @IsPlaceCode(true)
  cercleCodes?: string[];
}

export class TribunalListQueryDto {
  @ApiPropertyOptional({ enum: TRIBUNAL_KINDS })
  @IfPresent()
  @IsIn(TRIBUNAL_KINDS)
  kind?: TribunalKind;

  @ApiPropertyOptional({
    description: 'Tribunaux situés dans ce lieu ou en dessous, ou servant un cercle qui y est ou au-dessus',
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

export class TribunalDto {
  @ApiProperty({
    description: 'Code stable, le `tribunal_id` de ses greffiers',
    example: 'TI-SEGOU',
    ...REGISTRY_CODE_DOC,
  })
  code!: string;
  @ApiProperty({ example: "Tribunal d'instance de Ségou" }) name!: string;
  @ApiProperty({ enum: TRIBUNAL_KINDS }) kind!: TribunalKind;
  @ApiProperty({ description: 'Lieu du siège', example: 'ML-SEG-SEG' }) placeCode!: string;
  @ApiProperty({ type: [String], description: 'Cercles servis', example: ['ML-SEG-SEG'] })
  cercleCodes!: string[];
  @ApiProperty({ description: 'Verrou optimiste : à renvoyer avec la modification', example: 1 })
  version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TribunalPageDto {
  @ApiProperty({ type: [TribunalDto] }) items!: TribunalDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'À passer en `cursor` pour la page suivante ; null à la dernière',
  })
  nextCursor!: string | null;
}

/** The fields of an edit that change something (absent ones stay as they are). */
export function changesOf<T extends { code: string; version: number }>(
  dto: T,
): Partial<Omit<T, 'code' | 'version'>> {
  const { code: _code, version: _version, ...rest } = dto;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<
    Omit<T, 'code' | 'version'>
  >;
}
