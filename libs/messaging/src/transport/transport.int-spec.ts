import { randomBytes, randomUUID } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { KAFKA_CLIENTS, type KafkaClientName } from '@prosmed/config';
import { domainError, REPLY_TOPIC_PREFIX } from '@prosmed/contracts';
import { testConfig } from '@prosmed/testing';
import { createKafkaDriver } from '../kafka-options';
import {
  RemoteError,
  RemoteFailure,
  RequestReplyClient,
  RequestTimeoutError,
  type CallContext,
} from '../request-reply';
import { bootstrapService, type RunningService } from '../service/bootstrap';
import { peekRequestHeaders, readRequestContext } from '../service/request-context';
import { platformMigrations } from '../tables';
import type { KafkaDriver } from './driver';
import { RequestReplyClientProxy } from './client-proxy';
import type { RequestMessageContext } from './request-context';

jest.setTimeout(120_000);

const INSTANCE = Symbol('INSTANCE');
const SCHEMA = 'transport_it';
const PARTITIONS = 4;

interface Echo {
  instance: string;
  body: unknown;
  pattern: string;
  partition: number;
  requestId: string;
  headers: ReturnType<typeof peekRequestHeaders>;
}

/** A "land-like" service: a few `@MessagePattern` handlers behind the service kit. */
@Controller()
class EchoController {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @MessagePattern('echo.say.v1')
  say(@Payload() body: unknown, @Ctx() ctx: RequestMessageContext): Echo {
    return {
      instance: this.instance,
      body,
      pattern: ctx.getTopic(),
      partition: ctx.getPartition(),
      requestId: readRequestContext(ctx).requestId,
      headers: peekRequestHeaders(ctx),
    };
  }

  @MessagePattern('echo.refuse.v1')
  refuse(): never {
    throw domainError('OUT_OF_SCOPE');
  }

  @MessagePattern('echo.crash.v1')
  crash(): never {
    throw new Error('boom: password=secret');
  }

  @MessagePattern('echo.slow.v1')
  async slow(@Payload() body: { ms: number }): Promise<string> {
    await new Promise((res) => setTimeout(res, body.ms));
    return 'late';
  }
}

@Module({})
class EchoModule {
  static for(instance: string): DynamicModule {
    return {
      module: EchoModule,
      controllers: [EchoController],
      providers: [{ provide: INSTANCE, useValue: instance }],
    };
  }
}

const identity = { sub: 'it-sub', username: 'it-user', roles: ['admin'] };
const call = (over: Partial<CallContext> = {}): CallContext => ({
  requestId: `it-${randomUUID()}`,
  identity,
  language: 'fr',
  key: randomUUID(),
  ...over,
});
const echo = { id: 'echo.say.v1', service: 'echo' };

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} not within ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 25));
  }
}

