import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { type PageV1, TRIBUNAL_KINDS, type TribunalKind, type TribunalV1 } from '@prosmed/contracts';
import { CODE_DOC, PLACE_CODE_PATTERN, PLACE_DOC, REGISTRY_CODE_PATTERN } from '../../common/codes';

export class TribunalDto implements TribunalV1 {
  @ApiProperty({
    description: 'Stable code, the `tribunal_id` of its clerks',
    example: 'TI-SEGOU',
    ...CODE_DOC,
  })
  code: string;

  @ApiProperty({ example: "Tribunal d'instance de Ségou" })
  name: string;

  @ApiProperty({
    enum: TRIBUNAL_KINDS,
    description: "tribunal d'instance or juge de paix à compétence étendue",
  })
  kind: TribunalKind;

  @ApiProperty({ description: 'Place code of its seat', example: 'ML-SEG-SEG' })
  placeCode: string;

  @ApiProperty({
    type: [String],
    description: 'Place codes of the cercles it serves',
    example: ['ML-SEG-SEG'],
  })
  cercleCodes: string[];

  @ApiProperty({ description: 'Optimistic lock: send it back in PATCH', example: 1 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class TribunalPageDto implements PageV1<TribunalV1> {
  @ApiProperty({ type: [TribunalDto] })
  items: TribunalDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor: string | null;
}

export class CreateTribunalDto {
  @ApiProperty({ example: 'TI-SEGOU', ...CODE_DOC })
  @IsString()
  @Matches(REGISTRY_CODE_PATTERN)
  code: string;

  @ApiProperty({ example: "Tribunal d'instance de Ségou", minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: TRIBUNAL_KINDS })
  @IsIn(TRIBUNAL_KINDS)
  kind: TribunalKind;

  @ApiProperty({ description: 'Place code of its seat', ...PLACE_DOC })
  @IsString()
  @Matches(PLACE_CODE_PATTERN)
  placeCode: string;

  @ApiProperty({
    type: [String],
    maxItems: 50,
    description: 'Place codes of the cercles it serves',
    example: ['ML-SEG-SEG'],
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PLACE_CODE_PATTERN, { each: true })
  cercleCodes: string[];
}

/** `version` in the body (not `If-Match`), as for CoFo. */
export class UpdateTribunalDto {
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

  @ApiPropertyOptional({ enum: TRIBUNAL_KINDS })
  @IsOptional()
  @IsIn(TRIBUNAL_KINDS)
  kind?: TribunalKind;

  @ApiPropertyOptional(PLACE_DOC)
  @IsOptional()
  @IsString()
  @Matches(PLACE_CODE_PATTERN)
  placeCode?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, description: 'Replaces the whole list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(PLACE_CODE_PATTERN, { each: true })
  cercleCodes?: string[];
}

export class ListTribunalsQueryDto {
  @ApiPropertyOptional({ enum: TRIBUNAL_KINDS })
  @IsOptional()
  @IsIn(TRIBUNAL_KINDS)
  kind?: TribunalKind;

  @ApiPropertyOptional({
    description: 'Only tribunals located in this place or below it, or serving a cercle in it or above it',
    ...PLACE_DOC,
  })
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
