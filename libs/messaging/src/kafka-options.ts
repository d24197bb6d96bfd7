import { logLevel, type KafkaConfig as KafkaJsConfig } from 'kafkajs';
import type { KafkaConfig } from '@prosmed/config';
import type { DriverAdmin, DriverLog, KafkaDriver } from './transport/driver';
import { KafkaJsDriver } from './transport/kafkajs-driver';
import { PlatformaticDriver } from './transport/platformatic-driver';

/**
 * How long the broker may hold a fetch that finds nothing new. It adds no latency: the broker answers as
 * soon as one record arrives on any partition of the fetch. What it sets is how often an idle consumer
 * asks again: at 20-50 ms an idle gateway and land service burned about 10 % of a core each, and the
 * broker more (bench/README.md, "Kafka options"). 1 s keeps heartbeats (kafkajs sends them between
 * fetches) well inside the session timeout, and a consumer asked to stop waits at most that long.
 */
export const IDLE_FETCH_WAIT_MS = 1000;

/**
 * The session timeout we ask for: a member that died without leaving (SIGKILL, power loss) holds its
 * partitions this long before the group moves them, so a restarted service serves again within about
 * this plus a join. The broker refuses anything under its `group.min.session.timeout.ms` (6 s by
 * default; the stack runner sets 1 s), so the kit asks the broker and uses the larger of the two.
 */
export const FAST_SESSION_TIMEOUT_MS = 3000;

/** Handled request offsets are committed at most once a second: a crash redelivers at most that much. */
export const REQUEST_COMMIT_INTERVAL_MS = 1000;

/**
 * Partitions a service replica handles at once, each in order. Above the request topic's partition
 * count (12) it changes nothing; PostgreSQL's pool (10 by default) bounds the real concurrency.
 */
export const REQUEST_CONCURRENCY = 12;

/**
 * Longest pause between two attempts to start a consumer again after it died (the broker went away). An
 * attempt is one connection try: cheap. Measured with the fault tests: doubling up to 10 s made the
 * service and the gateway come back up to 8 s after the broker did.
 */
export const MAX_RESTART_DELAY_MS = 2000;

export interface GroupTimings {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
}

/** Pure: the timings of a consumer group, given the broker's minimum session timeout (if known). */
export function groupTimings(brokerMinSessionMs?: string | number): GroupTimings {
  const min = Number(brokerMinSessionMs);
  const sessionTimeoutMs = Math.max(FAST_SESSION_TIMEOUT_MS, Number.isFinite(min) ? min : 6000);
  return {
    sessionTimeoutMs,
    // Three heartbeats per session: one lost heartbeat never costs the membership.
    heartbeatIntervalMs: Math.max(300, Math.floor(sessionTimeoutMs / 3)),
    // How long a rebalance waits for members to finish what they hold and rejoin.
    rebalanceTimeoutMs: 10_000,
  };
}

/** The group timings this broker allows; the broker's default minimum when it cannot say. */
export async function brokerGroupTimings(admin: DriverAdmin): Promise<GroupTimings> {
  const min = await admin.brokerConfig('group.min.session.timeout.ms').catch(() => undefined);
  return groupTimings(min);
}

/** kafkajs client settings shared by every app: bounded connects and retries, kafkajs' own logs quiet. */
export function kafkaJsConfig(cfg: KafkaConfig, clientIdSuffix = ''): KafkaJsConfig {
  return {
    clientId: `${cfg.clientId}${clientIdSuffix}`,
    brokers: cfg.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2000 },
    logLevel: logLevel.WARN,
  };
}

/** The transport's Kafka client, chosen by `KAFKA_CLIENT`. */
export function createKafkaDriver(
  cfg: Pick<KafkaConfig, 'brokers' | 'clientId' | 'client'>,
  clientIdSuffix = '',
  log?: DriverLog,
): KafkaDriver {
  const opts = { brokers: cfg.brokers, clientId: `${cfg.clientId}${clientIdSuffix}`, log };
  return cfg.client === 'platformatic' ? new PlatformaticDriver(opts) : new KafkaJsDriver(opts);
}
