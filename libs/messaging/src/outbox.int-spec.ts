import { randomBytes, randomUUID } from 'node:crypto';
import { Events, Headers } from '@prosmed/contracts';
import { createServiceDataSource, runMigrations } from '@prosmed/persistence';
import { TopicRecorder, pgConnection, testConfig, testKafka } from '@prosmed/testing';
import { IdempotentConsumer } from './idempotent-consumer';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox';
import { platformTablesMigration } from './tables';

const schema = `it_outbox_${randomBytes(4).toString('hex')}`;
const cfg = testConfig();
const ds = createServiceDataSource({
  schema,
  postgres: cfg.postgres,
  entities: [],
  migrations: [platformTablesMigration(schema)],
  applicationName: 'prosmed-test',
});

beforeAll(async () => {
  await ds.initialize();
  await runMigrations(ds, schema);
});
afterAll(async () => {
  await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await ds.destroy();
});

describe('transactional outbox and relay (real PostgreSQL and Kafka)', () => {
  it('publishes a row of a committed transaction once, and nothing of a rolled-back one', async () => {
    const recorder = await TopicRecorder.start([Events.platform.probe]);
    const relay = new OutboxRelay({
      schema,
      dataSource: ds,
      producer: testKafka().producer({ idempotent: true }),
      listenConnection: pgConnection(cfg),
      pollIntervalMs: 5000,
    });
    const writer = new OutboxWriter(schema);
    const committed = randomUUID();
    const rolledBack = randomUUID();
    try {
      await relay.start();
      await ds.transaction((tx) =>
        writer.add(tx, { topic: Events.platform.probe, key: committed, payload: { marker: committed } }),
      );
      await expect(
        ds.transaction(async (tx) => {
          await writer.add(tx, {
            topic: Events.platform.probe,
            key: rolledBack,
            payload: { marker: rolledBack },
          });
          throw new Error('business rule failed after the event was written');
        }),
      ).rejects.toThrow('business rule failed');

      // Woken by NOTIFY well before the 5 s poll.
      const got = await recorder.waitFor((m) => m.key === committed);
      expect(got).toHaveLength(1);
      expect(got[0].value).toEqual({ marker: committed });
      expect(got[0].headers[Headers.eventType]).toBe(Events.platform.probe);
      expect(got[0].headers[Headers.messageId]).toMatch(/^[0-9a-f-]{36}$/);

      // The relay marks the row once the broker acked it: the consumer can see the message a moment before
      // that UPDATE commits (a loaded machine widens the window), so wait for the mark, bounded.
      let rows: { published_at: Date | null }[] = [];
      for (const until = Date.now() + 10_000; Date.now() < until;) {
        rows = await ds.query(`SELECT "published_at" FROM "${schema}"."outbox" WHERE "key" = $1`, [
          committed,
        ]);
        if (rows[0]?.published_at) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(rows).toHaveLength(1);
      expect(rows[0].published_at).not.toBeNull();
      expect(
        await ds.query(`SELECT 1 FROM "${schema}"."outbox" WHERE "key" = $1`, [rolledBack]),
      ).toHaveLength(0);

      // Give the rolled-back one every chance to show up, and the committed one to be re-sent: neither happens.
      await relay.drain();
      await new Promise((r) => setTimeout(r, 1000));
      expect(recorder.messages.filter((m) => m.key === rolledBack)).toHaveLength(0);
      expect(recorder.messages.filter((m) => m.key === committed)).toHaveLength(1);
    } finally {
      await relay.stop();
      await recorder.stop();
    }
  });
});

describe('idempotent consumer (real PostgreSQL)', () => {
  beforeAll(async () => {
    await ds.query(`CREATE TABLE "${schema}"."counter" ("id" text PRIMARY KEY, "n" int NOT NULL)`);
    await ds.query(`INSERT INTO "${schema}"."counter" VALUES ('c', 0)`);
  });

  const bump = (tx: { query: (sql: string) => Promise<unknown> }) =>
    tx.query(`UPDATE "${schema}"."counter" SET "n" = "n" + 1 WHERE "id" = 'c'`);
  const count = async () =>
    ((await ds.query(`SELECT "n" FROM "${schema}"."counter" WHERE "id" = 'c'`)) as { n: number }[])[0].n;

  it('applies a redelivered message once, including deliveries in flight at the same time', async () => {
    const consumer = new IdempotentConsumer(ds, schema, 'it-counter');
    const messageId = randomUUID();
    const first = await consumer.handle(messageId, bump);
    const again = await consumer.handle(messageId, bump);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => consumer.handle(messageId, bump)));
    expect(first.applied).toBe(true);
    expect(again.applied).toBe(false);
    expect(concurrent.every((r) => !r.applied)).toBe(true);
    expect(await count()).toBe(1);

    const other = randomUUID();
    const racing = await Promise.all(Array.from({ length: 5 }, () => consumer.handle(other, bump)));
    expect(racing.filter((r) => r.applied)).toHaveLength(1);
    expect(await count()).toBe(2);
  });

  it('records nothing when the effect fails, so the redelivery is applied', async () => {
    const consumer = new IdempotentConsumer(ds, schema, 'it-counter');
    const messageId = randomUUID();
    await expect(
      consumer.handle(messageId, async (tx) => {
        await bump(tx);
        throw new Error('effect failed');
      }),
    ).rejects.toThrow('effect failed');
    const before = await count();
    expect((await consumer.handle(messageId, bump)).applied).toBe(true);
    expect(await count()).toBe(before + 1);
  });
});
