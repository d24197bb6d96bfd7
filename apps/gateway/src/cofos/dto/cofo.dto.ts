import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  COFO_LEVELS,
  type CofoLevel,
  type CofoMember,
  type CofoV1,
  type PageV1,
  SEXES,
  type Sex,
} from '@prosmed/contracts';
import { CODE_DOC, PLACE_CODE_PATTERN, PLACE_DOC, REGISTRY_CODE_PATTERN } from '../../common/codes';

export class CofoMemberDto implements CofoMember {
  @ApiProperty({ example: 'Aminata Traoré', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: SEXES, example: 'F' })
  @IsIn(SEXES)
  sex: Sex;

  @ApiProperty({
    description: 'président, secrétaire, membre, représentant des femmes, des jeunes, des éleveurs...',
    example: 'secrétaire',
    minLength: 1,
    maxLength: 100,
  })
  @IsString()
  @Length(1, 100)
  role: string;
}

export class CofoDto implements CofoV1 {
  @ApiProperty({ description: 'Stable code, the `cofo_id` of its secretary', example: 'SEG01', ...CODE_DOC })
  code: string;

  @ApiProperty({ example: 'COFOCOM de Ségou' })
  name: string;

  @ApiProperty({ enum: COFO_LEVELS, example: 'commune' })
  level: CofoLevel;

  @ApiProperty({
    description: 'Place code of the village, commune or cercle it covers',
    example: 'ML-SEG-SEG',
  })
  placeCode: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Tribunal that homologates its PVs',
    example: 'TI-SEGOU',
  })
  tribunalCode: string | null;

  @ApiProperty({ type: [CofoMemberDto] })
  members: CofoMemberDto[];

  @ApiProperty({ description: 'Optimistic lock: send it back in PATCH', example: 1 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class CofoPageDto implements PageV1<CofoV1> {
  @ApiProperty({ type: [CofoDto] })
  items: CofoDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor: string | null;
}

export class CreateCofoDto {
  @ApiProperty({ description: 'Stable code chosen by the admin', example: 'SEG01', ...CODE_DOC })
  @IsString()
  @Matches(REGISTRY_CODE_PATTERN)
  code: string;

  @ApiProperty({ example: 'COFOCOM de Ségou', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: COFO_LEVELS })
  @IsIn(COFO_LEVELS)
  level: CofoLevel;

  @ApiProperty({ description: 'Place code (village, commune or cercle)', ...PLACE_DOC })
  @IsString()
  @Matches(PLACE_CODE_PATTERN)
  placeCode: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'TI-SEGOU', ...CODE_DOC })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(REGISTRY_CODE_PATTERN)
  tribunalCode?: string | null;

  @ApiProperty({ type: [CofoMemberDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CofoMemberDto)
  members: CofoMemberDto[];
}

/**
 * The optimistic lock travels in the body (`version`), not in `If-Match`: Swagger UI users see and send
 * it like any field, and the land service gets it inside the command it checks.
 */
export class UpdateCofoDto {
  @ApiProperty({
    description: 'The `version` you read; a stale one is 409 VERSION_CONFLICT',
    example: 1,
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: COFO_LEVELS })
  @IsOptional()
  @IsIn(COFO_LEVELS)
  level?: CofoLevel;

  @ApiPropertyOptional(PLACE_DOC)
  @IsOptional()
  @IsString()
  @Matches(PLACE_CODE_PATTERN)
  placeCode?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'null unlinks the tribunal',
    ...CODE_DOC,
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(REGISTRY_CODE_PATTERN)
  tribunalCode?: string | null;

  @ApiPropertyOptional({ type: [CofoMemberDto], maxItems: 50, description: 'Replaces the whole list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CofoMemberDto)
  members?: CofoMemberDto[];
}

export class ListCofosQueryDto {
  @ApiPropertyOptional({ enum: COFO_LEVELS })
  @IsOptional()
  @IsIn(COFO_LEVELS)
  level?: CofoLevel;

  @ApiPropertyOptional({ description: 'Only CoFo of this place or below it', ...PLACE_DOC })
  @IsOptional()
  @IsString()
  @Matches(PLACE_CODE_PATTERN)
  placeCode?: string;

  @ApiPropertyOptional({ description: 'Accent-insensitive search in the name', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
