import { env } from '@prosmed/config';
import { bootstrapService, type RunningService, type ServiceBootstrapOptions } from '@prosmed/messaging';
import { AppModule } from './app.module';
import { EventConsumer, EVENTS_GROUP } from './ingest/event-consumer';
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
