import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, ERROR_CATALOGUE, type ErrorCode, type ErrorKind } from '@prosmed/contracts';
import { BrokerUnavailableError, RemoteError, RemoteFailure, RequestTimeoutError } from '@prosmed/messaging';
import { ApiError, isErrorKind, statusOfCode, statusOfKind, type CatalogueKind } from './api-error';
import { errorResponseOf } from './error-response';

const limits = { bodyLimitBytes: 256 * 1024 };
const map = (err: unknown, lang: 'fr' | 'en' = 'fr') => errorResponseOf(err, lang, 'req-12345678', limits);

describe('error kinds to HTTP statuses', () => {
  it.each<[CatalogueKind, number]>([
    ['validation', 400],
    ['unauthenticated', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
    ['too_large', 413],
    ['unsupported_media', 415],
    ['business_rule', 422],
    ['rate_limited', 429],
    ['internal', 500],
    ['unavailable', 503],
    ['timeout', 504],
  ])('%s -> %d', (kind, status) => {
    expect(statusOfKind(kind)).toBe(status);
  });

  it('gives every catalogue code a status (the switch is exhaustive)', () => {
    for (const code of Object.keys(ERROR_CATALOGUE) as ErrorCode[]) {
      expect(statusOfCode(code)).toBeGreaterThanOrEqual(400);
    }
  });

  it('throws on a kind outside the union instead of guessing', () => {
    expect(() => statusOfKind('teapot' as CatalogueKind)).toThrow(/No HTTP status/);
    expect(isErrorKind('teapot')).toBe(false);
    expect(isErrorKind('conflict')).toBe(true);
  });
});

describe('a service RemoteError, mapped by kind', () => {
  it.each<[ErrorKind, string, number]>([
    ['validation', 'VALIDATION_FAILED', 400],
    ['unauthenticated', 'AUTH_INVALID_TOKEN', 401],
    ['forbidden', 'OUT_OF_SCOPE', 403],
    ['not_found', 'COFO_NOT_FOUND', 404],
    ['conflict', 'VERSION_CONFLICT', 409],
    ['business_rule', 'PLACE_UNKNOWN', 422],
    ['expired', 'COMMAND_EXPIRED', 503],
  ])('%s (%s) -> %d', (kind, code, status) => {
    const r = map(new RemoteError({ code, kind, params: { code: 'SEG01', expected: 2, actual: 3 } }));
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ statusCode: status, code, requestId: 'req-12345678' });
    expect(r.body.message).not.toMatch(/\{\w+\}/);
  });

  it('keeps field details of a validation error', () => {
    const details = [{ field: 'members[0].sex', code: 'isIn' }];
    const r = map(new RemoteError({ code: 'VALIDATION_FAILED', kind: 'validation', details }));
    // Field and code kept; the message in the reader's language (French by default).
    expect(r.body.details).toEqual([{ ...details[0], message: 'n’est pas une valeur permise' }]);
  });

  it('renders every field detail in French, or in English on request, numbers kept', () => {
    const details = [
      { field: 'name', code: 'maxLength', message: 'name must be shorter than or equal to 200 characters' },
      { field: 'filedOn', code: 'matches', message: 'filedOn must be a date YYYY-MM-DD' },
      { field: 'x', code: 'whitelistValidation', message: 'property x should not exist' },
      { field: 'y', code: 'someFutureRule', message: 'kept as sent' },
    ];
    const fr = map(new RemoteError({ code: 'VALIDATION_FAILED', kind: 'validation', details }));
    expect(fr.body.details?.map((d) => d.message)).toEqual([
      'doit contenir au plus 200 caractères',
      'doit être une date AAAA-MM-JJ',
      'champ inconnu : retirez-le',
      'kept as sent',
    ]);
    const en = map(new RemoteError({ code: 'VALIDATION_FAILED', kind: 'validation', details }), 'en');
    expect(en.body.details?.[0].message).toBe('must be at most 200 characters long');
  });

  it('renders parameters in French by default, in English on request', () => {
    const err = new RemoteError({ code: 'COFO_NOT_FOUND', kind: 'not_found', params: { code: 'SEG99' } });
    expect(map(err).body.message).toBe('CoFo introuvable : SEG99.');
    expect(map(err, 'en').body.message).toBe('CoFo not found: SEG99.');
  });

  it('answers a code the catalogue does not know with a generic message of its kind, and flags it', () => {
    const r = map(new RemoteError({ code: 'SOMETHING_NEW', kind: 'conflict' }));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('SOMETHING_NEW');
    expect(r.body.message).toMatch(/conflit/);
    expect(r.cause).toMatch(/not in the catalogue/);
  });

  it('answers an unknown kind with 500', () => {
    const r = map(new RemoteError({ code: 'X', kind: 'weird' as ErrorKind }));
    expect(r.status).toBe(500);
    expect(r.body.code).toBe('INTERNAL_ERROR');
  });
});

