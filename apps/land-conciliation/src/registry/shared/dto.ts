import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { isPlaceCode } from '@prosmed/places';
import { MAX_PAGE_SIZE } from './cursor';

/**
 * Registry codes (CoFo, tribunal): upper-case letters, digits and inner hyphens, 2 to 32 characters
 * (`SEG01`, `TI-SEGOU`). They are token attributes and never change once created.
 */
export const REGISTRY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,30}[A-Z0-9]$/;

/**
 * Validates the property only when it is present. Unlike `@IsOptional()`, `null` is still checked (and
 * refused by the type validators): "absent" means "leave it as it is", `null` is a value.
 */
export const IfPresent = (): PropertyDecorator => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** Trims strings (names typed on a phone often end with a space); anything else is left for validation. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const IsRegistryCode = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  Matches(REGISTRY_CODE_PATTERN)(target, key);
};

/** A well-formed place code (`ML-SEG-SEG`); whether it exists is the `PlaceChecker`'s business. */
export const IsPlaceCode =
  (each = false): PropertyDecorator =>
  (target, key) => {
    IsString({ each })(target, key);
    ValidateBy(
      {
        name: 'isPlaceCode',
        validator: {
          validate: (v: unknown) => typeof v === 'string' && isPlaceCode(v),
          defaultMessage: () => `${String(key)} must be a place code like ML-SEG-SEG`,
        },
      },
      { each },
    )(target, key);
  };

export const IsPageLimit = (): PropertyDecorator => (target, key) => {
  IsInt()(target, key);
  Min(1)(target, key);
  Max(MAX_PAGE_SIZE)(target, key);
};

export const IsSearchText = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  MaxLength(100)(target, key);
};

export const IsCursor = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  MaxLength(200)(target, key);
};

/** `{ code }` of every `get`. */
export class GetByCodeDto {
  @IsRegistryCode()
  code!: string;
}
