/** Requests and replies of security infrastructures handed over and FDS trainings, owned by a CCS. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsUUID,
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
} from '../dto-helpers';
import { HistoryEntryDto } from '../land/case-replies';
import { MAX_COUNT } from './activity-dtos';
import { ToBool } from './grievance-dtos';
import {
  INFRASTRUCTURE_TYPES,
  INFRASTRUCTURE_WORKS,
  TRAINEE_BODIES,
  TRAINING_TOPICS,
  type InfrastructureType,
  type InfrastructureWorks,
  type TraineeBody,
  type TrainingTopic,
} from './security';

const Count = (): PropertyDecorator => applyDecorators(IsInt(), Min(0), Max(MAX_COUNT));
const CCS_CODE = { example: 'CCS-SEGOU', ...REGISTRY_CODE_DOC };

export class RecordInfrastructureDto {
  @ApiProperty(CCS_CODE)
  @IsRegistryCode()
  ccsCode!: string;

  @ApiProperty({ example: 'Commissariat de police de Yorosso', maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: INFRASTRUCTURE_TYPES, example: 'police-station' })
  @IsIn(INFRASTRUCTURE_TYPES)
  type!: InfrastructureType;

  @ApiProperty({ enum: INFRASTRUCTURE_WORKS, example: 'built' })
  @IsIn(INFRASTRUCTURE_WORKS)
  works!: InfrastructureWorks;

  @ApiProperty({ description: 'Lieu, dans le territoire du CCS', ...PLACE_CODE_DOC })
  @IsPlaceCode()
  placeCode!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2023-12-14', description: 'Date de remise' })
  @IfNotNull()
  @DateOnly()
  handedOverOn?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Ministère de la sécurité et de la protection civile',
    maxLength: 200,
  })
  @IfNotNull()
  @Text(200)
  receivingMinistry?: string | null;
}

export class InfrastructureIdDto {
  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  @IsUUID()
  infrastructureId!: string;
}

/** A change, typically the handover: the date and the receiving ministry. */
export class UpdateInfrastructureDto extends InfrastructureIdDto {
  @ApiProperty({ example: 1, minimum: 1 })
  @IsVersion()
  version!: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent()
  @Text(200)
  name?: string;

  @ApiPropertyOptional({ enum: INFRASTRUCTURE_WORKS })
  @IfPresent()
  @IsIn(INFRASTRUCTURE_WORKS)
  works?: InfrastructureWorks;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2023-12-14' })
  @IfNotNull()
  @DateOnly()
  handedOverOn?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IfNotNull()
  @Text(200)
  receivingMinistry?: string | null;
}

export class InfrastructureListQueryDto {
  @ApiPropertyOptional(CCS_CODE)
  @IfPresent()
  @IsRegistryCode()
  ccsCode?: string;

  @ApiPropertyOptional({ enum: INFRASTRUCTURE_TYPES })
  @IfPresent()
  @IsIn(INFRASTRUCTURE_TYPES)
  type?: InfrastructureType;

  @ApiPropertyOptional({
    description: 'Ce lieu ou en dessous, sur l’une ou l’autre carte',
    ...PLACE_CODE_DOC,
  })
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Remises (true) ou pas encore (false)' })
  @IfPresent()
  @ToBool()
  @IsBoolean()
  handedOver?: boolean;

  @ApiPropertyOptional({ example: '2023-10-01', description: 'Remises ce jour ou après' })
  @IfPresent()
  @DateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2023-12-31', description: 'Remises ce jour ou avant' })
  @IfPresent()
  @DateOnly()
  to?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class InfrastructureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CCS-SEGOU' }) ccsCode!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: INFRASTRUCTURE_TYPES }) type!: InfrastructureType;
  @ApiProperty({ enum: INFRASTRUCTURE_WORKS }) works!: InfrastructureWorks;
  @ApiProperty() placeCode!: string;
  @ApiProperty({ type: String, nullable: true }) handedOverOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) receivingMinistry!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class InfrastructureDetailDto extends InfrastructureDto {
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
}

