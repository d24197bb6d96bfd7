import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CATALOGUE, type ErrorCode, renderMessage } from '@prosmed/contracts';

export class ErrorDetailDto {
  @ApiProperty({ description: 'Path of the field, e.g. `members[0].sex`', example: 'members[0].sex' })
  field: string;

  @ApiProperty({ description: 'What is wrong with it (the failed constraint)', example: 'isIn' })
  code: string;

  @ApiPropertyOptional({ description: 'Human-readable explanation (English)' })
  message?: string;
}

/** The one error body of the API, for every status from 400 to 504. */
export class ErrorBodyDto {
  @ApiProperty({ description: 'HTTP status, repeated in the body', example: 403 })
  statusCode: number;

  @ApiProperty({
    description: 'Stable error code: clients branch on it, never on the message',
    enum: Object.keys(ERROR_CATALOGUE),
    example: 'FORBIDDEN_ROLE',
  })
  code: string;

  @ApiProperty({
    description: 'Message in French, or English when `Accept-Language` prefers `en`',
    example: 'Votre rôle ne permet pas cette opération (cofo:write).',
  })
  message: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto], description: 'Field-level details (validation errors)' })
  details?: ErrorDetailDto[];

  @ApiProperty({
    description: 'Correlation id of the request (the `X-Request-Id` response header): give it to support',
    example: '0b7f3c1e-4d2a-4e8b-9a61-3f0c2f7d9a10',
  })
  requestId: string;
}

const SAMPLE_PARAMS: Record<string, string | number> = {
  code: 'SEG01',
  expected: 1,
  actual: 2,
  retryAfter: 30,
  limit: '256 kB',
};

/**
 * OpenAPI `examples` of the error body for some codes of one HTTP status: one named example per code,
 * with the French message the API answers by default.
 */
export function errorExamples(
  status: number,
  codes: readonly ErrorCode[],
  params: Record<string, string | number> = {},
): Record<string, { summary: string; value: ErrorBodyDto }> {
  return Object.fromEntries(
    codes.map((code) => {
      const value: ErrorBodyDto = {
        statusCode: status,
        code,
        message: renderMessage(code, 'fr', { ...SAMPLE_PARAMS, ...params }),
        requestId: '0b7f3c1e-4d2a-4e8b-9a61-3f0c2f7d9a10',
      };
      if (code === 'VALIDATION_FAILED') {
        value.details = [{ field: 'members[0].sex', code: 'isIn', message: 'sex must be one of: F, M' }];
      }
      return [code, { summary: renderMessage(code, 'en', { ...SAMPLE_PARAMS, ...params }), value }];
    }),
  );
}
