/**
 * Validated shapes of the case commands and queries, shared by the gateway (HTTP validation, Swagger
 * schemas) and the land service (validation of what arrives over Kafka): one definition, checked twice.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Cursor,
  DateOnly,
  IfNotNull,
  IfPresent,
  IsPlaceCode,
  IsRegistryCode,
  IsSearchText,
  IsVersion,
  NestedObject,
  PageLimit,
  Text,
  TrimEach,
  IsDecimal,
} from '../dto-helpers';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { SEXES, type Sex } from './registry';
import {
  AGE_GROUPS,
  CASE_STATES,
  CLOSE_REASONS,
  DISPUTE_TYPES,
  HOMOLOGATION_DECISIONS,
  INSTRUCTION_STEP_KINDS,
  MARK_KINDS,
  MEMBER_MARK_KINDS,
  PARTY_KINDS,
  PARTY_ROLES,
  PV_KINDS,
  type AgeGroup,
  type CaseState,
  type CloseReason,
  type DisputeType,
  type HomologationDecision,
  type InstructionStepKind,
  type MarkKind,
  type MemberMarkKind,
  type PartyKind,
  type PartyRole,
  type PvKind,
} from './cases';

/** An optional list of written points (agreed, open, steps tried): up to 50, each 1 to 2000 characters. */
const PointList = (): PropertyDecorator => (target, key) => {
  IfPresent()(target, key);
  IsArray()(target, key);
  ArrayMaxSize(50)(target, key);
  TrimEach()(target, key);
  IsString({ each: true })(target, key);
  MinLength(1, { each: true })(target, key);
  MaxLength(2000, { each: true })(target, key);
};

export class GpsPointDto {
  @ApiProperty({ example: 13.4317, description: 'Latitude (WGS 84)' })
  @IsLatitude()
  lat!: number;

  @ApiProperty({ example: -6.2157, description: 'Longitude (WGS 84)' })
  @IsLongitude()
  lon!: number;
}

export class PartyInputDto {
  @ApiProperty({ enum: PARTY_KINDS, description: 'personne, ou groupe (famille, village, association...)' })
  @IsIn(PARTY_KINDS)
  kind!: PartyKind;

  @ApiProperty({ example: 'Aminata Traoré', maxLength: 200 })
  @Text(200)
  name!: string;

  @ApiPropertyOptional({
    enum: SEXES,
    nullable: true,
    description: 'Obligatoire pour une personne ; aucun pour un groupe',
  })
  @ValidateIf((o: PartyInputDto) => o.kind === 'person' || (o.sex !== undefined && o.sex !== null))
  @IsIn(SEXES)
  sex?: Sex | null;

  @ApiPropertyOptional({ enum: AGE_GROUPS, default: 'unknown', description: 'jeune = 15-35 ans' })
  @IsOptional()
  @IsIn(AGE_GROUPS)
  ageGroup?: AgeGroup;

  @ApiProperty({ enum: PARTY_ROLES })
  @IsIn(PARTY_ROLES)
  role!: PartyRole;

  @ApiPropertyOptional({ type: String, example: 'ML-SEG-SEG-SEG', nullable: true })
  @IfNotNull()
  @IsPlaceCode()
  villageCode?: string | null;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: 100000,
    nullable: true,
    description: 'Pour un groupe : nombre de personnes représentées',
  })
  @IfNotNull()
  @IsInt()
  @Min(1)
  @Max(100000)
  memberCount?: number | null;
}

export class LandInputDto {
  @ApiProperty({ example: 'ML-SEG-SEG-SEG', description: 'Code du village où se trouve la terre' })
  @IsPlaceCode()
  villageCode!: string;

  @ApiProperty({ example: 'Champ de mil au nord du village, limite avec le champ de la famille Diarra' })
  @Text(2000)
  description!: string;

  @ApiPropertyOptional({
    type: Number,
    example: 2.5,
    minimum: 0,
    maximum: 100000,
    nullable: true,
    description: 'Hectares',
  })
  @IfNotNull()
  @IsDecimal(4)
  @Min(0)
  @Max(100000)
  surfaceHa?: number | null;

  @ApiPropertyOptional({ type: GpsPointDto, nullable: true })
  @IfNotNull()
  @NestedObject(() => GpsPointDto)
  gps?: GpsPointDto | null;
}

