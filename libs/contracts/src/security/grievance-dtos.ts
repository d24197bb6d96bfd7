/**
 * Requests and replies of community security grievances. The complainant's identity is confidential: it
 * is sent once, with the receipt, and read back only by that CCS's secretary (`grievance.get`); no other
 * reply carries it, not even whether one was recorded.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsUUID, Matches } from 'class-validator';
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
import {
  GRIEVANCE_CATEGORIES,
  GRIEVANCE_CHANNELS,
  GRIEVANCE_OUTCOMES,
  GRIEVANCE_STATES,
  REFERRAL_SERVICES,
  type GrievanceCategory,
  type GrievanceChannel,
  type GrievanceOutcome,
  type GrievanceState,
  type ReferralService,
} from './security';

/** `true` / `false` from a query string (or JSON). */
export const ToBool = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

const GRIEVANCE_ID = '8e4f2a1b-7c3d-4e5f-9a0b-1c2d3e4f5a6b';

/** Who raised it: each part optional, at least one given (checked by the service). Never leaves her CCS. */
export class ComplainantDto {
  @ApiPropertyOptional({ type: String, example: 'Awa Diarra', maxLength: 200, nullable: true })
  @IfNotNull()
  @Text(200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, example: '+223 76 00 00 00', maxLength: 40, nullable: true })
  @IfNotNull()
  @Text(40)
  @Matches(/^[0-9+() .-]+$/)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'Habite près du marché', maxLength: 1000, nullable: true })
  @IfNotNull()
  @Text(1000)
  note?: string | null;
}

export class RecordGrievanceDto {
  @ApiProperty({ example: 'CCS-SEGOU', ...REGISTRY_CODE_DOC })
  @IsRegistryCode()
  ccsCode!: string;

  @ApiProperty({ example: '2026-11-20' })
  @DateOnly()
  receivedOn!: string;

  @ApiProperty({ enum: GRIEVANCE_CHANNELS, example: 'in-person' })
  @IsIn(GRIEVANCE_CHANNELS)
  channel!: GrievanceChannel;

  @ApiProperty({ enum: GRIEVANCE_CATEGORIES, example: 'threat' })
  @IsIn(GRIEVANCE_CATEGORIES)
  category!: GrievanceCategory;

  @ApiProperty({ description: 'Lieu des faits, dans le territoire du CCS', ...PLACE_CODE_DOC })
  @IsPlaceCode()
  placeCode!: string;

  @ApiProperty({ example: 'Menaces répétées contre les commerçants du marché', maxLength: 2000 })
  @Text(2000)
  summary!: string;

  @ApiPropertyOptional({
    type: ComplainantDto,
    nullable: true,
    description: 'Confidentiel : chiffré, lisible par la seule secrétaire du CCS',
  })
  @IfNotNull()
  @NestedObject(() => ComplainantDto)
  complainant?: ComplainantDto | null;
}

export class GrievanceIdDto {
  @ApiProperty({ format: 'uuid', example: GRIEVANCE_ID })
  @IsUUID()
  grievanceId!: string;
}

class GrievanceCommandDto extends GrievanceIdDto {
  @ApiProperty({ example: 1, minimum: 1 })
  @IsVersion()
  version!: number;
}

export class ReferGrievanceDto extends GrievanceCommandDto {
  @ApiProperty({ enum: REFERRAL_SERVICES, example: 'police' })
  @IsIn(REFERRAL_SERVICES)
  service!: ReferralService;

  @ApiProperty({ example: '2026-11-21' })
  @DateOnly()
  referredOn!: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IfPresent()
  @Text(2000)
  note?: string;
}

export class GrievanceFollowUpDto extends GrievanceCommandDto {
  @ApiProperty({ example: '2026-11-25' })
  @DateOnly()
  date!: string;

  @ApiProperty({ example: 'Le commissariat a convoqué les auteurs présumés', maxLength: 2000 })
  @Text(2000)
  note!: string;
}

