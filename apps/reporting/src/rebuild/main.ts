import 'reflect-metadata';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { env, loadPlatformConfig, type KafkaConfig } from '@prosmed/config';
import { inTransaction } from '@prosmed/persistence';
import { eventTopics } from '../ingest/event-sources';
import { EVENTS_GROUP } from '../ingest/event-consumer';
import { FactStore } from '../ingest/fact-store';
import { differences, SOURCE_CHECKS, totalsOf } from './compare';
import {
  applyRebuild,
  expectedRecords,
  recordsBeside,
  refusedByDatabase,
  storedTotals,
  withoutRefused,
} from './rebuild';
import { replayTopics } from './replay';

/**
 * `npm run reporting:rebuild [-- --apply]`: reads every event topic from its beginning, recomputes every
 * indicator, and prints each difference with the read models and with each source service's own counts.
 * With `--apply`, writes the records of every event read again, with the current indicators, in one
 * transaction that locks the read models (see `applyRebuild`): safe while the service consumes, whose
 * writes wait for the commit. Exit 0: no difference (or applied), 1: differences (dry run), 2: failure.
 */
async function main(): Promise<number> {
  const apply = process.argv.includes('--apply');
  const cfg = loadPlatformConfig('reporting-rebuild');
  const ds = new DataSource({
    type: 'postgres',
    host: cfg.postgres.host,
    port: cfg.postgres.port,
    username: cfg.postgres.user,
    password: cfg.postgres.password || undefined,
    database: cfg.postgres.database,
    applicationName: 'reporting-rebuild',
  });
  await ds.initialize();
  try {
    const store = new FactStore();
    const defs = await store.indicators(ds);
    const codes = defs.map((d) => d.code);
    const replay = await replayTopics(cfg.kafka, eventTopics());
    console.log(
      `read ${replay.read} events (${replay.messageIds.length} distinct, ${replay.parked} unreadable or unknown)`,
    );
    const refused = await refusedByDatabase(ds, replay.readable);
    if (refused.size > 0)
      console.log(`${refused.size} events the database refused stay parked (rejected-by-database)`);
    const beside = await recordsBeside(ds, replay);
    console.log(
      `read models also hold ${beside.activities.length} activities recorded here and ${beside.kept.length} records whose event the topics do not hold (kept)`,
    );
    const diff = differences(
      totalsOf(defs, expectedRecords(withoutRefused(replay, refused).records, beside)),
      await storedTotals(ds, codes),
      ['events', 'read model'],
    );
    console.log(
      diff.length === 0 ? 'read models: no difference' : `read models: ${diff.length} difference(s)`,
    );
    for (const line of diff) console.log(`  ${line}`);

    let sourceDiffs = 0;
    for (const check of SOURCE_CHECKS) {
      const events = check.fromEvents(replay.records);
      try {
        const [{ n }]: { n: number }[] = await ds.query(check.sql);
        const same = n === events;
        if (!same) sourceDiffs++;
        console.log(`${same ? 'same' : 'DIFFERENT'}  ${check.label}: service ${n}, events ${events}`);
      } catch (err) {
        console.log(
          `unavailable  ${check.label}: ${err instanceof Error ? err.message : String(err)} (events ${events})`,
        );
      }
    }

    if (!apply) return diff.length + sourceDiffs === 0 ? 0 : 1;
    const group = env.str(process.env, 'REPORTING_EVENTS_GROUP', EVENTS_GROUP);
    const members = await groupMembers(cfg.kafka, group).catch(() => undefined);
    if (members)
      console.log(
        `the service consumes meanwhile (group ${group}: ${members} member(s)): its writes wait for this transaction`,
      );
    const t = Date.now();
    const done = await inTransaction(ds, (tx) => applyRebuild(tx, store, defs, replay));
    console.log(
      `applied in ${Date.now() - t} ms: ${done.replaced} records written again, ${done.kept} kept, ${done.unparked} parked events now counted; read models agree with the events`,
    );
    return 0;
  } finally {
    await ds.destroy();
  }
}

/** Members of the service's events group now (0 when the service is stopped). */
async function groupMembers(kafka: KafkaConfig, groupId: string): Promise<number> {
  const admin = new Kafka({
    clientId: `${kafka.clientId}-rebuild`,
    brokers: kafka.brokers,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    return groups[0]?.members.length ?? 0;
  } finally {
    await admin.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`rebuild failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
