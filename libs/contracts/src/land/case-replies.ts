import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLACE_LEVELS_V1, PLACE_MAPS_V1 } from '../places/places';
import { GpsPointDto, MemberMarkDto, PartyMarkDto, PvMemberDto } from './case-dtos';
import {
  AGE_GROUPS,
  CASE_STATES,
  CLOSE_REASONS,
  DISPUTE_TYPES,
  HOMOLOGATION_DECISIONS,
  INSTRUCTION_STEP_KINDS,
  PARTY_KINDS,
  PARTY_ROLES,
  PV_KINDS,
  PV_STATUSES,
  type AgeGroup,
  type CaseState,
  type CloseReason,
  type DisputeType,
  type HomologationDecision,
  type InstructionStepKind,
  type PartyKind,
  type PartyRole,
  type PvKind,
  type PvStatus,
} from './cases';
import { SEXES, type Sex } from './registry';

/**
 * Replies of the land messages: the service builds them, the gateway documents them. The class is the
 * type (`CaseV1` and the other `...V1` names are aliases of these classes, kept for the wire's version).
 */
export class PartyCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty({
    type: 'object',
    properties: { F: { type: 'number' }, M: { type: 'number' }, group: { type: 'number' } },
    example: { F: 1, M: 1, group: 1 },
  })
  bySex!: Record<Sex | 'group', number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { 'youth-15-35': 1, 'adult-36-59': 1, unknown: 1 },
  })
  byAgeGroup!: Record<AgeGroup, number>;
}

export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'COFO-SEG01-2026-0007' }) number!: string;
  @ApiProperty({ example: 'SEG01' }) cofoCode!: string;
  @ApiProperty({ enum: CASE_STATES }) state!: CaseState;
  @ApiProperty({ enum: DISPUTE_TYPES }) disputeType!: DisputeType;
  @ApiProperty({ example: '2026-11-20' }) filedOn!: string;
  @ApiProperty({ example: 'ML-SEG-SEG-SEG' }) villageCode!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: PartyCountsDto }) parties!: PartyCountsDto;
  @ApiProperty({ description: 'À renvoyer avec la commande suivante (verrou optimiste)' }) version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CaseSummaryPageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items!: CaseSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class PartyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind!: PartyKind;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ enum: SEXES, nullable: true }) sex?: Sex | null;
  @ApiPropertyOptional({ enum: AGE_GROUPS }) ageGroup?: AgeGroup;
  @ApiProperty({ enum: PARTY_ROLES }) role!: PartyRole;
  @ApiPropertyOptional({ nullable: true, type: String }) villageCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) memberCount?: number | null;
}

export class LandDto {
  @ApiProperty() villageCode!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) surfaceHa?: number | null;
  @ApiPropertyOptional({ type: GpsPointDto, nullable: true }) gps?: GpsPointDto | null;
}

export class StepDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INSTRUCTION_STEP_KINDS }) kind!: InstructionStepKind;
  @ApiProperty() date!: string;
  @ApiProperty({ type: [String] }) membersPresent!: string[];
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) partyId?: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

export class HomologationDto {
  @ApiProperty() tribunalCode!: string;
  @ApiProperty() requestedOn!: string;
  @ApiProperty({ enum: HOMOLOGATION_DECISIONS, nullable: true }) decision!: HomologationDecision | null;
  @ApiProperty({ nullable: true, type: String }) decisionNumber!: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ description: 'Jours de la demande à la décision, ou à aujourd’hui en attendant' })
  waitingDays!: number;
  @ApiProperty({ description: 'En attente depuis plus que le nombre de jours configuré' }) overdue!: boolean;
}

export class PvDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: PV_KINDS }) kind!: PvKind;
  @ApiProperty() pvVersion!: number;
  @ApiProperty({ enum: PV_STATUSES }) status!: PvStatus;
  @ApiProperty() drawnUpOn!: string;
  @ApiProperty({ type: [PvMemberDto] }) membersPresent!: PvMemberDto[];
  @ApiProperty({ type: [String] }) agreedPoints!: string[];
  @ApiProperty({ type: [String] }) openPoints!: string[];
  @ApiProperty({ type: [PartyMarkDto] }) marks!: PartyMarkDto[];
  @ApiProperty({
    type: [MemberMarkDto],
    description: 'La marque de chaque membre présent (signature ou empreinte)',
  })
  memberMarks!: MemberMarkDto[];
  @ApiProperty({ type: [String] }) stepsTried!: string[];
  @ApiProperty({ nullable: true, type: String }) failureReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) correctionReason!: string | null;
  @ApiProperty({ description: 'SHA-256 du contenu du PV, imprimé sur le papier' }) contentHash!: string;
  @ApiProperty({ example: 'K7Q2-9XHD-PM4A' }) verificationCode!: string;
  @ApiProperty({ type: HomologationDto, nullable: true }) homologation!: HomologationDto | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty() recordedBy!: string;
}