export class FileCaseDto {
  @ApiProperty({
    example: 'SEG01',
    description: 'CoFo saisie ; une secrétaire n’enregistre que dans la sienne',
  })
  @IsRegistryCode()
  cofoCode!: string;

  @ApiProperty({ example: '2026-11-20', description: 'Date de la saisine (AAAA-MM-JJ), pas dans le futur' })
  @DateOnly()
  filedOn!: string;

  @ApiProperty({ enum: DISPUTE_TYPES })
  @IsIn(DISPUTE_TYPES)
  disputeType!: DisputeType;

  @ApiProperty({ example: 'Désaccord sur la limite entre deux champs de mil' })
  @Text(2000)
  summary!: string;

  @ApiProperty({ type: [PartyInputDto], minItems: 2, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @NestedObject(() => PartyInputDto, { each: true })
  parties!: PartyInputDto[];

  @ApiProperty({ type: LandInputDto })
  @NestedObject(() => LandInputDto)
  land!: LandInputDto;
}

/** Every command on an existing case names the version its author read (optimistic locking). */
export class CaseCommandDto {
  @ApiProperty({ format: 'uuid', description: 'Pris dans l’URL par la passerelle' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ minimum: 1, example: 1, description: 'Version du dossier lue ; périmée, c’est 409' })
  @IsVersion()
  version!: number;
}

export class InstructionStepDto extends CaseCommandDto {
  @ApiProperty({ enum: INSTRUCTION_STEP_KINDS })
  @IsIn(INSTRUCTION_STEP_KINDS)
  kind!: InstructionStepKind;

  @ApiProperty({ example: '2026-11-22' })
  @DateOnly()
  date!: string;

  @ApiProperty({ type: [String], example: ['Moussa Keïta', 'Fatoumata Coulibaly'], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @TrimEach()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  membersPresent!: string[];

  @ApiProperty({ example: 'Visite du terrain en présence des deux parties' })
  @Text(4000)
  summary!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Pour une audition : la partie entendue',
  })
  @IfNotNull()
  @IsUUID()
  partyId?: string | null;
}

export class PartyMarkDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partyId!: string;

  @ApiProperty({
    enum: MARK_KINDS,
    description: 'signature, empreinte digitale, ou représentée',
  })
  @IsIn(MARK_KINDS)
  kind!: MarkKind;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Obligatoire si représentée : qui a signé pour la partie',
  })
  @ValidateIf(
    (o: PartyMarkDto) =>
      o.kind === 'represented' || (o.representedBy !== undefined && o.representedBy !== null),
  )
  @Text(200)
  representedBy?: string | null;
}

export class PvMemberDto {
  @ApiProperty({ example: 'Moussa Keïta' })
  @Text(200)
  name!: string;

  @ApiProperty({ example: 'président' })
  @Text(100)
  role!: string;

  @ApiPropertyOptional({ enum: SEXES, nullable: true })
  @IfNotNull()
  @IsIn(SEXES)
  sex?: Sex | null;
}

/** A member's mark on the PV, by the name given in `membersPresent`. */
export class MemberMarkDto {
  @ApiProperty({ example: 'Moussa Keïta', description: 'Nom d’un membre présent, comme dans membersPresent' })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: MEMBER_MARK_KINDS, description: 'signature, ou empreinte digitale' })
  @IsIn(MEMBER_MARK_KINDS)
  kind!: MemberMarkKind;
}

export class RecordPvDto extends CaseCommandDto {
  @ApiProperty({ enum: PV_KINDS })
  @IsIn(PV_KINDS)
  kind!: PvKind;

  @ApiProperty({ example: '2026-11-25', description: 'Pas avant la saisine, pas dans le futur' })
  @DateOnly()
  drawnUpOn!: string;

