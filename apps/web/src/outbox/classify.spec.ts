import { classify, newIdempotencyKey, retryDelayMs } from './classify';

describe('what the outbox does after an attempt', () => {
  it('removes what the server has (2xx, a replay included)', () => {
    expect(classify(201, { id: 'c1' })).toEqual({ kind: 'sent', status: 201, body: { id: 'c1' } });
  });

  it('sends again, with the same key, what may not have been applied', () => {
    for (const [status, body] of [
      [undefined, undefined],
      [503, { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'x' }],
      [504, { statusCode: 504, code: 'SERVICE_TIMEOUT', message: 'x' }],
      [409, { statusCode: 409, code: 'IDEMPOTENCY_IN_PROGRESS', message: 'x' }],
      [429, undefined],
      [401, { statusCode: 401, code: 'AUTH_INVALID_TOKEN', message: 'x' }],
    ] as const) {
      expect(classify(status, body).kind).toBe('retry');
    }
  });

  it('keeps a refusal or a conflict on the item with the server message', () => {
    const conflict = { statusCode: 409, code: 'VERSION_CONFLICT', message: 'Modifié entre-temps.' };
    expect(classify(409, conflict)).toEqual({ kind: 'refused', status: 409, error: conflict });
    expect(classify(422, { statusCode: 422, code: 'PLACE_OUTSIDE_COFO', message: 'Hors CoFo' }).kind).toBe(
      'refused',
    );
    expect(classify(400, 'not json')).toEqual({
      kind: 'refused',
      status: 400,
      error: { statusCode: 400, code: 'HTTP_400', message: 'HTTP 400' },
    });
  });

  it('waits longer after each failure, 5 minutes at most, and makes keys the gateway accepts', () => {
    expect([1, 2, 3, 10, 30].map(retryDelayMs)).toEqual([5000, 10000, 20000, 300000, 300000]);
    expect(newIdempotencyKey()).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
  });
});
