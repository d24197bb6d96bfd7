import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KAFKA_CLIENTS, type KafkaClientName } from '@prosmed/config';
import { allTopics, MAX_MESSAGE_BYTES, REQUEST_REPLY_TOPIC_CONFIG } from '@prosmed/contracts';
import { testConfig } from '@prosmed/testing';
import { createKafkaDriver } from '../kafka-options';
import { RequestReplyClient, type CallContext } from '../request-reply';
import { bootstrapService, type RunningService } from '../service/bootstrap';
import { platformMigrations } from '../tables';
import type { KafkaDriver } from './driver';

jest.setTimeout(180_000);

const SCHEMA = 'large_message_it';
/** About what a 4.5 MiB attachment weighs in base64: more than 6 MiB, far above Kafka's 1 MiB default. */
const PAYLOAD_BYTES = 6 * 1024 * 1024 + 123;

interface Digest {
  size: number;
  sha256: string;
  /** The payload sent back, so the reply is as large as the request. */
  data: string;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Receives a large request and answers as large a reply (an upload, then a download). */
@Controller()
class BigController {
  @MessagePattern('big.echo.v1')
  echo(@Payload() body: { data: string }): Digest {
    return { size: body.data.length, sha256: sha(body.data), data: body.data };
  }
}

@Module({ controllers: [BigController] })
class BigModule {}

const call = (): CallContext => ({
  requestId: `it-${randomUUID()}`,
  identity: { sub: 'it-sub', username: 'it-user', roles: ['admin'] },
  language: 'fr',
  key: randomUUID(),
});

describe('request and reply topics carry attachments', () => {
  it('take records up to MAX_MESSAGE_BYTES (10 MiB); event topics keep the default', () => {
    expect(REQUEST_REPLY_TOPIC_CONFIG['max.message.bytes']).toBe(String(MAX_MESSAGE_BYTES));
    for (const t of allTopics()) {
      if (t.name.endsWith('.requests.v1'))
        expect(t.config?.['max.message.bytes']).toBe(String(MAX_MESSAGE_BYTES));
      else expect(t.config?.['max.message.bytes']).toBeUndefined();
    }
  });
});

describe.each(KAFKA_CLIENTS.filter((c) => !process.env.KAFKA_CLIENT || process.env.KAFKA_CLIENT === c))(
  'a %s round trip of a 6 MiB payload through the real broker',
  (client: KafkaClientName) => {
    const cfg = testConfig('large-message-it');
    const kafka = { ...cfg.kafka, client };
    const tag = randomBytes(4).toString('hex');
    const topic = `prosmed-test.big.requests.${tag}`;
    const groupId = `prosmed-large-message-it-${tag}`;
    let driver: KafkaDriver;
    let service: RunningService | undefined;
    let rr: RequestReplyClient | undefined;

    beforeAll(async () => {
      driver = createKafkaDriver(kafka, `-it-${tag}`);
      const admin = await driver.admin();
      try {
        await admin.createTopics([{ name: topic, partitions: 2, config: REQUEST_REPLY_TOPIC_CONFIG }]);
      } finally {
        await admin.close();
      }
      service = await bootstrapService({
        module: BigModule,
        name: 'land-conciliation',
        schema: SCHEMA,
        groupId,
        requestTopic: topic,
        migrations: platformMigrations(SCHEMA),
        port: 0,
        shutdownHooks: false,
        env: { ...process.env, KAFKA_CLIENT: client, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
      });
      rr = new RequestReplyClient({
        driver,
        timeoutMs: 60_000,
        label: `it-big-${tag}`,
        requestTopicOf: () => topic,
      });
      await rr.start();
    });

    afterAll(async () => {
      await rr?.close().catch(() => undefined);
      await service?.app.close().catch(() => undefined);
      const admin = await driver.admin();
      try {
        await admin.deleteTopics([topic]);
        await admin.deleteGroups([groupId]);
      } finally {
        await admin.close();
      }
    });

    it('sends, serves and replies two concurrent 6 MiB messages intact', async () => {
      // Two at once: the batching producer must not put them in one 12 MB produce request.
      const payloads = [0, 1].map(() =>
        randomBytes(PAYLOAD_BYTES).toString('base64').slice(0, PAYLOAD_BYTES),
      );
      const replies = await Promise.all(
        payloads.map((data) => rr!.send<Digest>({ id: 'big.echo.v1', service: 'big' }, { data }, call())),
      );
      replies.forEach((r, i) => {
        expect(r.size).toBe(PAYLOAD_BYTES);
        expect(r.sha256).toBe(sha(payloads[i]));
        expect(r.data.length).toBe(PAYLOAD_BYTES);
        expect(sha(r.data)).toBe(r.sha256);
      });
    });
  },
);
