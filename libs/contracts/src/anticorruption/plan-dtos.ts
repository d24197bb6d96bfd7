import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { FileUploadDto } from '../attachments';
import { IsRegistryCode, PageLimit, Text } from '../dto-helpers';
import {
  AXIS_CODES,
  PLAN_CODE_PATTERN,
  SPREADSHEET_FORMATS,
  STRUCTURE_KINDS,
  type AxisCode,
  type SpreadsheetFormat,
  type StructureKind,
} from './domain';

/** Requests about the plan itself: structures, actions, the spreadsheet import and export. */

export class CreateStructureDto {
  @ApiProperty({ example: 'CENTIF', description: 'Code stable : le `structure_id` des points focaux' })
  @IsRegistryCode()
  code!: string;

  @ApiProperty({ example: 'Cellule nationale de traitement des informations financières' })
  @Text(200)
  name!: string;

  @ApiProperty({ enum: STRUCTURE_KINDS })
  @IsIn(STRUCTURE_KINDS)
  kind!: StructureKind;
}

export class StructureListQueryDto {
  @ApiPropertyOptional({ enum: STRUCTURE_KINDS })
  @IsOptional()
  @IsIn(STRUCTURE_KINDS)
  kind?: StructureKind;
}

const ToBool = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class ActionListQueryDto {
  @ApiPropertyOptional({ enum: AXIS_CODES })
  @IsOptional()
  @IsIn(AXIS_CODES)
  axis?: AxisCode;

  @ApiPropertyOptional({ example: 'OCLEI', description: 'Structure responsable' })
  @IsOptional()
  @IsRegistryCode()
  structure?: string;

  @ApiPropertyOptional({ description: 'Seulement les actions en retard (calculé à la lecture)' })
  @IsOptional()
  @ToBool()
  @IsBoolean()
  late?: boolean;

  @ApiPropertyOptional({ description: 'Seulement les actions de démonstration (ou seulement les autres)' })
  @IsOptional()
  @ToBool()
  @IsBoolean()
  demo?: boolean;

  @ApiPropertyOptional({ description: '`nextCursor` de la page précédente (le dernier code lu)' })
  @IsOptional()
  @IsString()
  @Matches(PLAN_CODE_PATTERN)
  cursor?: string;

  @PageLimit(200)
  limit?: number;
}

export class ActionCodeDto {
  @ApiProperty({ example: 'ACT-2.1.1.01' })
  @IsString()
  @Matches(PLAN_CODE_PATTERN)
  code!: string;
}

/**
 * The plan spreadsheet sent as a file (the raw HTTP body, `fileName` in the query string): what it is,
 * XLSX or CSV, is read from its content, never from its name alone.
 */
export class PlanImportDto extends FileUploadDto {}

/** The largest plan file taken: 2 MiB (the real plan, 82 actions, is about 30 kB). */
export const PLAN_FILE_MAX_BYTES = 2 * 1024 * 1024;

export class SpreadsheetFormatDto {
  @ApiPropertyOptional({ enum: SPREADSHEET_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(SPREADSHEET_FORMATS)
  format?: SpreadsheetFormat;
}

export class PlanExportQueryDto extends SpreadsheetFormatDto {
  @ApiPropertyOptional({ description: 'Seulement les actions dont le code commence ainsi', example: 'ACT-' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9.-]{1,40}$/)
  codePrefix?: string;
}
