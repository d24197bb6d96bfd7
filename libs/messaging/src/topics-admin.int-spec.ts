import { randomBytes } from 'node:crypto';
import { KAFKA_CLIENTS } from '@prosmed/config';
import {
  allTopics,
  PERSONAL_DATA_TOPIC_CONFIG,
  EVENT_TOPIC_CONFIG,
  REQUEST_REPLY_TOPIC_CONFIG,
  REQUEST_TOPICS,
} from '@prosmed/contracts';
import { testConfig } from '@prosmed/testing';
import { createKafkaDriver } from './kafka-options';
import { BrokerUnavailableError, RequestReplyClient } from './request-reply';
import { ensureTopics } from './topics-admin';

const KEYS = Object.keys(PERSONAL_DATA_TOPIC_CONFIG);

describe.each(KAFKA_CLIENTS.filter((c) => !process.env.KAFKA_CLIENT || process.env.KAFKA_CLIENT === c))(
  'topic admin on the real broker (%s)',
  (client) => {
    const cfg = { ...testConfig('topics-it').kafka, client };
    const driver = createKafkaDriver(cfg, '-it');

    it('creates with the personal-data retention, and sets it (and more partitions) on a topic made without', async () => {
      const tag = randomBytes(4).toString('hex');
      const old = `prosmed-test.retention-old.${tag}`;
      const fresh = `prosmed-test.retention-new.${tag}`;
      const admin = await driver.admin();
      try {
        await admin.createTopics([
          { name: old, partitions: 1, config: { 'retention.ms': String(7 * 86_400_000) } },
        ]);
        const plan = await ensureTopics(cfg, [
          { name: old, partitions: 2, description: 'request', config: PERSONAL_DATA_TOPIC_CONFIG },
          { name: fresh, partitions: 2, description: 'request', config: PERSONAL_DATA_TOPIC_CONFIG },
        ]);
        expect(plan.create.map((t) => t.name)).toEqual([fresh]);
        expect(plan.grow).toEqual([{ name: old, from: 1, to: 2 }]);
        // Both keys: the old topic had the broker's 7-day segments too.
        expect(plan.alter).toEqual([{ name: old, config: PERSONAL_DATA_TOPIC_CONFIG }]);
        const configs = await admin.topicConfigs([old, fresh], KEYS);
        expect(configs.get(old)).toEqual(PERSONAL_DATA_TOPIC_CONFIG);
        expect(configs.get(fresh)).toEqual(PERSONAL_DATA_TOPIC_CONFIG);
        expect(await admin.partitionCounts([old, fresh])).toEqual(
          new Map([
            [old, 2],
            [fresh, 2],
          ]),
        );
        const again = await ensureTopics(cfg, [
          { name: old, partitions: 2, description: 'request', config: PERSONAL_DATA_TOPIC_CONFIG },
        ]);
        expect({ create: again.create, grow: again.grow, alter: again.alter }).toEqual({
          create: [],
          grow: [],
          alter: [],
        });
      } finally {
        await admin.deleteTopics([old, fresh]).catch(() => undefined);
        await admin.close();
      }
    });

    it('leaves the stack with one request topic per service, an hour at most, and events kept for good', async () => {
      await ensureTopics(cfg, allTopics());
      const admin = await driver.admin();
      try {
        const requests = Object.values(REQUEST_TOPICS);
        const configs = await admin.topicConfigs(requests, Object.keys(REQUEST_REPLY_TOPIC_CONFIG));
        for (const t of requests) expect(configs.get(t)).toEqual(REQUEST_REPLY_TOPIC_CONFIG);
        const events = allTopics()
          .filter((t) => t.description === 'event')
          .map((t) => t.name);
        expect(events.length).toBeGreaterThan(0);
        const eventConfigs = await admin.topicConfigs(events, ['retention.ms']);
        for (const t of events) expect(eventConfigs.get(t)).toEqual(EVENT_TOPIC_CONFIG);
      } finally {
        await admin.close();
      }
    });

    it('a caller whose broker does not answer fails to start within seconds, and its calls are refused (503)', async () => {
      const quiet = { warn: () => undefined, error: () => undefined };
      const dead = createKafkaDriver({ ...cfg, brokers: ['127.0.0.1:1'] }, '-dead', quiet);
      const rr = new RequestReplyClient({ driver: dead, timeoutMs: 1000, label: 'it-dead' });
      const started = Date.now();
      await expect(rr.start()).rejects.toBeDefined();
      expect(Date.now() - started).toBeLessThan(30_000);
      await expect(rr.send('land.cofo.get.v1', {}, { requestId: 'it-dead' })).rejects.toBeInstanceOf(
        BrokerUnavailableError,
      );
      await rr.close();
    });
  },
);
