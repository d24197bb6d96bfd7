import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNotEmptyObject,
  IsObject,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import {
  TRIBUNAL_KINDS,
  type CreateTribunalV1,
  type TribunalKind,
  type TribunalListQueryV1,
  type UpdateTribunalV1,
} from '@prosmed/contracts';
import {
  IfPresent,
  IsCursor,
  IsPageLimit,
  IsPlaceCode,
  IsRegistryCode,
  IsSearchText,
  Trim,
} from '../../shared/dto';

export const MAX_CERCLES = 30;

export class CreateTribunalDto implements CreateTribunalV1 {
  @IsRegistryCode()
  code!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsIn(TRIBUNAL_KINDS)
  kind!: TribunalKind;

  @IsPlaceCode()
  placeCode!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CERCLES)
  @ArrayUnique()
  @IsPlaceCode(true)
  cercleCodes!: string[];
}

export class TribunalChangesDto implements Partial<Omit<CreateTribunalV1, 'code'>> {
  @IfPresent()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IfPresent()
  @IsIn(TRIBUNAL_KINDS)
  kind?: TribunalKind;

  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @IfPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CERCLES)
  @ArrayUnique()
  @IsPlaceCode(true)
  cercleCodes?: string[];
}

export class UpdateTribunalDto implements UpdateTribunalV1 {
  @IsRegistryCode()
  code!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => TribunalChangesDto)
  changes!: TribunalChangesDto;
}

export class TribunalListQueryDto implements TribunalListQueryV1 {
  @IfPresent()
  @IsIn(TRIBUNAL_KINDS)
  kind?: TribunalKind;

  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @IfPresent()
  @IsSearchText()
  q?: string;

  @IfPresent()
  @IsCursor()
  cursor?: string;

  @IfPresent()
  @IsPageLimit()
  limit?: number;
}
