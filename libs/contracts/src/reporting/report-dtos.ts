/** The quarterly report (issue 13, item 5): draft, edit, publish, downloads. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { FileUploadDto } from '../attachments';
import { IfPresent, IsVersion, NestedObject, Text, ToInt } from '../dto-helpers';
import { FigureDto } from './indicator-dtos';
import {
  QUARTER_PATTERN,
  REPORT_SECTIONS,
  REPORT_STATES,
  type ReportSectionKey,
  type ReportState,
} from './reporting';

const MAPS = ['pre2024', 'post2024'] as const;

export class DraftReportDto {
  @ApiProperty({ example: '2023Q4', description: 'Le trimestre' })
  @Matches(QUARTER_PATTERN)
  period!: string;

  @ApiPropertyOptional({
    enum: MAPS,
    description: 'Carte des tableaux par cercle ; par défaut celle en vigueur à la fin du trimestre',
  })
  @IfPresent()
  @IsIn(MAPS)
  map?: 'pre2024' | 'post2024';
}

export class ReportListQueryDto {
  @ApiPropertyOptional({ example: '2023Q4', description: 'Seulement les rapports de ce trimestre' })
  @IsOptional()
  @Matches(QUARTER_PATTERN)
  period?: string;
}

export class ReportIdDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId!: string;
}

export class SectionNarrativeDto {
  @ApiProperty({ enum: REPORT_SECTIONS })
  @IsIn(REPORT_SECTIONS)
  section!: ReportSectionKey;

  @ApiProperty({
    description: 'Texte du gestionnaire, imprimé avant les chiffres générés ; vide pour l’effacer',
  })
  @Text(8000, 0)
  text!: string;
}

export class EditReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId!: string;

  @ApiProperty({ example: 1 })
  @IsVersion()
  version!: number;

  @ApiProperty({ type: [SectionNarrativeDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REPORT_SECTIONS.length)
  @NestedObject(() => SectionNarrativeDto, { each: true })
  narratives!: SectionNarrativeDto[];
}

export class PublishReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId!: string;

  @ApiProperty({ example: 1 })
  @IsVersion()
  version!: number;
}

export class ReportFileQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId!: string;

  @ApiPropertyOptional({ description: 'Version publiée à télécharger ; par défaut le contenu courant' })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;

  @ApiPropertyOptional({
    description: 'Exports publics : les effectifs inférieurs à ce seuil sont masqués',
    minimum: 0,
    maximum: 100,
  })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(100)
  suppressBelow?: number;
}

export class ReportIndicatorDto extends FigureDto {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ nullable: true, type: String }) dhis2Code!: string | null;
  @ApiProperty({ nullable: true, type: Number }) target!: number | null;
  @ApiProperty({ nullable: true, type: Number }) progress!: number | null;
}

export class ReportTableRowDto {
  @ApiProperty({ example: 'ML-SEG-SEG' }) placeCode!: string;
  @ApiProperty({ example: 'Ségou' }) label!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ nullable: true, type: Number }) female!: number | null;
  @ApiProperty({ nullable: true, type: Number }) male!: number | null;
  @ApiProperty({ nullable: true, type: Number }) youth!: number | null;
}

/** People reached in a result area, by cercle and sex: the table and the chart of the section. */
export class ReportTableDto {
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'r1-awareness-people' }) indicatorCode!: string;
  @ApiProperty({ nullable: true, type: String }) dhis2Code!: string | null;
  @ApiProperty({ type: [ReportTableRowDto] }) rows!: ReportTableRowDto[];
}

/** A photo of a section (a JPEG or PNG attached to the report) and its caption, printed under the section. */
export class ReportPhotoDto {
  @ApiProperty({ format: 'uuid' }) attachmentId!: string;
  @ApiProperty({ enum: REPORT_SECTIONS }) section!: ReportSectionKey;
  @ApiProperty({ example: 'Sensibilisation communautaire à Ségou. © ONG AZHAR/Octobre 2023' })
  caption!: string;
}

export class ReportPhotoUploadDto extends FileUploadDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId!: string;

  @ApiProperty({ enum: REPORT_SECTIONS, description: 'La section sous laquelle la photo est imprimée' })
  @IsIn(REPORT_SECTIONS)
  section!: ReportSectionKey;

  @ApiProperty({
    description: 'Légende et crédit de la photo',
    example: 'Sensibilisation communautaire. © ONG AZHAR/Octobre 2023',
  })
  @Text(300)
  caption!: string;
}

export class ReportSectionDto {
  @ApiProperty({ enum: REPORT_SECTIONS }) key!: ReportSectionKey;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) narrative!: string | null;
  @ApiProperty({ type: [String], description: 'Phrases générées à partir des données' })
  paragraphs!: string[];
  @ApiProperty({ type: [ReportIndicatorDto] }) indicators!: ReportIndicatorDto[];
  @ApiProperty({ type: ReportTableDto, nullable: true }) table!: ReportTableDto | null;
  @ApiProperty({ type: [ReportPhotoDto] }) photos!: ReportPhotoDto[];
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2023Q4' }) period!: string;
  @ApiProperty({ example: 'Octobre - Décembre 2023' }) periodLabel!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: MAPS }) map!: string;
  @ApiProperty({ enum: REPORT_STATES }) state!: ReportState;
  @ApiProperty({ description: 'Verrou optimiste' }) version!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Dernière version publiée (figée)' })
  publishedVersion!: number | null;
  @ApiProperty({ type: [ReportSectionDto] }) sections!: ReportSectionDto[];
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt!: string | null;
}

export class ReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ enum: REPORT_STATES }) state!: ReportState;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
}

export class ReportListDto {
  @ApiProperty({ type: [ReportSummaryDto] }) items!: ReportSummaryDto[];
}

export class Dhis2DataValueDto {
  @ApiProperty({ example: 'PRSMD_R1_AWARE' }) dataElement!: string;
  @ApiProperty({ example: '2023Q4' }) period!: string;
  @ApiProperty({ example: 'ML-SEG-SEG' }) orgUnit!: string;
  @ApiProperty({ example: 'SEX_F', description: '`default` (total), `SEX_F`, `SEX_M`' })
  categoryOptionCombo!: string;
  @ApiProperty({ example: '556' }) value!: string;
}

/** A DHIS2 data value set (import with `idScheme=CODE`): see the reporting README for the mapping. */
export class Dhis2DataValueSetDto {
  @ApiProperty({ example: 'CODE' }) dataElementIdScheme!: string;
  @ApiProperty({ example: 'CODE' }) orgUnitIdScheme!: string;
  @ApiProperty({ example: 'CODE' }) categoryOptionComboIdScheme!: string;
  @ApiProperty({ example: '2023Q4' }) period!: string;
  @ApiProperty({ type: [Dhis2DataValueDto] }) dataValues!: Dhis2DataValueDto[];
}
