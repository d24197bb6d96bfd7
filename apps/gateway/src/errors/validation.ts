import { ValidationPipe } from '@nestjs/common';
import type { ErrorDetail } from '@prosmed/contracts';
import type { ValidationError } from 'class-validator';
import { ApiError } from './api-error';

/** class-validator errors as flat field details: `members[0].sex` / `isIn`. */
export function validationDetails(errors: readonly ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property)
      ? `${prefix}[${e.property}]`
      : prefix
        ? `${prefix}.${e.property}`
        : e.property;
    for (const [code, message] of Object.entries(e.constraints ?? {})) out.push({ field, code, message });
    if (e.children?.length) out.push(...validationDetails(e.children, field));
  }
  return out;
}

/** The global pipe: unknown fields are refused (never silently dropped), types converted, 400 with details. */
export function gatewayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ApiError('VALIDATION_FAILED', {}, validationDetails(errors)),
  });
}