export class CloseGrievanceDto extends GrievanceCommandDto {
  @ApiProperty({ example: '2026-11-28' })
  @DateOnly()
  closedOn!: string;

  @ApiProperty({ enum: GRIEVANCE_OUTCOMES, example: 'resolved' })
  @IsIn(GRIEVANCE_OUTCOMES)
  outcome!: GrievanceOutcome;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IfPresent()
  @Text(2000)
  note?: string;
}

export class GrievanceListQueryDto {
  @ApiPropertyOptional({ example: 'CCS-SEGOU', ...REGISTRY_CODE_DOC })
  @IfPresent()
  @IsRegistryCode()
  ccsCode?: string;

  @ApiPropertyOptional({ enum: GRIEVANCE_CATEGORIES })
  @IfPresent()
  @IsIn(GRIEVANCE_CATEGORIES)
  category?: GrievanceCategory;

  @ApiPropertyOptional({ enum: GRIEVANCE_STATES })
  @IfPresent()
  @IsIn(GRIEVANCE_STATES)
  state?: GrievanceState;

  @ApiPropertyOptional({
    description: 'Ce lieu ou en dessous, sur l’une ou l’autre carte',
    ...PLACE_CODE_DOC,
  })
  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Reçues ce jour ou après' })
  @IfPresent()
  @DateOnly()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Reçues ce jour ou avant' })
  @IfPresent()
  @DateOnly()
  to?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Seulement les plaintes ouvertes depuis plus que le délai configuré (GRIEVANCE_OVERDUE_DAYS)',
  })
  @IfPresent()
  @ToBool()
  @IsBoolean()
  overdue?: boolean;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class GrievanceReferralDto {
  @ApiProperty({ enum: REFERRAL_SERVICES }) service!: ReferralService;
  @ApiProperty({ example: '2026-11-21' }) referredOn!: string;
}

export class GrievanceNoteDto {
  @ApiProperty({ example: '2026-11-25' }) date!: string;
  @ApiProperty({ enum: ['referral', 'follow-up', 'closure'] }) kind!: 'referral' | 'follow-up' | 'closure';
  @ApiProperty() note!: string;
}

export class GrievanceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CCS-SEGOU' }) ccsCode!: string;
  @ApiProperty({ example: '2026-11-20' }) receivedOn!: string;
  @ApiProperty({ enum: GRIEVANCE_CHANNELS }) channel!: GrievanceChannel;
  @ApiProperty({ enum: GRIEVANCE_CATEGORIES }) category!: GrievanceCategory;
  @ApiProperty({ example: 'ML-SEG-SEG-SEG' }) placeCode!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: GRIEVANCE_STATES }) state!: GrievanceState;
  @ApiProperty({ type: GrievanceReferralDto, nullable: true }) referral!: GrievanceReferralDto | null;
  @ApiProperty({ type: [GrievanceNoteDto] }) notes!: GrievanceNoteDto[];
  @ApiProperty({ enum: GRIEVANCE_OUTCOMES, nullable: true }) outcome!: GrievanceOutcome | null;
  @ApiProperty({ type: String, nullable: true }) closedOn!: string | null;
  @ApiProperty({ description: 'Jours depuis la réception (jusqu’à la clôture)', example: 8 })
  daysOpen!: number;
  @ApiProperty({ description: 'Ouverte depuis plus que le délai configuré' }) overdue!: boolean;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class GrievanceDetailDto extends GrievanceDto {
  @ApiProperty({ type: [HistoryEntryDto] }) history!: HistoryEntryDto[];
  @ApiPropertyOptional({
    type: ComplainantDto,
    nullable: true,
    description:
      'Seulement pour la secrétaire du CCS (null : aucune identité) ; absent pour tout autre lecteur',
  })
  complainant?: ComplainantDto | null;
}

export class GrievancePageDto {
  @ApiProperty({ type: [GrievanceDto] }) items!: GrievanceDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export const GRIEVANCE_EXAMPLE_ID = GRIEVANCE_ID;
