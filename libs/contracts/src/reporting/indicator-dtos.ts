/** The results framework as data (issue 13, item 2) and the indicator queries (item 4). */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IfPresent, IsPlaceCode, NestedObject, PageLimit, Text, ToInt, IsDecimal } from '../dto-helpers';
import {
  INDICATOR_MEASURES,
  REPORTING_PERIOD_PATTERN,
  RESULT_AREAS,
  ROLL_UP_LEVELS,
  type IndicatorMeasure,
  type ResultArea,
  type RollUpLevel,
} from './reporting';

export const INDICATOR_CODE_PATTERN = /^[a-z][a-z0-9-]{1,62}[a-z0-9]$/;
/** `land.case.filed.v1`, `reporting.activity.v1`: a versioned event type. */
export const EVENT_TYPE_PATTERN = /^[a-z]+(\.[a-z-]+){1,3}\.v[1-9]\d{0,2}$/;
/** A path into an event's payload: `parties.bySex.F`, `participants.total`. */
export const FIELD_PATH_PATTERN = /^[A-Za-z0-9_-]{1,40}(\.[A-Za-z0-9_-]{1,40}){0,4}$/;
const MAPS = ['pre2024', 'post2024'] as const;

/**
 * Which records count and how: the event types read, an equality filter on payload fields (a list means
 * "any of"), and the fields whose numbers are summed (measure `sum`) or whose values are counted once
 * (measure `distinct`). Sex and youth fields give the breakdown; absent, the breakdown is unknown.
 */
export class IndicatorSourceDto {
  @ApiProperty({ type: [String], example: ['reporting.activity.v1'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @Matches(EVENT_TYPE_PATTERN, { each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Champ de l’événement → valeur (ou liste de valeurs) exigée',
    example: { kind: 'awareness-session', resultArea: 'R1' },
  })
  @IfPresent()
  @IsObject()
  where?: Record<string, string | number | boolean | (string | number)[]>;

  @ApiPropertyOptional({ example: 'participants.total' })
  @IfPresent()
  @Matches(FIELD_PATH_PATTERN)
  valueField?: string;

  @ApiPropertyOptional({ example: 'participants.women' })
  @IfPresent()
  @Matches(FIELD_PATH_PATTERN)
  femaleField?: string;

  @ApiPropertyOptional({ example: 'participants.men' })
  @IfPresent()
  @Matches(FIELD_PATH_PATTERN)
  maleField?: string;

  @ApiPropertyOptional({ example: 'participants.youth' })
  @IfPresent()
  @Matches(FIELD_PATH_PATTERN)
  youthField?: string;

  @ApiPropertyOptional({ example: 'caseId' })
  @IfPresent()
  @Matches(FIELD_PATH_PATTERN)
  distinctField?: string;
}

export class DefineIndicatorDto {
  @ApiProperty({
    example: 'r1-awareness-people',
    description: 'Stable ; une nouvelle définition du même code en fait une nouvelle version',
  })
  @Matches(INDICATOR_CODE_PATTERN)
  code!: string;

  @ApiProperty({ enum: RESULT_AREAS })
  @IsIn(RESULT_AREAS)
  resultArea!: ResultArea;

  @ApiProperty({ example: 'Personnes sensibilisées sur la gestion des conflits fonciers' })
  @Text(300)
  label!: string;

  @ApiProperty({ example: 'personnes' })
  @Text(40)
  unit!: string;

  @ApiProperty({ enum: INDICATOR_MEASURES })
  @IsIn(INDICATOR_MEASURES)
  measure!: IndicatorMeasure;

  @ApiProperty({ type: [IndicatorSourceDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @NestedObject(() => IndicatorSourceDto, { each: true })
  sources!: IndicatorSourceDto[];

  @ApiPropertyOptional({ example: 'PRSMD_R1_AWARE', description: 'Code de l’élément de données DHIS2' })
  @IfPresent()
  @Matches(/^[A-Z][A-Z0-9_]{1,49}$/)
  dhis2Code?: string;
}

export class SetTargetDto {
  @ApiProperty({ example: 'r1-awareness-people' })
  @Matches(INDICATOR_CODE_PATTERN)
  code!: string;

  @ApiProperty({ example: 2023, minimum: 2015, maximum: 2100 })
  @ToInt()
  @IsInt()
  @Min(2015)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 3000, minimum: 0 })
  @IsDecimal(2)
  @Min(0)
  @Max(1e12)
  value!: number;
}

export class TargetDto {
  @ApiProperty() year!: number;
  @ApiProperty() value!: number;
}

export class ResultIndicatorDto {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: RESULT_AREAS }) resultArea!: ResultArea;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: INDICATOR_MEASURES }) measure!: IndicatorMeasure;
  @ApiProperty({ type: [IndicatorSourceDto] }) sources!: IndicatorSourceDto[];
  @ApiProperty({ nullable: true, type: String }) dhis2Code!: string | null;
  @ApiProperty({ type: [TargetDto] }) targets!: TargetDto[];
  @ApiProperty({ format: 'date-time' }) definedAt!: string;
}

export class ResultIndicatorListDto {
  @ApiProperty({ type: [ResultIndicatorDto] }) items!: ResultIndicatorDto[];
}

export class IndicatorCodeDto {
  @ApiProperty({ example: 'r1-awareness-people' })
  @Matches(INDICATOR_CODE_PATTERN)
  code!: string;
}

