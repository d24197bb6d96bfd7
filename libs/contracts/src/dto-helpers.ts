/**
 * The validators every message class uses, written once: the gateway validates HTTP input with them and
 * the service validates what arrives over Kafka with the same classes, so the two can never disagree.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { isPlaceCode } from '@prosmed/places';

/** Registry codes (CoFo, tribunal): upper-case letters, digits and inner hyphens, 2 to 32 (`SEG01`, `TI-SEGOU`). */
export const REGISTRY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,30}[A-Z0-9]$/;
/** Documentation of a registry code in OpenAPI. */
export const REGISTRY_CODE_DOC = { pattern: REGISTRY_CODE_PATTERN.source, minLength: 2, maxLength: 32 };
/**
 * Documentation of a place code: `ML-` (map until 23 Sept 2024) or `ML2-` (since), one segment per level
 * (région, cercle, arrondissement `A...` or commune, village). The rule itself is `isPlaceCode` of
 * `@prosmed/places`; this pattern only shows the shape to humans.
 */
export const PLACE_CODE_DOC = {
  pattern: '^ML2?-[A-Z][A-Z0-9]{2}(-A?[A-Z][A-Z0-9]{2}){0,3}$',
  example: 'ML-SEG-SEG',
};
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Page sizes of every list: the default when `limit` is absent, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;
/** Optimistic-lock versions are PostgreSQL integers. */
export const MAX_VERSION = 2_147_483_647;

/** Present means checked, `null` included (and refused by the type checks); absent means "not given". */
export const IfPresent = (): PropertyDecorator => ValidateIf((_o: object, v: unknown) => v !== undefined);
/** Absent or `null` both mean "none"; anything else is checked. */
export const IfNotNull = (): PropertyDecorator =>
  ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null);

/** Trims strings (names typed on a phone often end with a space); anything else is left for validation. */
export const Trim = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
export const TrimEach = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value,
  );

/** Trimmed text of `min`..`max` characters. */
export const Text = (max: number, min = 1): PropertyDecorator =>
  applyDecorators(Trim(), IsString(), MinLength(min), MaxLength(max));

/** A calendar date `YYYY-MM-DD` (dates of the legal procedure carry no time: UTC is Mali's time). */
export const DateOnly = (): PropertyDecorator =>
  applyDecorators(IsString(), Matches(DATE_PATTERN, { message: '$property must be a date YYYY-MM-DD' }));

export const IsRegistryCode = (): PropertyDecorator =>
  applyDecorators(IsString(), Matches(REGISTRY_CODE_PATTERN));

/** A well-formed place code (`ML-SEG-SEG`); whether the place exists is the service's check. */
export const IsPlaceCode = (each = false): PropertyDecorator =>
  applyDecorators(
    IsString({ each }),
    ValidateBy(
      {
        name: 'isPlaceCode',
        validator: {
          validate: (v: unknown) => typeof v === 'string' && isPlaceCode(v),
          defaultMessage: (a) => `${a?.property ?? 'value'} must be a place code like ML-SEG-SEG`,
        },
      },
      { each },
    ),
  );

/** True for a finite number with at most `places` decimals, whatever notation it prints in (`1e-7`). */
export function hasAtMostDecimals(v: unknown, places: number): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  return Number(v.toFixed(places)) === v;
}

/**
 * A finite number with at most `places` decimals (an area in hectares, a target). Not class-validator's
 * `IsNumber({ maxDecimalPlaces })`: it reads the decimals from `toString()` and throws on a number that
 * prints in exponent notation (`-9e-323`, `1e-7`), which answered 500 (found by the fuzzer).
 */
export const IsDecimal = (places: number): PropertyDecorator =>
  ValidateBy({
    name: 'isNumber',
    constraints: [places],
    validator: {
      validate: (v: unknown) => hasAtMostDecimals(v, places),
      defaultMessage: (a) => `${a?.property ?? 'value'} must be a number with at most ${places} decimals`,
    },
  });

/** Free-text search (accent-insensitive in the services). */
export const IsSearchText = (): PropertyDecorator =>
  applyDecorators(IsString(), MinLength(1), MaxLength(100));

/** The opaque `nextCursor` of the previous page. */
export const IsCursor = (): PropertyDecorator => applyDecorators(IsString(), MinLength(1), MaxLength(200));

/** The optimistic lock a command names: the `version` the user read. */
export const IsVersion = (): PropertyDecorator => applyDecorators(IsInt(), Min(1), Max(MAX_VERSION));

/** Query strings arrive as text: `"50"` becomes 50, anything else is left for the validators to refuse. */
export const ToInt = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  );

/** An optional page size (`limit`) in 1..max, from a query string or JSON, documented with its default. */
export const PageLimit = (max = MAX_PAGE_SIZE): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      minimum: 1,
      maximum: max,
      default: DEFAULT_PAGE_SIZE > max ? max : DEFAULT_PAGE_SIZE,
      type: Number,
    }),
    IsOptional(),
    ToInt(),
    IsInt(),
    Min(1),
    Max(max),
  );

/** An optional cursor, documented. */
export const Cursor = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: '`nextCursor` of the previous page', maxLength: 200, type: String }),
    IfPresent(),
    IsCursor(),
  );

/**
 * A nested object validated as `type` (with `each`, every item of a list). `@ValidateNested` alone lets
 * a missing value through, and an array (it validates the array's items: none for `[]`), so
 * `POST /cases` without `land`, or with `land: []`, reached the service and failed there with a 500:
 * `IsObject` refuses both. Optional nested fields keep their `IfNotNull`/`IfPresent` before this.
 */
export const NestedObject = (
  type: () => new () => object,
  options: { each?: boolean } = {},
): PropertyDecorator =>
  applyDecorators(IsObject({ each: options.each }), ValidateNested({ each: options.each }), Type(type));