  @ApiProperty({ type: [PvMemberDto], minItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @NestedObject(() => PvMemberDto, { each: true })
  membersPresent!: PvMemberDto[];

  @ApiPropertyOptional({ type: [String], description: 'Conciliation : les points d’accord (au moins un)' })
  @PointList()
  agreedPoints?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Conciliation : les points restés ouverts' })
  @PointList()
  openPoints?: string[];

  @ApiPropertyOptional({ type: [PartyMarkDto], description: 'Conciliation : la marque de chaque partie' })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(50)
  @NestedObject(() => PartyMarkDto, { each: true })
  marks?: PartyMarkDto[];

  @ApiPropertyOptional({
    type: [MemberMarkDto],
    description: 'La marque de chaque membre présent (les deux sortes de PV), une par membre',
  })
  @IfPresent()
  @IsArray()
  @ArrayMaxSize(30)
  @NestedObject(() => MemberMarkDto, { each: true })
  memberMarks?: MemberMarkDto[];

  @ApiPropertyOptional({ type: [String], description: 'Non-conciliation : les démarches tentées' })
  @PointList()
  stepsTried?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Non-conciliation : le motif de l’échec',
  })
  @IfNotNull()
  @Text(4000)
  failureReason?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Obligatoire quand une nouvelle version remplace le PV en vigueur',
  })
  @IfNotNull()
  @Text(2000)
  correctionReason?: string | null;
}

export class RequestHomologationDto extends CaseCommandDto {
  @ApiProperty({ example: '2026-11-26', description: 'Date de transmission au tribunal' })
  @DateOnly()
  requestedOn!: string;
}

export class DecideHomologationDto extends CaseCommandDto {
  @ApiProperty({ enum: HOMOLOGATION_DECISIONS })
  @IsIn(HOMOLOGATION_DECISIONS)
  decision!: HomologationDecision;

  @ApiPropertyOptional({
    type: String,
    example: 'HOM-2026-041',
    nullable: true,
    description: 'Obligatoire si homologué',
  })
  @ValidateIf(
    (o: DecideHomologationDto) => o.decision === 'homologated' || (o.decisionNumber ?? null) !== null,
  )
  @Text(64)
  decisionNumber?: string | null;

  @ApiProperty({ example: '2026-11-27' })
  @DateOnly()
  decisionDate!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Obligatoire si rejeté' })
  @ValidateIf((o: DecideHomologationDto) => o.decision === 'rejected' || (o.rejectionReason ?? null) !== null)
  @Text(4000)
  rejectionReason?: string | null;
}

export class ReferCaseDto extends CaseCommandDto {
  // The law sends the parties to a named court on a date: neither may be left out.
  @ApiProperty({ example: "Tribunal d'instance de Ségou", description: 'Le tribunal saisi' })
  @IsNotEmpty()
  @Text(200)
  court!: string;

  @ApiProperty({
    example: '2026-11-27',
    description: 'Date du renvoi : pas avant le PV de non-conciliation, pas dans le futur',
  })
  @IsNotEmpty()
  @DateOnly()
  referredOn!: string;
}

export class CloseCaseDto extends CaseCommandDto {
  @ApiProperty({ enum: CLOSE_REASONS })
  @IsIn(CLOSE_REASONS)
  reason!: CloseReason;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IfNotNull()
  @Text(2000)
  comment?: string | null;
}

export class CaseIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId!: string;
}

export class PvIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  pvId!: string;
}

export class PvCheckDto {
  @ApiProperty({ example: 'K7Q2-9XHD-PM4A' })
  @IsString()
  @Matches(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
  code!: string;
}

export class CaseListQueryDto {
  @ApiPropertyOptional({ enum: CASE_STATES })
  @IsOptional()
  @IsIn(CASE_STATES)
  state?: CaseState;

  @ApiPropertyOptional({ enum: DISPUTE_TYPES })
  @IsOptional()
  @IsIn(DISPUTE_TYPES)
  disputeType?: DisputeType;

  @ApiPropertyOptional({ example: 'ML-SEG-SEG', description: 'Le village ou toute unité au-dessus' })
  @IsOptional()
  @IsPlaceCode()
  placeCode?: string;

  @ApiPropertyOptional({ example: 'SEG01' })
  @IsOptional()
  @IsRegistryCode()
  cofoCode?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @DateOnly()
  filedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @DateOnly()
  filedTo?: string;

  @ApiPropertyOptional({
    description: 'Texte dans le numéro, le résumé, la terre ou le nom des parties (accents ignorés)',
  })
  @IfPresent()
  @IsSearchText()
  q?: string;

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}

export class HomologationQueueQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'overdue', 'decided'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'overdue', 'decided'])
  status?: 'pending' | 'overdue' | 'decided';

  @Cursor()
  cursor?: string;

  @PageLimit()
  limit?: number;
}
