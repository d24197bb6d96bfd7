/** Requests and replies of CCS activities (DOMAIN.md section 2). */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import {
  Cursor,
  DateOnly,
  IfNotNull,
  IfPresent,
  IsPlaceCode,
  IsRegistryCode,
  IsVersion,
  NestedObject,
  PageLimit,
  PLACE_CODE_DOC,
  REGISTRY_CODE_DOC,
  Text,
  TrimEach,
} from '../dto-helpers';
import { FileUploadDto } from '../attachments';
import { HistoryEntryDto } from '../land/case-replies';
import {
  ACTIVITY_TYPES,
  FORCES,
  RECOMMENDATION_STATES,
  type ActivityType,
  type Force,
  type RecommendationState,
} from './security';

export const MAX_COUNT = 1_000_000;
export const MAX_RECOMMENDATIONS = 30;

const Count = (): PropertyDecorator => applyDecorators(IsInt(), Min(0), Max(MAX_COUNT));

/** Overlapping sub-counts: each one at most the total (checked by the service, which names the field). */
export class ParticipantsDto {
  @ApiProperty({ example: 120, minimum: 0, maximum: MAX_COUNT }) @Count() total!: number;
  @ApiProperty({ example: 45, minimum: 0, maximum: MAX_COUNT }) @Count() women!: number;
  @ApiProperty({ example: 70, minimum: 0, maximum: MAX_COUNT, description: 'Jeunes (15-35 ans)' })
  @Count()
  youth!: number;
  @ApiProperty({ example: 30, minimum: 0, maximum: MAX_COUNT, description: 'Membres des FDS' })
  @Count()
  fds!: number;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: MAX_COUNT, example: null })
  @IfNotNull()
  @Count()
  children?: number | null;
}

export class RecordActivityDto {
  @ApiProperty({ example: 'CCS-SEGOU', ...REGISTRY_CODE_DOC, description: 'Le CCS de la secrétaire' })
  @IsRegistryCode()
  ccsCode!: string;

  @ApiProperty({ enum: ACTIVITY_TYPES, example: 'sports-event' })
  @IsIn(ACTIVITY_TYPES)
  type!: ActivityType;

  @ApiPropertyOptional({ description: 'Obligatoire pour le type « other » (autre)', maxLength: 120 })
  @ValidateIf((o: RecordActivityDto) => o.type === 'other' || o.typeLabel !== undefined)
  @Text(120)
  typeLabel?: string;

  @ApiProperty({ example: '2026-11-21' })
  @DateOnly()
  startOn!: string;

  @ApiPropertyOptional({
    example: '2026-11-21',
    description: 'Dernier jour, pour une activité de plusieurs jours',
  })
  @IfPresent()
  @DateOnly()
  endOn?: string;

  @ApiProperty({ description: 'Lieu (jusqu’au village) dans le territoire du CCS', ...PLACE_CODE_DOC })
  @IsPlaceCode()
  placeCode!: string;

  @ApiProperty({ example: 'Police de proximité', maxLength: 500 })
  @Text(500)
  theme!: string;

  @ApiProperty({ enum: FORCES, isArray: true, example: ['police', 'gendarmerie'] })
  @IsArray()
  @ArrayMaxSize(FORCES.length)
  @ArrayUnique()
  @IsIn(FORCES, { each: true })
  forces!: Force[];

  @ApiProperty({ type: ParticipantsDto })
  @NestedObject(() => ParticipantsDto)
  participants!: ParticipantsDto;

  @ApiPropertyOptional({ maxLength: 4000, example: 'Match joué dans un bon esprit' })
  @IfPresent()
  @Text(4000)
  outcomes?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_RECOMMENDATIONS })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_RECOMMENDATIONS)
  @TrimEach()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  recommendations?: string[];
}

export class ActivityIdDto {
  @ApiProperty({ format: 'uuid', example: '5c1d7a3e-2b4f-4c6d-8e9f-0a1b2c3d4e5f' })
  @IsUUID()
  activityId!: string;
}

export class UpdateActivityDto extends ActivityIdDto {
  @ApiProperty({ example: 1, minimum: 1 })
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IfPresent()
  @IsIn(ACTIVITY_TYPES)
  type?: ActivityType;

