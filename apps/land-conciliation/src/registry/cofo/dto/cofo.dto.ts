import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNotEmptyObject,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COFO_LEVELS,
  SEXES,
  type CofoLevel,
  type CofoMember,
  type CreateCofoV1,
  type ListQueryV1,
  type Sex,
  type UpdateCofoV1,
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

export const MAX_MEMBERS = 50;

export class CofoMemberDto implements CofoMember {
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsIn(SEXES)
  sex!: Sex;

  /** président, secrétaire, membre, représentant des femmes, des jeunes, des éleveurs... */
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role!: string;
}

export class CreateCofoDto implements CreateCofoV1 {
  @IsRegistryCode()
  code!: string;

  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsIn(COFO_LEVELS)
  level!: CofoLevel;

  @IsPlaceCode()
  placeCode!: string;

  @IsOptional()
  @IsRegistryCode()
  tribunalCode?: string | null;

  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @ValidateNested({ each: true })
  @Type(() => CofoMemberDto)
  members!: CofoMemberDto[];
}

/** The fields an update may change; absent ones stay, `tribunalCode: null` detaches the tribunal. */
export class CofoChangesDto implements Partial<Omit<CreateCofoV1, 'code'>> {
  @IfPresent()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IfPresent()
  @IsIn(COFO_LEVELS)
  level?: CofoLevel;

  @IfPresent()
  @IsPlaceCode()
  placeCode?: string;

  @IsOptional()
  @IsRegistryCode()
  tribunalCode?: string | null;

  @IfPresent()
  @IsArray()
  @ArrayMaxSize(MAX_MEMBERS)
  @ValidateNested({ each: true })
  @Type(() => CofoMemberDto)
  members?: CofoMemberDto[];
}

export class UpdateCofoDto implements UpdateCofoV1 {
  @IsRegistryCode()
  code!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsObject()
  @IsNotEmptyObject()
  @ValidateNested()
  @Type(() => CofoChangesDto)
  changes!: CofoChangesDto;
}

export class CofoListQueryDto implements ListQueryV1 {
  @IfPresent()
  @IsIn(COFO_LEVELS)
  level?: CofoLevel;

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
