import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { ERROR_CATALOGUE, type ErrorCode } from '@prosmed/contracts';
import { ErrorBodyDto, errorExamples } from '@prosmed/auth';
import { IDEMPOTENCY_KEY } from '../idempotency/hash';
import { statusOfCode } from './api-error';

/** Answers of a route forwarded to a service over Kafka: the broker or the service failed. */
const REMOTE: ErrorCode[] = ['SERVICE_UNAVAILABLE', 'SERVICE_TIMEOUT'];
/** Answers of any route that reads a JSON body. */
const WITH_BODY: ErrorCode[] = [
  'MALFORMED_JSON',
  'JSON_TOO_DEEP',
  'CONTROL_CHARACTER',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
];
/** Answers of a POST with an `Idempotency-Key`. */
const IDEMPOTENT: ErrorCode[] = [
  'IDEMPOTENCY_KEY_INVALID',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
];
/** 401, 403 and 429 come with `@Permission()`. */
const FROM_PERMISSION = new Set([401, 403, 429]);

export interface ApiErrorsOptions {
  /** Forwarded over Kafka (default): adds 503 and 504. */
  remote?: boolean;
  body?: boolean;
  idempotent?: boolean;
}

/**
 * Documents a route's error answers: the given codes plus those every route (or every route with a body,
 * or every POST) can give, grouped by HTTP status, each status with the one error body and the list of
 * its codes and French messages.
 */
export function ApiErrors(codes: ErrorCode[], opts: ApiErrorsOptions = {}): MethodDecorator {
  const all = new Set<ErrorCode>([
    ...codes,
    ...(opts.body ? WITH_BODY : []),
    ...(opts.idempotent ? IDEMPOTENT : []),
    ...(opts.remote === false ? [] : REMOTE),
    'INTERNAL_ERROR',
  ]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of all) {
    const status = statusOfCode(code);
    if (FROM_PERMISSION.has(status)) continue;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const decorators = [...byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, list]) =>
      ApiResponse({
        status,
        type: ErrorBodyDto,
        description: list.map((c) => `\`${c}\`: ${ERROR_CATALOGUE[c].fr}`).join('<br>'),
        examples: errorExamples(status, list),
      }),
    );
  if (opts.idempotent) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description:
          'Facultative, respectée si présente (8 à 128 lettres, chiffres, `-`, `_` ; un UUID convient). Une ' +
          'nouvelle tentative avec la même clé et le même corps rend la première réponse ' +
          '(`Idempotent-Replayed: true`) et n’écrit rien, même après une 503 ou une 504 ; la même clé avec un ' +
          'autre corps donne 422 `IDEMPOTENCY_KEY_REUSED`.',
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
      }),
    );
  }
  return applyDecorators(...decorators);
}
