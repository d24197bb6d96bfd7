import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/**
 * Codes of CoFo and tribunals: upper-case letters, digits and inner hyphens, 2 to 32 characters (`SEG01`,
 * `TI-SEGOU`), as the land service stores them. The gateway checks the shape; the service checks the rest.
 */
export const REGISTRY_CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,30}[A-Z0-9]$/;
/** Place codes of `@prosmed/places` (`ML-SEG-SEG`, `ML2-...`); whether the place exists is the service's check. */
export const PLACE_CODE_PATTERN = /^ML2?-[A-Z][A-Z0-9]{2}(?:-A?[A-Z][A-Z0-9]{2}){0,3}$/;
export const CODE_DOC = { pattern: REGISTRY_CODE_PATTERN.source, minLength: 2, maxLength: 32 };
export const PLACE_DOC = { pattern: PLACE_CODE_PATTERN.source, example: 'ML-SEG-SEG' };

/** `{code}` of a CoFo or tribunal in the path. */
export class CodeParamDto {
  @ApiProperty({ example: 'SEG01', ...CODE_DOC })
  @IsString()
  @Matches(REGISTRY_CODE_PATTERN)
  code: string;
}
