/** Wire types of the places reference data (Mali's administrative tree on both maps), version 1. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsPlaceCode, PageLimit } from '../dto-helpers';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const PLACE_LEVELS_V1 = ['region', 'cercle', 'arrondissement', 'commune', 'village'] as const;
export const PLACE_MAPS_V1 = ['pre2024', 'post2024'] as const;

export interface PlaceV1 {
  code: string;
  name: string;
  level: (typeof PLACE_LEVELS_V1)[number];
  parentCode: string | null;
  map: (typeof PLACE_MAPS_V1)[number];
  validFrom: string;
  validTo: string | null;
}

export interface PlaceDetailV1 extends PlaceV1 {
  /** Nearest first. */
  ancestors: PlaceV1[];
  children: PlaceV1[];
  /** The same unit's région and cercle on the other map, when the crosswalk says. */
  onOtherMap: { region: PlaceV1 | null; cercle: PlaceV1 | null };
}

export interface PlaceImportResultV1 {
  imported: number;
  skipped: number;
}

export class PlaceSearchDto {
  @ApiProperty({ example: 'Segou', description: 'Nom, accents et casse ignorés' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q!: string;

  @ApiPropertyOptional({ enum: PLACE_LEVELS_V1 })
  @IsOptional()
  @IsIn(PLACE_LEVELS_V1)
  level?: PlaceV1['level'];

  @ApiPropertyOptional({ enum: PLACE_MAPS_V1, description: 'Les deux cartes si absent' })
  @IsOptional()
  @IsIn(PLACE_MAPS_V1)
  map?: PlaceV1['map'];

  @PageLimit()
  limit?: number;
}

export class PlaceCodeDto {
  @ApiProperty({ example: 'ML-SEG-SAN' })
  @IsPlaceCode()
  code!: string;
}

export class PlaceImportDto {
  @ApiProperty({
    description:
      'Texte CSV, UTF-8, en-tête `code,name,level,parent_code,map,valid_from,valid_to` ; séparateur `;` ou `,`',
    example:
      'code,name,level,parent_code,map,valid_from,valid_to\nML-SEG-SAN-SAN-K07,Kimparana,village,ML-SEG-SAN-SAN,pre2024,1999-08-10,2024-09-23',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2_000_000)
  csv!: string;
}
