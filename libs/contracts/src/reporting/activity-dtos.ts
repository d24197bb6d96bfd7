/** Requests and replies of the programme activities the M&E officers record (issue 13, item 3). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min, Matches } from 'class-validator';
import {
  DateOnly,
  IfPresent,
  IsPlaceCode,
  IsVersion,
  NestedObject,
  PageLimit,
  Text,
  IsDecimal,
} from '../dto-helpers';
import {
  ACTIVITY_KINDS,
  AUDIENCES,
  REPORTING_PERIOD_PATTERN,
  RESULT_AREAS,
  type ActivityKind,
  type Audience,
  type ResultArea,
} from './reporting';

/** Participants can only be whole people; a million is far above any activity of the programme. */
const MAX_PEOPLE = 1_000_000;

/**
 * Who took part: a total and overlapping sub-counts (women, men, youth), each at most the total. A share
 * may be given as a percentage instead of a count (the report writes "207 (33 % femmes)"): the service
 * stores the count it stands for (nearest whole person, halves up) and keeps the percentage given.
 */
export class ActivityParticipantsInputDto {
  @ApiProperty({ minimum: 0, example: 589 })
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  total!: number;

  @ApiPropertyOptional({ minimum: 0, example: 402, description: 'Femmes (et filles)' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  women?: number;

  @ApiPropertyOptional({ minimum: 0, example: 187, description: 'Hommes (et garçons)' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  men?: number;

  @ApiPropertyOptional({
    minimum: 0,
    example: 300,
    description: 'Jeunes (15-35 ans), chevauchent femmes et hommes',
  })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  youth?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 33, description: 'Au lieu de `women`' })
  @IfPresent()
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  womenPercent?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 66, description: 'Au lieu de `youth`' })
  @IfPresent()
  @IsDecimal(2)
  @Min(0)
  @Max(100)
  youthPercent?: number;
}

export class RecordProgrammeActivityDto {
  @ApiProperty({ enum: RESULT_AREAS, example: 'R1' })
  @IsIn(RESULT_AREAS)
  resultArea!: ResultArea;

  @ApiProperty({ enum: ACTIVITY_KINDS, example: 'awareness-session' })
  @IsIn(ACTIVITY_KINDS)
  kind!: ActivityKind;

  @ApiProperty({ example: 'Public show sur la gestion des conflits fonciers' })
  @Text(300)
  title!: string;

  @ApiPropertyOptional({ enum: AUDIENCES, default: 'general', description: 'Le public touché' })
  @IsOptional()
  @IsIn(AUDIENCES)
  audience?: Audience;

  @ApiProperty({
    example: 'ML-SEG-SEG',
    description: 'Le lieu (cercle, commune ou village), ancienne ou nouvelle carte',
  })
  @IsPlaceCode()
  placeCode!: string;

  @ApiProperty({ example: '2023-10-12' })
  @DateOnly()
  startDate!: string;

  @ApiProperty({ example: '2023-10-12' })
  @DateOnly()
  endDate!: string;

  @ApiPropertyOptional({
    minimum: 1,
    default: 1,
    example: 1,
    description: 'Réalisations comptées (8 réunions, 14 infrastructures)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  units?: number;

  @ApiPropertyOptional({ example: 'ONG AZHAR', description: 'Partenaire de mise en œuvre (organisation)' })
  @IsOptional()
  @Text(200)
  partner?: string;

  @ApiProperty({ type: ActivityParticipantsInputDto })
  @NestedObject(() => ActivityParticipantsInputDto)
  participants!: ActivityParticipantsInputDto;
}

export class ActivityParticipantsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ nullable: true, type: Number }) women!: number | null;
  @ApiProperty({ nullable: true, type: Number }) men!: number | null;
  @ApiProperty({ nullable: true, type: Number }) youth!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Pourcentage saisi, si la saisie était en %' })
  womenPercent!: number | null;
  @ApiProperty({ nullable: true, type: Number }) youthPercent!: number | null;
}

export class ProgrammeActivityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RESULT_AREAS }) resultArea!: ResultArea;
  @ApiProperty({ enum: ACTIVITY_KINDS }) kind!: ActivityKind;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: AUDIENCES }) audience!: Audience;
  @ApiProperty() placeCode!: string;
  @ApiProperty({ example: 'Ségou' }) placeName!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty() units!: number;
  @ApiProperty({ nullable: true, type: String }) partner!: string | null;
  @ApiProperty({ type: ActivityParticipantsDto }) participants!: ActivityParticipantsDto;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
}

export class ProgrammeActivityListQueryDto {
  @ApiPropertyOptional({ example: '2023Q4', description: '2023Q4, 2023 ou 2023-10-01..2023-12-31' })
  @IsOptional()
  @Matches(REPORTING_PERIOD_PATTERN)
  period?: string;

  @ApiPropertyOptional({ enum: RESULT_AREAS })
  @IsOptional()
  @IsIn(RESULT_AREAS)
  resultArea?: ResultArea;

  @PageLimit(500)
  limit?: number;
}

export class ProgrammeActivityListDto {
  @ApiProperty({ type: [ProgrammeActivityDto] }) items!: ProgrammeActivityDto[];
}

export class ProgrammeActivityIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  activityId!: string;
}

/** A correction of an activity: the whole activity again, with the version read (optimistic lock). */
export class UpdateProgrammeActivityDto extends RecordProgrammeActivityDto {
  @ApiProperty({ format: 'uuid', description: 'Pris dans l’URL par la passerelle' })
  @IsUUID()
  activityId!: string;

  @ApiProperty({ minimum: 1, example: 1, description: 'Version de l’activité lue ; périmée, c’est 409' })
  @IsVersion()
  version!: number;
}
