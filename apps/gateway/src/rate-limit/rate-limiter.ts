import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { AuthRateLimiter } from '@prosmed/auth';
import type { GatewayConfig, RateLimitConfig } from '../config';
import { ApiError } from '../errors/api-error';
import { GATEWAY_CONFIG } from '../tokens';

interface Window {
  start: number;
  count: number;
}

/**
 * Fixed-window request counter per caller (`sub:<subject>` once authenticated, else `ip:<address>`),
 * in this instance's memory: N instances behind a load balancer allow up to N times the limit in the
 * worst case (a shared store such as Redis would be needed for an exact global limit; the gateway has
 * none on purpose). Over the limit: 429 `RATE_LIMITED` with `Retry-After` (seconds to the next window).
 */
export class FixedWindowLimiter implements AuthRateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly limit: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    // Forget callers whose window is over, so the map holds only the active ones.
    this.sweeper = setInterval(() => this.sweep(), Math.max(limit.windowMs, 1000)).unref();
  }

  consume(key: string): void {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.limit.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count > this.limit.max) {
      const retryAfter = Math.max(1, Math.ceil((w.start + this.limit.windowMs - now) / 1000));
      throw new ApiError('RATE_LIMITED', { retryAfter }, undefined, { 'Retry-After': String(retryAfter) });
    }
  }

  sweep(): void {
    const now = this.now();
    for (const [k, w] of this.windows) if (now - w.start >= this.limit.windowMs) this.windows.delete(k);
  }

  get size(): number {
    return this.windows.size;
  }

  stop(): void {
    clearInterval(this.sweeper);
  }
}

@Injectable()
export class GatewayRateLimiter extends FixedWindowLimiter implements OnModuleDestroy {
  constructor(@Inject(GATEWAY_CONFIG) cfg: GatewayConfig) {
    super(cfg.rateLimit);
  }

  onModuleDestroy(): void {
    this.stop();
  }
}
