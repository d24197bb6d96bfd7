import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  BrokerUnavailableError,
  type CallContext,
  createKafkaDriver,
  type DriverAdmin,
  type DriverLog,
  JsonLogger,
  type KafkaDriver,
  MAX_RESTART_DELAY_MS,
  RemoteError,
  RequestReplyClient,
  RequestTimeoutError,
} from '@prosmed/messaging';
import type { GatewayConfig } from '../config';
import { GatewayMetrics, type KafkaOutcome } from '../metrics/metrics';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../tokens';

const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms).unref());

function outcomeOf(err: unknown): KafkaOutcome {
  if (err instanceof RemoteError) return 'remote_error';
  if (err instanceof RequestTimeoutError) return 'timeout';
  if (err instanceof BrokerUnavailableError) return 'unavailable';
  return 'failure';
}

/** A message of the catalogue: its id (the `x-message` header) and the service whose topic carries it. */
export interface GatewayMessage {
  readonly id: string;
  readonly service: string;
}

/**
 * Request-reply over Kafka for the gateway: `RequestReplyClient` (typed errors, a timeout on every call,
 * replies on a topic only this instance reads, see there), plus readiness and metrics (labelled by
 * message id). Connects in the background and again after a failed start, so the gateway serves
 * `/api/health` at once and `/api/ready` says when Kafka is there.
 */
@Injectable()
export class GatewayKafka implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly driver: KafkaDriver;
  private readonly log: DriverLog;
  private rr: RequestReplyClient;
  private admin?: Promise<DriverAdmin>;
  private closed = false;
  private loop?: Promise<void>;
  private lastProbe = { at: 0, ok: false };

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly cfg: GatewayConfig,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
  ) {
    this.log = {
      warn: (l) => logger.warn(l, 'GatewayKafka'),
      error: (l) => logger.error(l, 'GatewayKafka'),
      debug: (l) => logger.debug(l, 'GatewayKafka'),
    };
    this.driver = createKafkaDriver(cfg.kafka, '-gateway', this.log);
    this.rr = this.newClient();
  }

  private newClient(): RequestReplyClient {
    return new RequestReplyClient({
      driver: this.driver,
      timeoutMs: this.cfg.kafka.requestTimeoutMs,
      label: this.cfg.replyGroupId,
      log: this.log,
    });
  }

  /** This instance's reply topic (a new one at every start). */
  get replyTopic(): string {
    return this.rr.replyTopic;
  }

  onApplicationBootstrap(): void {
    this.loop = this.connectLoop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.rr.close().catch(() => undefined);
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.close()).catch(() => undefined);
    await this.loop;
  }

  /** True once the producer is connected and the reply consumer is in its group. */
  isConnected(): boolean {
    return !this.closed && this.rr.connected;
  }

  /** Waits (bounded) until connected; for start-up in tests and the benchmark. */
  async whenConnected(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.isConnected()) {
      if (Date.now() > until || this.closed) throw new Error(`Kafka not connected within ${timeoutMs} ms`);
      await sleep(20);
    }
  }

  async send<T>(message: GatewayMessage, value: unknown, ctx: CallContext): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      if (!this.isConnected()) throw new BrokerUnavailableError(new Error('Kafka client not connected'));
      const reply = await this.rr.send<T>(message, value, ctx);
      this.observe(message.id, 'ok', started);
      return reply;
    } catch (err) {
      let error = err;
      // No reply in time: the service is slow or stopped (504) unless the broker itself is gone (503).
      if (err instanceof RequestTimeoutError && !(await this.brokerReachable(1000))) {
        error = new BrokerUnavailableError(err);
      }
      this.observe(message.id, outcomeOf(error), started);
      throw error;
    }
  }

  /** Describes the cluster through a separate admin connection, bounded; the result is cached 1 s. */
  async brokerReachable(timeoutMs = 2000): Promise<boolean> {
    if (Date.now() - this.lastProbe.at < 1000) return this.lastProbe.ok;
    let ok = false;
    try {
      this.admin ??= this.driver.admin();
      await withTimeout(
        this.admin.then((a) => a.ping()),
        timeoutMs,
      );
      ok = true;
    } catch {
      // Reconnect from scratch next time.
      const admin = this.admin;
      this.admin = undefined;
      void admin?.then((a) => a.close()).catch(() => undefined);
    }
    this.lastProbe = { at: Date.now(), ok };
    return ok;
  }

  private observe(message: string, outcome: KafkaOutcome, started: bigint): void {
    this.metrics.observeKafka(message, outcome, Number(process.hrtime.bigint() - started) / 1e9);
  }

  private async connectLoop(): Promise<void> {
    let delay = 500;
    while (!this.closed) {
      try {
        await this.rr.start();
        this.logger.log(
          {
            msg: 'Kafka request-reply client connected',
            replyTopic: this.rr.replyTopic,
            client: this.driver.name,
          },
          'GatewayKafka',
        );
        return;
      } catch (err) {
        if (this.closed) return;
        this.logger.warn(
          { msg: 'Kafka connection failed; retrying', err: String(err), retryInMs: delay },
          'GatewayKafka',
        );
        // Start over with a fresh client (and reply topic): the failed one may hold half a connection.
        await this.rr.close().catch(() => undefined);
        this.rr = this.newClient();
        await sleep(delay);
        delay = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
      }
    }
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
