import { ApiError } from '../errors/api-error';
import { FixedWindowLimiter } from './rate-limiter';

describe('fixed-window rate limiter', () => {
  let now = 1_000_000;
  const limiter = new FixedWindowLimiter({ max: 3, windowMs: 10_000 }, () => now);
  afterAll(() => limiter.stop());

  it('allows max requests per window and key, then 429 with Retry-After', () => {
    for (let i = 0; i < 3; i++) limiter.consume('sub:a');
    let err: unknown;
    try {
      now += 2500;
      limiter.consume('sub:a');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      params: { retryAfter: 8 },
      headers: { 'Retry-After': '8' },
    });
    // Another caller is not affected.
    expect(() => limiter.consume('sub:b')).not.toThrow();
    expect(() => limiter.consume('ip:10.0.0.1')).not.toThrow();
  });

  it('opens a new window when the previous one is over, and forgets idle callers', () => {
    now += 7500;
    expect(() => limiter.consume('sub:a')).not.toThrow();
    expect(limiter.size).toBe(3);
    now += 10_000;
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});
