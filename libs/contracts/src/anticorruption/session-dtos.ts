import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
import { DateOnly, IsVersion, NestedObject, Text, ToInt, TrimEach, IsDecimal } from '../dto-helpers';
import { PLAN_CODE_PATTERN, SESSION_STATES, type SessionState } from './domain';
import { IsPeriod } from './update-dtos';

/** Requests of committee sessions, annual work plans, reminders and execution reports. */

export class OpenSessionDto {
  @ApiProperty({ example: 'Session ordinaire du comité de pilotage, 1er trimestre 2024' })
  @Text(200)
  title!: string;

  @ApiProperty({ example: '2024-04-15', description: 'Date de la réunion' })
  @DateOnly()
  heldOn!: string;

  @ApiProperty({ example: '2024-Q1', description: 'Premier trimestre couvert' })
  @IsString()
  @IsPeriod()
  periodFrom!: string;

  @ApiProperty({ example: '2024-Q1', description: 'Dernier trimestre couvert' })
  @IsString()
  @IsPeriod()
  periodTo!: string;
}

export class SessionIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  sessionId!: string;
}

export class SessionTargetDto extends SessionIdDto {
  @ApiProperty({ description: 'La `version` lue (verrou optimiste)' })
  @IsVersion()
  version!: number;
}

export class RecordMinutesDto extends SessionTargetDto {
  @ApiProperty({ example: 'Le comité a examiné les mises à jour consolidées du trimestre.' })
  @Text(20_000)
  minutes!: string;

  @ApiProperty({ example: ['Adopter le plan de travail annuel 2024'], type: [String] })
  @IsArray()
  @ArrayMaxSize(100)
  @TrimEach()
  @IsString({ each: true })
  decisions!: string[];
}

export class CloseSessionDto extends SessionTargetDto {}

export class IndicatorTargetDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  indicatorId!: string;

  @ApiProperty({ example: 20 })
  @IsDecimal(4)
  @Min(0)
  @Max(1e12)
  target!: number;
}

export class WorkPlanItemDto {
  @ApiProperty({ example: 'ACT-2.1.1.01' })
  @IsString()
  @Matches(PLAN_CODE_PATTERN)
  code!: string;

  @ApiPropertyOptional({
    type: [IndicatorTargetDto],
    description: "Cibles de l'année (sinon celles du plan)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObject(() => IndicatorTargetDto, { each: true })
  targets?: IndicatorTargetDto[];
}

export class CreateWorkPlanDto {
  @ApiProperty({ example: 2024 })
  @IsInt()
  @Min(2023)
  @Max(2027)
  year!: number;

  @ApiProperty({ type: [WorkPlanItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ArrayUnique((i: WorkPlanItemDto) => (i && typeof i === 'object' ? i.code : i))
  @NestedObject(() => WorkPlanItemDto, { each: true })
  items!: WorkPlanItemDto[];
}

export class WorkPlanYearDto {
  @ApiProperty({ example: 2024 })
  @ToInt()
  @IsInt()
  @Min(2023)
  @Max(2027)
  year!: number;
}

export class AdoptWorkPlanDto extends WorkPlanYearDto {
  @ApiProperty({ description: 'La `version` lue (verrou optimiste)' })
  @IsVersion()
  version!: number;

  @ApiProperty({ format: 'uuid', description: "La session du comité de pilotage qui l'adopte" })
  @IsUUID()
  sessionId!: string;
}

export class PeriodDto {
  @ApiProperty({ example: '2024-Q1' })
  @IsString()
  @IsPeriod()
  period!: string;
}

export class ExecutionReportQueryDto {
  @ApiPropertyOptional({ example: '2024-Q4', description: 'Jusqu’à ce trimestre inclus (sinon : tout)' })
  @IsOptional()
  @IsString()
  @IsPeriod()
  period?: string;
}

export class SessionReportQueryDto extends SessionIdDto {}

export class SessionListQueryDto {
  @ApiPropertyOptional({ enum: SESSION_STATES })
  @IsOptional()
  @IsIn(SESSION_STATES)
  state?: SessionState;
}