export class ReferralDto {
  @ApiProperty({ nullable: true, type: String }) court!: string | null;
  @ApiProperty({ nullable: true, type: String }) referredOn!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() actor!: string;
  @ApiProperty({ example: 'case.homologation.requested' }) action!: string;
  @ApiProperty({ nullable: true, type: String }) fromState!: string | null;
  @ApiProperty({ nullable: true, type: String }) toState!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class CaseDto extends CaseSummaryDto {
  @ApiProperty({ type: [PartyDto] }) partiesList!: PartyDto[];
  @ApiProperty({ type: LandDto }) land!: LandDto;
  @ApiProperty({ type: [StepDto] }) steps!: StepDto[];
  @ApiProperty({
    type: [PvDto],
    description: 'Toutes les versions, de la plus ancienne à la plus récente ; une seule en vigueur au plus',
  })
  pvs!: PvDto[];
  @ApiProperty({ type: ReferralDto, nullable: true }) referral!: ReferralDto | null;
  @ApiProperty({ enum: CLOSE_REASONS, nullable: true }) closedReason!: CloseReason | null;
  @ApiProperty({
    type: [HistoryEntryDto],
    description: 'Chaque changement d’état : qui, quand, de, vers, pourquoi',
  })
  history!: HistoryEntryDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class HomologationQueueItemDto {
  @ApiProperty({ format: 'uuid' }) pvId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty() cofoCode!: string;
  @ApiProperty() tribunalCode!: string;
  @ApiProperty() pvVersion!: number;
  @ApiProperty() requestedOn!: string;
  @ApiProperty({ enum: HOMOLOGATION_DECISIONS, nullable: true }) decision!: HomologationDecision | null;
  @ApiProperty({ nullable: true, type: String }) decisionDate!: string | null;
  @ApiProperty() waitingDays!: number;
  @ApiProperty() overdue!: boolean;
}

export class HomologationQueuePageDto {
  @ApiProperty({ type: [HomologationQueueItemDto] }) items!: HomologationQueueItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class PvCheckResultDto {
  @ApiProperty() exists!: boolean;
  @ApiPropertyOptional() caseNumber?: string;
  @ApiPropertyOptional({ enum: PV_KINDS }) kind?: PvKind;
  @ApiPropertyOptional() pvVersion?: number;
  @ApiPropertyOptional({ enum: PV_STATUSES }) status?: PvStatus;
  @ApiPropertyOptional({ enum: CASE_STATES }) caseState?: CaseState;
  @ApiPropertyOptional({ description: 'À comparer à l’empreinte imprimée sur le papier' })
  contentHash?: string;
  @ApiPropertyOptional({ example: 'SEG01', description: 'La CoFo qui a dressé le PV' }) cofoCode?: string;
  @ApiPropertyOptional({ example: 'Commission foncière de Ségou' }) cofoName?: string;
  @ApiPropertyOptional({ example: '2026-10-15', description: 'Date du PV, telle qu’imprimée' })
  drawnUpOn?: string;
}

export class PlaceDto {
  @ApiProperty({ example: 'ML-SEG-SAN' }) code!: string;
  @ApiProperty({ example: 'San' }) name!: string;
  @ApiProperty({ enum: PLACE_LEVELS_V1 }) level!: (typeof PLACE_LEVELS_V1)[number];
  @ApiProperty({ nullable: true, type: String }) parentCode!: string | null;
  @ApiProperty({ enum: PLACE_MAPS_V1 }) map!: (typeof PLACE_MAPS_V1)[number];
  @ApiProperty() validFrom!: string;
  @ApiProperty({ nullable: true, type: String }) validTo!: string | null;
}

export class PlaceOnOtherMapDto {
  @ApiProperty({ type: PlaceDto, nullable: true }) region!: PlaceDto | null;
  @ApiProperty({ type: PlaceDto, nullable: true }) cercle!: PlaceDto | null;
}

export class PlaceDetailDto extends PlaceDto {
  @ApiProperty({ type: [PlaceDto], description: 'Du plus proche au plus lointain' }) ancestors!: PlaceDto[];
  @ApiProperty({ type: [PlaceDto] }) children!: PlaceDto[];
  @ApiProperty({ type: PlaceOnOtherMapDto }) onOtherMap!: PlaceOnOtherMapDto;
}

export class PlaceImportResultDto {
  @ApiProperty() imported!: number;
  @ApiProperty({ description: 'Lignes identiques à des lieux déjà connus' }) skipped!: number;
}