export class InfrastructurePageDto {
  @ApiProperty({ type: [InfrastructureDto] }) items!: InfrastructureDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** Trainees of one body, by sex. */
export class TraineesDto {
  @ApiProperty({ enum: TRAINEE_BODIES, example: 'police' })
  @IsIn(TRAINEE_BODIES)
  body!: TraineeBody;

  @ApiProperty({ example: 1, minimum: 0 }) @Count() women!: number;
  @ApiProperty({ example: 14, minimum: 0 }) @Count() men!: number;
}

export class RecordTrainingDto {
  @ApiProperty(CCS_CODE)
  @IsRegistryCode()
  ccsCode!: string;

  @ApiProperty({ enum: TRAINING_TOPICS, example: 'opj' })
  @IsIn(TRAINING_TOPICS)
  topic!: TrainingTopic;

  @ApiPropertyOptional({ maxLength: 120, description: 'Obligatoire pour le thème « other »' })
  @ValidateIf((o: RecordTrainingDto) => o.topic === 'other' || o.topicLabel !== undefined)
  @Text(120)
  topicLabel?: string;

  @ApiProperty({ example: 'Conduite des enquêtes et techniques d’audition', maxLength: 300 })
  @Text(300)
  title!: string;

  @ApiProperty({ example: '2023-11-06' })
  @DateOnly()
  startOn!: string;

  @ApiPropertyOptional({ example: '2023-11-17' })
  @IfPresent()
  @DateOnly()
  endOn?: string;

  @ApiProperty({ description: 'Lieu, dans le territoire du CCS', ...PLACE_CODE_DOC })
  @IsPlaceCode()
  placeCode!: string;

  @ApiProperty({ type: [TraineesDto], description: 'Un compte par corps (chaque corps une fois au plus)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(TRAINEE_BODIES.length)
  @NestedObject(() => TraineesDto, { each: true })
  trainees!: TraineesDto[];
}

export class TrainingIdDto {
  @ApiProperty({ format: 'uuid', example: '3b4c5d6e-7f80-4a9b-8c1d-2e3f4a5b6c7d' })
  @IsUUID()
  trainingId!: string;
}

export class TrainingListQueryDto {
  @ApiPropertyOptional(CCS_CODE)
  @IfPresent()
  @IsRegistryCode()
  ccsCode?: string;

  @ApiPropertyOptional({ enum: TRAINING_TOPICS })
  @IfPresent()
  @IsIn(TRAINING_TOPICS)
  topic?: TrainingTopic;

  @ApiPropertyOptional({
    description: 'Ce lieu ou en dessous, sur l’une ou l’autre carte',
    ...PLACE_CODE_DOC,
  })
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ example: '2023-10-01' })
  @IfPresent()
  @DateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2023-12-31' })
  @IfPresent()
  @DateOnly()
  to?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class TrainingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CCS-SEGOU' }) ccsCode!: string;
  @ApiProperty({ enum: TRAINING_TOPICS }) topic!: TrainingTopic;
  @ApiProperty({ type: String, nullable: true }) topicLabel!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty() startOn!: string;
  @ApiProperty() endOn!: string;
  @ApiProperty() placeCode!: string;
  @ApiProperty({ type: [TraineesDto] }) trainees!: TraineesDto[];
  @ApiProperty({
    type: 'object',
    properties: { women: { type: 'number' }, men: { type: 'number' }, total: { type: 'number' } },
    required: ['women', 'men', 'total'],
    example: { women: 1, men: 24, total: 25 },
  })
  totals!: { women: number; men: number; total: number };
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class TrainingDetailDto extends TrainingDto {
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
}

export class TrainingPageDto {
  @ApiProperty({ type: [TrainingDto] }) items!: TrainingDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