export class RetireIndicatorDto {
  @ApiProperty({ example: 'r1-awareness-people', description: 'Pris dans l’URL par la passerelle' })
  @Matches(INDICATOR_CODE_PATTERN)
  code!: string;

  @ApiProperty({
    example: 'Remplacé par un indicateur du nouveau cadre de résultats',
    description: 'Pourquoi (audit)',
  })
  @Text(300)
  reason!: string;
}

export class IndicatorValuesQueryDto {
  @ApiProperty({ example: 'r1-awareness-people' })
  @Matches(INDICATOR_CODE_PATTERN)
  code!: string;

  @ApiProperty({ example: '2023Q4', description: '2023Q4, 2023 ou 2023-10-01..2023-12-31' })
  @IsString()
  @Matches(REPORTING_PERIOD_PATTERN)
  period!: string;

  @ApiPropertyOptional({ enum: ROLL_UP_LEVELS, default: 'cercle' })
  @IsOptional()
  @IsIn(ROLL_UP_LEVELS)
  level?: RollUpLevel;

  @ApiPropertyOptional({
    enum: MAPS,
    description: 'Carte administrative ; par défaut celle en vigueur à la fin de la période',
  })
  @IsOptional()
  @IsIn(MAPS)
  map?: 'pre2024' | 'post2024';

  @ApiPropertyOptional({
    example: 'ML-SEG',
    description: 'Seulement ce qui est dans ce lieu (les deux cartes)',
  })
  @IsOptional()
  @IsPlaceCode()
  placeCode?: string;
}

/** A value with its breakdown; `null` where the sources do not say (a count of cases has no sex). */
export class FigureDto {
  @ApiProperty() value!: number;
  @ApiProperty({ nullable: true, type: Number }) female!: number | null;
  @ApiProperty({ nullable: true, type: Number }) male!: number | null;
  @ApiProperty({ nullable: true, type: Number }) youth!: number | null;
}

export class PlaceFigureDto extends FigureDto {
  @ApiProperty({ example: 'ML-SEG-SEG', description: '`ML` : sans lieu plus précis que le pays' })
  placeCode!: string;
  @ApiProperty({ example: 'Ségou' }) placeName!: string;
}

export class IndicatorValuesDto {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty() period!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: ROLL_UP_LEVELS }) level!: RollUpLevel;
  @ApiProperty({ enum: MAPS }) map!: string;
  @ApiProperty({ type: FigureDto }) total!: FigureDto;
  @ApiProperty({ type: [PlaceFigureDto] }) rows!: PlaceFigureDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Cible de l’année de fin de période' }) target!:
    number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Pourcentage de la cible (1 décimale)' })
  progress!: number | null;
}

export class DashboardQueryDto {
  @ApiProperty({ example: '2023Q4' })
  @IsString()
  @Matches(REPORTING_PERIOD_PATTERN)
  period!: string;
}

export class DashboardIndicatorDto extends FigureDto {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ nullable: true, type: Number }) target!: number | null;
  @ApiProperty({ nullable: true, type: Number }) progress!: number | null;
}

export class DashboardAreaDto {
  @ApiProperty({ enum: RESULT_AREAS }) resultArea!: ResultArea;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [DashboardIndicatorDto] }) indicators!: DashboardIndicatorDto[];
}

export class DashboardDto {
  @ApiProperty() period!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [DashboardAreaDto] }) areas!: DashboardAreaDto[];
  @ApiProperty({ description: 'Événements mis de côté (type ou version inconnus)' }) parkedEvents!: number;
}

export class ParkedEventQueryDto {
  @PageLimit(500)
  limit?: number;
}

export class ParkedEventDto {
  @ApiProperty() id!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
  @ApiProperty({ nullable: true, type: String }) eventType!: string | null;
  @ApiProperty({ example: 'unknown-type' }) reason!: string;
  @ApiProperty() detail!: string;
  @ApiProperty({ format: 'date-time' }) parkedAt!: string;
}

export class ParkedEventIdDto {
  @ApiProperty({ example: '42', description: 'Identifiant de l’événement mis de côté (pris dans l’URL)' })
  @Matches(/^[1-9]\d{0,17}$/)
  id!: string;

  @ApiPropertyOptional({
    example: 'Mise à jour qui lit land.case.filed.v2',
    description: 'Pourquoi maintenant (audit)',
  })
  @IfPresent()
  @Text(300)
  note?: string;
}

export class ParkedEventRetryDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({
    enum: ['counted', 'stale', 'still-parked'],
    description:
      '`counted` : compté et retiré de la liste ; `stale` : lu mais remplacé par une version plus récente du même enregistrement ; `still-parked` : toujours illisible (motif à jour)',
  })
  outcome!: 'counted' | 'stale' | 'still-parked';
  @ApiProperty({ nullable: true, type: String, example: null }) reason!: string | null;
}

export class ParkedEventListDto {
  @ApiProperty({ type: [ParkedEventDto] }) items!: ParkedEventDto[];
  @ApiProperty() total!: number;
}

export class IndicatorListQueryDto {
  @ApiPropertyOptional({ enum: RESULT_AREAS, description: 'Seulement les indicateurs de ce résultat' })
  @IsOptional()
  @IsIn(RESULT_AREAS)
  resultArea?: ResultArea;
}