describe.each(KAFKA_CLIENTS.filter((c) => !process.env.KAFKA_CLIENT || process.env.KAFKA_CLIENT === c))(
  'per-service request topic, per-instance reply topics (%s)',
  (client: KafkaClientName) => {
    const cfg = testConfig('transport-it');
    const kafka = { ...cfg.kafka, client };
    const tag = randomBytes(4).toString('hex');
    const topic = `prosmed-test.echo.requests.${tag}`;
    const groupId = `prosmed-transport-it-${tag}`;
    let driver: KafkaDriver;
    const services: RunningService[] = [];
    const clients: RequestReplyClient[] = [];

    const startService = (instance: string) =>
      bootstrapService({
        module: EchoModule.for(instance),
        name: 'land-conciliation',
        schema: SCHEMA,
        groupId,
        requestTopic: topic,
        migrations: platformMigrations(SCHEMA),
        port: 0,
        shutdownHooks: false,
        env: { ...process.env, KAFKA_CLIENT: client, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
      });

    const newClient = (label: string, timeoutMs = 10_000) => {
      const c = new RequestReplyClient({
        driver,
        timeoutMs,
        label,
        requestTopicOf: () => topic,
      });
      clients.push(c);
      return c;
    };

    /** Asks until both instances have answered (each group member owns some partitions). */
    async function warmUp(c: RequestReplyClient, instances: string[]) {
      const seen = new Set<string>();
      await waitUntil(
        async () => {
          const r = await c.send<Echo>(echo, {}, call(), 3000).catch(() => undefined);
          if (r) seen.add(r.instance);
          return instances.every((i) => seen.has(i));
        },
        60_000,
        `answers from ${instances.join(' and ')}`,
      );
    }

    beforeAll(async () => {
      driver = createKafkaDriver(kafka, `-it-${tag}`);
      const admin = await driver.admin();
      try {
        await admin.createTopics([
          { name: topic, partitions: PARTITIONS, config: { 'retention.ms': '600000' } },
        ]);
      } finally {
        await admin.close();
      }
      services.push(await startService('A'), await startService('B'));
    });

    afterAll(async () => {
      for (const c of clients) await c.close().catch(() => undefined);
      for (const s of services) await s.app.close().catch(() => undefined);
      const admin = await driver.admin();
      try {
        await admin.deleteTopics([topic]);
        await admin.deleteGroups([groupId]);
      } finally {
        await admin.close();
      }
    });

    it("both instances serve, every reply reaches the client that asked, and no client reads another's", async () => {
      const a = newClient('it-client-a');
      const b = newClient('it-client-b');
      await Promise.all([a.start(), b.start()]);
      expect(a.replyTopic).not.toBe(b.replyTopic);
      expect(a.replyTopic.startsWith(REPLY_TOPIC_PREFIX)).toBe(true);
      await warmUp(a, ['A', 'B']);
      await warmUp(b, ['A', 'B']);
      const before = { a: { ...a.stats }, b: { ...b.stats } };

      const N = 80;
      const run = (c: RequestReplyClient, who: string) =>
        Promise.all(
          Array.from({ length: N }, async (_, i) => {
            const marker = `${who}-${i}-${randomUUID()}`;
            const r = await c.send<Echo>(echo, { marker }, call());
            return { marker, r };
          }),
        );
      const [ra, rb] = await Promise.all([run(a, 'a'), run(b, 'b')]);

      for (const { marker, r } of [...ra, ...rb]) expect(r.body).toEqual({ marker });
      const servedBy = (rs: { r: Echo }[]) => new Set(rs.map((x) => x.r.instance));
      expect(servedBy([...ra, ...rb])).toEqual(new Set(['A', 'B']));
      // What each client's consumer read: exactly its own N replies, nothing it did not wait for.
      expect({
        received: a.stats.received - before.a.received,
        matched: a.stats.matched - before.a.matched,
        unmatched: a.stats.unmatched - before.a.unmatched,
      }).toEqual({ received: N, matched: N, unmatched: 0 });
      expect({
        received: b.stats.received - before.b.received,
        matched: b.stats.matched - before.b.matched,
        unmatched: b.stats.unmatched - before.b.unmatched,
      }).toEqual({ received: N, matched: N, unmatched: 0 });
    });

    it("answers through Nest's ClientProxy too, with the same typed errors", async () => {
      const c = newClient('it-client-proxy');
      const proxy = new RequestReplyClientProxy(c);
      await proxy.connect();
      await warmUp(c, ['A', 'B']);
      const r = await firstValueFrom(
        proxy.send<Echo>('echo.say.v1', { value: { p: 1 }, ctx: call(), service: 'echo' }),
      );
      expect(r.body).toEqual({ p: 1 });
      await expect(
        firstValueFrom(proxy.send('echo.refuse.v1', { value: {}, ctx: call(), service: 'echo' })),
      ).rejects.toBeInstanceOf(RemoteError);
    });

    it('gives the handler the caller headers, the message id as its pattern, and a deadline', async () => {
      const c = newClient('it-client-headers');
      await c.start();
      await warmUp(c, ['A', 'B']);
      // A key of its own: the kit's command log replays the first result of a key it has seen.
      const idempotencyKey = `it-sub:${randomUUID()}`;
      const ctx = call({ idempotencyKey, messageId: randomUUID(), language: 'en' });
      const before = Date.now();
      const r = await c.send<Echo>(echo, { x: 1 }, ctx, 4000);
      expect(r.pattern).toBe('echo.say.v1');
      expect(r.requestId).toBe(ctx.requestId);
      expect(r.headers).toMatchObject({
        requestId: ctx.requestId,
        identity,
        language: 'en',
        message: 'echo.say.v1',
        idempotencyKey,
        messageId: ctx.messageId,
      });
      expect(r.headers.deadline).toBeGreaterThanOrEqual(before + 4000);
      expect(r.headers.deadline).toBeLessThanOrEqual(Date.now() + 4000);
    });

    it('answers a domain error, an internal error and an unknown message id; times out on a slow one', async () => {
      const c = newClient('it-client-errors', 10_000);
      await c.start();
      await warmUp(c, ['A', 'B']);
      const refused = await c
        .send({ id: 'echo.refuse.v1', service: 'echo' }, {}, call())
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RemoteError);
      expect((refused as RemoteError).payload).toMatchObject({ code: 'OUT_OF_SCOPE', kind: 'forbidden' });
      const crashed = await c
        .send({ id: 'echo.crash.v1', service: 'echo' }, {}, call())
        .catch((e: unknown) => e);
      expect(crashed).toBeInstanceOf(RemoteFailure);
      expect((crashed as RemoteFailure).message).toBe('Internal server error');
      const unknown = await c
        .send({ id: 'echo.nope.v1', service: 'echo' }, {}, call())
        .catch((e: unknown) => e);
      expect(unknown).toBeInstanceOf(RemoteError);
      expect((unknown as RemoteError).payload).toMatchObject({
        code: 'MESSAGE_UNKNOWN',
        kind: 'not_found',
        params: { message: 'echo.nope.v1' },
      });
      const started = Date.now();
      const slow = await c
        .send({ id: 'echo.slow.v1', service: 'echo' }, { ms: 1500 }, call(), 400)
        .catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(RequestTimeoutError);
      expect(Date.now() - started).toBeLessThan(1400);
      // The service does not send a reply past the deadline: the client reads nothing more.
      const received = c.stats.received;
      await new Promise((res) => setTimeout(res, 1500));
      expect(c.stats.received).toBe(received);
    });

    it('deletes its reply topic at a clean stop, and a later start removes orphans', async () => {
      const c = newClient('it-client-stop');
      await c.start();
      const orphan = `${REPLY_TOPIC_PREFIX}it-ghost.${(Date.now() - 10 * 60_000).toString(36)}.dead00`;
      const young = `${REPLY_TOPIC_PREFIX}it-young.${Date.now().toString(36)}.beef00`;
      const admin = await driver.admin();
      try {
        await admin.createTopics([
          { name: orphan, partitions: 1 },
          { name: young, partitions: 1 },
        ]);
        expect(await admin.listTopics()).toEqual(expect.arrayContaining([c.replyTopic, orphan, young]));
        await c.close();
        expect(await admin.listTopics()).not.toContain(c.replyTopic);
        const next = newClient('it-client-next');
        await next.start();
        const after = await admin.listTopics();
        expect(after).not.toContain(orphan);
        // Younger than the grace: a peer still joining, not an orphan.
        expect(after).toContain(young);
        expect(after).toContain(next.replyTopic);
        await admin.deleteTopics([young]);
      } finally {
        await admin.close();
      }
    });

    it('replies to a new caller promptly after earlier callers went away with their topics', async () => {
      // Every replica has sent replies to reply topics that are deleted now (the clients closed above);
      // kafkajs would fail every later send (it keeps asking the broker about every topic it sent to).
      for (let i = 0; i < 2; i++) {
        const gone = newClient(`it-client-gone-${i}`);
        await gone.start();
        await warmUp(gone, ['A', 'B']);
        await gone.close();
      }
      const next = newClient('it-client-after', 3000);
      await next.start();
      const started = Date.now();
      const rs = await Promise.all(Array.from({ length: 24 }, () => next.send<Echo>(echo, {}, call())));
      expect(new Set(rs.map((r) => r.instance))).toEqual(new Set(['A', 'B']));
      expect(Date.now() - started).toBeLessThan(2500);
    });

    it('a stopped instance leaves its group: the other serves every partition within seconds', async () => {
      const c = newClient('it-client-rejoin', 3000);
      await c.start();
      await warmUp(c, ['A', 'B']);
      const b = services.pop()!;
      const stopped = Date.now();
      await b.app.close();
      // Every partition answered by A again: ask with many keys until all of them come back.
      await waitUntil(
        async () => {
          const rs = await Promise.all(
            Array.from({ length: 16 }, () => c.send<Echo>(echo, {}, call(), 1000).catch(() => undefined)),
          );
          return rs.every((r) => r?.instance === 'A');
        },
        15_000,
        'A serving every partition',
      );
      const ms = Date.now() - stopped;
      process.stdout.write(
        `[${client}] the remaining instance served every partition ${ms} ms after the stop\n`,
      );
      expect(ms).toBeLessThan(8000);
    });
  },
);