describe('transport and gateway errors', () => {
  it('timeout -> 504, broker down -> 503 with Retry-After', () => {
    expect(map(new RequestTimeoutError('land.cofo.get.v1', 5000))).toMatchObject({
      status: 504,
      body: { code: 'SERVICE_TIMEOUT' },
    });
    const down = map(new BrokerUnavailableError(new Error('ECONNREFUSED')));
    expect(down).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
    expect(down.headers['Retry-After']).toBe('5');
  });

  it('anything unclassified -> 500 with only the request id, cause kept for the log', () => {
    for (const err of [
      new RemoteFailure('Internal server error'),
      new Error('SELECT * FROM secrets'),
      'boom',
      null,
    ]) {
      const r = map(err);
      expect(r.status).toBe(500);
      expect(r.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: "Erreur interne : communiquez l'identifiant de la requête au support.",
        requestId: 'req-12345678',
      });
    }
    expect(map(new Error('SELECT * FROM secrets')).cause).toBeInstanceOf(Error);
  });

  it('the auth guards: 401 with WWW-Authenticate, 403 naming the permission', () => {
    const missing = map(new DomainError('AUTH_MISSING_TOKEN', 'unauthenticated'));
    expect(missing.status).toBe(401);
    expect(missing.headers['WWW-Authenticate']).toBe('Bearer realm="prosmed"');
    const invalid = map(new DomainError('AUTH_INVALID_TOKEN', 'unauthenticated'));
    expect(invalid.headers['WWW-Authenticate']).toContain('error="invalid_token"');
    const forbidden = map(new DomainError('FORBIDDEN_ROLE', 'forbidden', { permission: 'cofo:write' }), 'en');
    expect(forbidden).toMatchObject({
      status: 403,
      body: { message: 'Your role does not allow this operation (cofo:write).' },
    });
  });

  it('the gateway its own codes, with their headers', () => {
    const r = map(new ApiError('RATE_LIMITED', { retryAfter: 12 }, undefined, { 'Retry-After': '12' }));
    expect(r).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '12' },
      body: { code: 'RATE_LIMITED' },
    });
    expect(r.body.message).toBe('Trop de requêtes : réessayez dans 12 s.');
    expect(map(new ApiError('IDEMPOTENCY_KEY_REUSED')).status).toBe(422);
    expect(map(new ApiError('IDEMPOTENCY_IN_PROGRESS')).status).toBe(409);
    expect(map(new ApiError('UNSUPPORTED_MEDIA_TYPE')).status).toBe(415);
  });

  it("Nest's 404 of unknown routes and body-parser errors", () => {
    expect(map(new NotFoundException('Cannot GET /x'))).toMatchObject({
      status: 404,
      body: { code: 'ROUTE_NOT_FOUND' },
    });
    expect(map(new BadRequestException('bad'))).toMatchObject({
      status: 400,
      body: { code: 'VALIDATION_FAILED' },
    });
    const tooLarge = map(Object.assign(new Error('request entity too large'), { type: 'entity.too.large' }));
    expect(tooLarge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(tooLarge.body.message).toContain('256 kB');
    expect(
      map(Object.assign(new SyntaxError('Unexpected token'), { type: 'entity.parse.failed' })),
    ).toMatchObject({
      status: 400,
      body: { code: 'MALFORMED_JSON' },
    });
    expect(map(Object.assign(new Error('unsupported charset'), { type: 'charset.unsupported' })).status).toBe(
      415,
    );
  });
});
