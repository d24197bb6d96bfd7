import { DataSource } from 'typeorm';
import { env } from '@prosmed/config';
import { inTransaction } from '@prosmed/persistence';
import { bootstrapService, type RunningService, type ServiceBootstrapOptions } from '@prosmed/messaging';
import { AppModule } from './app.module';
import { EventConsumer, EVENTS_GROUP } from './ingest/event-consumer';
import { FactStore } from './ingest/fact-store';
import { REPORTING_MIGRATIONS } from './migrations';

/** How the reporting service starts (main.ts) and how tests start it in-process (overriding group and port). */
export const REPORTING_SERVICE: ServiceBootstrapOptions = {
  module: AppModule,
  name: 'reporting',
  schema: 'reporting',
  groupId: 'reporting',
  migrations: REPORTING_MIGRATIONS,
};

/**
 * The service kit's start (HTTP, migrations, outbox relay, request consumer), then the event consumer:
 * only once the schema is current, which the kit guarantees when it resolves.
 */
export async function startReporting(
  opts: Partial<ServiceBootstrapOptions> & { eventsGroup?: string; eventTopics?: string[] } = {},
): Promise<RunningService> {
  const { eventsGroup, eventTopics, ...kit } = opts;
  const running = await bootstrapService({ ...REPORTING_SERVICE, ...kit });
  try {
    const src = kit.env ?? process.env;
    // Indicators a migration added are counted over the history before new events arrive.
    const counted = await inTransaction(running.app.get(DataSource), (tx) =>
      running.app.get(FactStore).countPending(tx),
    );
    if (counted.length > 0)
      running.logger.log({ msg: 'indicators counted over the history', codes: counted }, 'reporting');
    await running.app.get(EventConsumer).start({
      groupId: eventsGroup ?? env.str(src, 'REPORTING_EVENTS_GROUP', EVENTS_GROUP),
      topics: eventTopics,
    });
  } catch (err) {
    await running.app.close().catch(() => undefined);
    throw err;
  }
  return running;
}
