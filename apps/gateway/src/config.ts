import { hostname } from 'node:os';
import path from 'node:path';
import { APPS, appPort, env, loadPlatformConfig, type PlatformConfig } from '@prosmed/config';

export interface RateLimitConfig {
  /** Requests allowed per caller (token subject, else IP) in each window. */
  max: number;
  windowMs: number;
}

export interface GatewayConfig extends PlatformConfig {
  port: number;
  /** Largest JSON body accepted, in bytes (413 beyond). */
  bodyLimitBytes: number;
  /** Origins allowed to call the API from a browser (CORS); none by default: same-origin only. */
  corsOrigins: string[];
  rateLimit: RateLimitConfig;
  idempotency: {
    /** How long a key's first answer is replayed. */
    ttlMs: number;
    /** How long a duplicate waits for the first request to finish before answering 409. */
    waitMs: number;
    /** Period of the purge of expired keys. */
    purgeEveryMs: number;
  };
  /**
   * Consumer group of this instance's reply consumer: unique per instance, so that each instance is
   * assigned every partition of the reply topics it subscribes to (see GatewayKafka).
   */
  replyGroupId: string;
  /** Express `trust proxy`: hops of reverse proxies whose X-Forwarded-For is believed (0 = none). */
  trustProxyHops: number;
  /** The built web app served at `/` (`npm run web:build`); when absent, `/` stays the JSON 404. */
  webDistDir: string;
}

export function loadGatewayConfig(src: Record<string, string | undefined> = process.env): GatewayConfig {
  const platform = loadPlatformConfig('gateway', src);
  const gateway = APPS.find((a) => a.name === 'gateway');
  if (!gateway) throw new Error('gateway missing from APPS');
  return {
    ...platform,
    port: appPort(gateway, src),
    bodyLimitBytes: env.int(src, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 50 * 1024 * 1024),
    corsOrigins: env.list(src, 'CORS_ORIGINS', []),
    rateLimit: {
      max: env.int(src, 'RATE_LIMIT_MAX', 600, 1),
      windowMs: env.int(src, 'RATE_LIMIT_WINDOW_MS', 60_000, 100, 24 * 3600_000),
    },
    idempotency: {
      ttlMs: env.int(src, 'IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30) * 3600_000,
      waitMs: env.int(src, 'IDEMPOTENCY_WAIT_MS', platform.kafka.requestTimeoutMs + 2000, 0, 300_000),
      purgeEveryMs: env.int(src, 'IDEMPOTENCY_PURGE_EVERY_MS', 10 * 60_000, 1000),
    },
    replyGroupId: env.str(src, 'KAFKA_REPLY_GROUP_ID', `gateway-${hostname()}-${process.pid}`),
    trustProxyHops: env.int(src, 'TRUST_PROXY_HOPS', 0, 0, 10),
    webDistDir: path.resolve(env.str(src, 'WEB_DIST_DIR', 'apps/web/dist')),
  };
}