describe('one service group with a replica on each client', () => {
  const cfg = testConfig('transport-mixed');
  const tag = randomBytes(4).toString('hex');
  const topic = `prosmed-test.echo.requests.${tag}`;
  const groupId = `prosmed-transport-mixed-${tag}`;
  const driver = createKafkaDriver({ ...cfg.kafka, client: 'kafkajs' }, `-mixed-${tag}`);
  const services: RunningService[] = [];
  let rr: RequestReplyClient | undefined;

  afterAll(async () => {
    await rr?.close().catch(() => undefined);
    for (const s of services) await s.app.close().catch(() => undefined);
    const admin = await driver.admin();
    try {
      await admin.deleteTopics([topic]);
      await admin.deleteGroups([groupId]);
    } finally {
      await admin.close();
    }
  });

  it('shares the partitions (same assignor name), so a service can change client one replica at a time', async () => {
    const admin = await driver.admin();
    try {
      await admin.createTopics([
        { name: topic, partitions: PARTITIONS, config: { 'retention.ms': '600000' } },
      ]);
    } finally {
      await admin.close();
    }
    for (const client of KAFKA_CLIENTS) {
      services.push(
        await bootstrapService({
          module: EchoModule.for(client),
          name: 'land-conciliation',
          schema: SCHEMA,
          groupId,
          requestTopic: topic,
          migrations: platformMigrations(SCHEMA),
          port: 0,
          shutdownHooks: false,
          env: { ...process.env, KAFKA_CLIENT: client, LOG_LEVEL: process.env.LOG_LEVEL ?? 'error' },
        }),
      );
    }
    rr = new RequestReplyClient({ driver, timeoutMs: 3000, label: 'it-mixed', requestTopicOf: () => topic });
    await rr.start();
    const seen = new Set<string>();
    await waitUntil(
      async () => {
        const r = await rr!.send<Echo>(echo, {}, call(), 3000).catch(() => undefined);
        if (r) seen.add(r.instance);
        return KAFKA_CLIENTS.every((c) => seen.has(c));
      },
      60_000,
      'answers from both clients',
    );
    expect([...seen].sort()).toEqual([...KAFKA_CLIENTS].sort());
  });
});
