import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OutboxRelay } from '../outbox-relay';
import type { KafkaRequestServer } from '../transport/request-server';
import { JsonLogger } from './logger';

export type CheckState = 'up' | 'down' | 'pending';

export interface Readiness {
  ready: boolean;
  checks: { migrations: CheckState; postgres: CheckState; kafka: CheckState };
}

const PG_CHECK_TIMEOUT_MS = 2000;

/**
 * What a running service holds beside Nest's container: its Kafka server and outbox relay, whether its
 * migrations ran. Answers `/ready` and stops things in the right order on shutdown.
 */
@Injectable()
export class ServiceRuntime implements BeforeApplicationShutdown {
  private server?: KafkaRequestServer;
  private relay?: OutboxRelay;
  private migrated = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  attach(parts: { server?: KafkaRequestServer; relay?: OutboxRelay; migrated?: boolean }): void {
    if (parts.server) this.server = parts.server;
    if (parts.relay) this.relay = parts.relay;
    if (parts.migrated !== undefined) this.migrated = parts.migrated;
  }

  async readiness(): Promise<Readiness> {
    const postgres = await this.pingPostgres();
    const kafka: CheckState = this.server?.consumerJoined ? 'up' : this.server ? 'down' : 'pending';
    const migrations: CheckState = this.migrated ? 'up' : 'pending';
    return {
      ready: postgres === 'up' && kafka === 'up' && migrations === 'up',
      checks: { migrations, postgres, kafka },
    };
  }

  private async pingPostgres(): Promise<CheckState> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('select 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), PG_CHECK_TIMEOUT_MS);
        }),
      ]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs before Nest closes the HTTP server, the microservice and (last, in TypeORM's shutdown hook) the
   * pool. The consumer goes first: it stops taking requests and waits for the ones in flight, whose
   * outbox rows the relay can then still publish before it stops.
   */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.logger.log({ msg: 'shutting down', signal }, ServiceRuntime.name);
    const server = this.server;
    this.server = undefined;
    await server
      ?.close()
      .catch((err: unknown) =>
        this.logger.warn({ msg: 'closing the Kafka consumer failed', err: String(err) }),
      );
    const relay = this.relay;
    this.relay = undefined;
    if (relay) {
      await relay.drain().catch(() => undefined);
      await relay
        .stop()
        .catch((err: unknown) =>
          this.logger.warn({ msg: 'stopping the outbox relay failed', err: String(err) }),
        );
    }
    this.logger.log({ msg: 'consumer closed, outbox relay stopped' }, ServiceRuntime.name);
  }
}