  @ApiPropertyOptional({ maxLength: 120 })
  @IfPresent()
  @Text(120)
  typeLabel?: string;

  @ApiPropertyOptional({ example: '2026-11-21' })
  @IfPresent()
  @DateOnly()
  startOn?: string;

  @ApiPropertyOptional({ example: '2026-11-22' })
  @IfPresent()
  @DateOnly()
  endOn?: string;

  @ApiPropertyOptional(PLACE_CODE_DOC)
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IfPresent()
  @Text(500)
  theme?: string;

  @ApiPropertyOptional({ enum: FORCES, isArray: true })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(FORCES.length)
  @ArrayUnique()
  @IsIn(FORCES, { each: true })
  forces?: Force[];

  @ApiPropertyOptional({ type: ParticipantsDto, description: 'Remplace tous les comptes' })
  @IfPresent()
  @NestedObject(() => ParticipantsDto)
  participants?: ParticipantsDto;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IfPresent()
  @Text(4000)
  outcomes?: string;
}

export class UpdateRecommendationDto extends ActivityIdDto {
  @ApiProperty({ format: 'uuid', example: '6d2e8b4f-3c5a-4d7e-9f0a-1b2c3d4e5f60' })
  @IsUUID()
  recommendationId!: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @IsVersion()
  version!: number;

  @ApiProperty({ enum: RECOMMENDATION_STATES, example: 'in-progress' })
  @IsIn(RECOMMENDATION_STATES)
  state!: RecommendationState;

  @ApiPropertyOptional({ maxLength: 1000, example: 'La mairie a prévu un éclairage public' })
  @IfPresent()
  @Text(1000)
  note?: string;
}

export class ActivityListQueryDto {
  @ApiPropertyOptional({ example: 'CCS-SEGOU', ...REGISTRY_CODE_DOC })
  @IfPresent()
  @IsRegistryCode()
  ccsCode?: string;

  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IfPresent()
  @IsIn(ACTIVITY_TYPES)
  type?: ActivityType;

  @ApiPropertyOptional({
    description: 'Ce lieu ou en dessous, sur l’une ou l’autre carte',
    ...PLACE_CODE_DOC,
  })
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Activités finissant ce jour ou après' })
  @IfPresent()
  @DateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Activités commençant ce jour ou avant' })
  @IfPresent()
  @DateOnly()
  to?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class RecommendationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: RECOMMENDATION_STATES }) state!: RecommendationState;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CCS-SEGOU' }) ccsCode!: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type!: ActivityType;
  @ApiProperty({ type: String, nullable: true }) typeLabel!: string | null;
  @ApiProperty({ example: '2026-11-21' }) startOn!: string;
  @ApiProperty({ example: '2026-11-21' }) endOn!: string;
  @ApiProperty({ example: 'ML-SEG-SEG-SEG' }) placeCode!: string;
  @ApiProperty() theme!: string;
  @ApiProperty({ enum: FORCES, isArray: true }) forces!: Force[];
  @ApiProperty({ type: ParticipantsDto }) participants!: ParticipantsDto;
  @ApiProperty({ type: String, nullable: true }) outcomes!: string | null;
  @ApiProperty({ type: [RecommendationDto] }) recommendations!: RecommendationDto[];
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ActivityDetailDto extends ActivityDto {
  @ApiProperty({ type: [HistoryEntryDto], description: 'Qui a fait quoi et quand (journal d’audit)' })
  history!: HistoryEntryDto[];
}

export class ActivityPageDto {
  @ApiProperty({ type: [ActivityDto] }) items!: ActivityDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** A photo or an attendance sheet of an activity: the raw file over HTTP, checked by its content. */
export class ActivityAttachmentUploadDto extends FileUploadDto {
  @ApiProperty({ format: 'uuid', example: '5c1d7a3e-2b4f-4c6d-8e9f-0a1b2c3d4e5f' })
  @IsUUID()
  activityId!: string;
}

export class ActivityAttachmentIdDto extends ActivityIdDto {
  @ApiProperty({ format: 'uuid', example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  @IsUUID()
  attachmentId!: string;
}
