import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, ValidationError, type ValidatorOptions } from 'class-validator';
import { domainError, type DomainError, type ErrorDetail } from '@prosmed/contracts';

const OPTIONS: ValidatorOptions = {
  whitelist: true,
  // Unknown fields are refused, not dropped: a typo must not silently lose data.
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
};

/** Field of a payload that is not an object at all (`null`, an array, a string). */
export const ROOT_FIELD = '$';

/**
 * Flattens class-validator's tree into `{ field, code, message }` with paths like `members[0].sex`;
 * `code` is the constraint's name (`isIn`, `isNotEmpty`, `whitelistValidation` for an unknown field).
 */
export function validationDetails(errors: readonly ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = /^\d+$/.test(e.property)
      ? `${parent}[${e.property}]`
      : parent
        ? `${parent}.${e.property}`
        : e.property;
    for (const [code, message] of Object.entries(e.constraints ?? {})) out.push({ field, code, message });
    if (e.children?.length) out.push(...validationDetails(e.children, field));
  }
  return out;
}

export function validationFailed(details: ErrorDetail[]): DomainError {
  return domainError('VALIDATION_FAILED', undefined, details);
}

export function isValidationErrorList(v: unknown): v is ValidationError[] {
  return Array.isArray(v) && v.length > 0 && v.every((e) => e instanceof ValidationError);
}

/**
 * Turns an incoming payload into an instance of `dto`, refusing unknown fields and invalid values with
 * `VALIDATION_FAILED` and field details. Handlers call it first: nothing unvalidated reaches a service.
 */
export function validatePayload<T extends object>(dto: ClassConstructor<T>, value: unknown): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationFailed([{ field: ROOT_FIELD, code: 'isObject', message: 'payload must be an object' }]);
  }
  const instance = plainToInstance(dto, value);
  const errors = validateSync(instance, OPTIONS);
  if (errors.length > 0) throw validationFailed(validationDetails(errors));
  return instance;
}
