import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { FileUploadDto } from '../attachments';
import { Cursor, IsRegistryCode, IsVersion, NestedObject, PageLimit, Text, IsDecimal } from '../dto-helpers';
import {
  ACTION_STATUSES,
  PERIOD_PATTERN,
  PLAN_CODE_PATTERN,
  UPDATE_STATES,
  type ActionStatus,
  type UpdateState,
} from './domain';

/** The largest amount in FCFA the API takes: JavaScript integers are exact up to 2^53. */
export const MAX_FCFA = Number.MAX_SAFE_INTEGER;

const IsPeriod = (): PropertyDecorator =>
  Matches(PERIOD_PATTERN, { message: '$property must be a quarter like 2024-Q1' });

export class IndicatorValueDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  indicatorId!: string;

  @ApiProperty({ example: 12, description: "Valeur de l'indicateur pour la période" })
  @IsDecimal(4)
  @Min(0)
  @Max(1e12)
  value!: number;
}

/** What a focal point reports for one action and one period (also sent again when she resubmits). */
export class UpdateValuesDto {
  @ApiProperty({ enum: ACTION_STATUSES, example: 'en cours' })
  @IsIn(ACTION_STATUSES)
  status!: ActionStatus;

  @ApiProperty({ minimum: 0, maximum: 100, example: 40, description: 'Avancement en %, entier' })
  @IsInt()
  @Min(0)
  @Max(100)
  progress!: number;

  @ApiProperty({ example: 15000000, description: 'Budget dépensé à ce jour, en FCFA (entier)' })
  @IsInt()
  @Min(0)
  @Max(MAX_FCFA)
  budgetSpent!: number;

  @ApiPropertyOptional({ type: [IndicatorValueDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObject(() => IndicatorValueDto, { each: true })
  indicatorValues?: IndicatorValueDto[];

  @ApiProperty({ example: 'Atelier de validation tenu ; rapport en cours de rédaction.' })
  @Text(2000)
  comment!: string;
}

export class ProposeUpdateDto extends UpdateValuesDto {
  @ApiProperty({ example: 'ACT-2.1.1.01' })
  @IsString()
  @Matches(PLAN_CODE_PATTERN)
  code!: string;

  @ApiProperty({ example: '2024-Q1', description: 'Le trimestre rapporté' })
  @IsString()
  @IsPeriod()
  period!: string;
}

export class UpdateTargetDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  updateId!: string;

  @ApiProperty({ description: 'La `version` lue (verrou optimiste)' })
  @IsVersion()
  version!: number;
}

export class ConsolidateUpdateDto extends UpdateTargetDto {
  @ApiPropertyOptional({ example: 'Vérifié avec les pièces transmises.' })
  @IsOptional()
  @Text(2000)
  comment?: string;
}

export class ValidateUpdateDto extends UpdateTargetDto {}

export class ReturnUpdateDto extends UpdateTargetDto {
  @ApiProperty({ example: "Le taux d'avancement ne correspond pas aux pièces : précisez." })
  @Text(2000)
  comment!: string;
}

export class ResubmitUpdateDto extends UpdateValuesDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  updateId!: string;

  @ApiProperty({ description: 'La `version` lue (verrou optimiste)' })
  @IsVersion()
  version!: number;
}

export class UpdateListQueryDto {
  @ApiPropertyOptional({ enum: UPDATE_STATES })
  @IsOptional()
  @IsIn(UPDATE_STATES)
  state?: UpdateState;

  @ApiPropertyOptional({ example: '2024-Q1' })
  @IsOptional()
  @IsString()
  @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ example: 'OCLEI' })
  @IsOptional()
  @IsRegistryCode()
  structure?: string;

  @Cursor()
  cursor?: string;

  @PageLimit(200)
  limit?: number;
}

export class UpdateIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  updateId!: string;
}

/** A piece of evidence of an update (a report, minutes, a photo), sent as the raw HTTP body. */
export class EvidenceUploadDto extends FileUploadDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  updateId!: string;
}

export class EvidenceFileDto extends UpdateIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  attachmentId!: string;
}

export { IsPeriod };
