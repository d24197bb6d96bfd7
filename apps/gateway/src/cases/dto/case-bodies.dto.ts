import { ApiProperty } from '@nestjs/swagger';
import { OmitType } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import {
  CloseCaseDto,
  DecideHomologationDto,
  InstructionStepDto,
  RecordPvDto,
  ReferCaseDto,
  RequestHomologationDto,
} from '@prosmed/contracts';

/**
 * HTTP bodies of the commands on a case: the shared DTOs of @prosmed/contracts without `caseId`, which
 * comes from the path. Same validation at the gateway and in the land service.
 */
export class StepBodyDto extends OmitType(InstructionStepDto, ['caseId'] as const) {}
export class PvBodyDto extends OmitType(RecordPvDto, ['caseId'] as const) {}
export class HomologationRequestBodyDto extends OmitType(RequestHomologationDto, ['caseId'] as const) {}
export class HomologationDecisionBodyDto extends OmitType(DecideHomologationDto, ['caseId'] as const) {}
export class ReferralBodyDto extends OmitType(ReferCaseDto, ['caseId'] as const) {}
export class ClosureBodyDto extends OmitType(CloseCaseDto, ['caseId'] as const) {}

export class CaseIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId: string;
}

export class PvIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  pvId: string;
}
