import { AsyncResource } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { KafkaContext } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import type { KafkaMessage } from 'kafkajs';
import { defer, from, lastValueFrom } from 'rxjs';
import { DomainError, domainError, Headers } from '@prosmed/contracts';
import {
  ambientManager,
  createServiceDataSource,
  inTransaction,
  revertMigrations,
  runMigrations,
  sqlMigration,
} from '@prosmed/persistence';
import { testConfig } from '@prosmed/testing';
import { platformMigrations } from '../tables';
import { COMMAND_METADATA, commandHash } from './command';
import { CommandLog, type CommandDelivery } from './command-log';
import { KafkaHandlerInterceptor } from './interceptor';
import { JsonLogger } from './logger';
import { ServiceMetrics } from './metrics';

const schema = `it_cmdlog_${randomBytes(4).toString('hex')}`;
const Widgets = sqlMigration(
  'ItWidgets1764600000000',
  [
    `CREATE TABLE "${schema}"."widget" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "name" text NOT NULL)`,
  ],
  [`DROP TABLE "${schema}"."widget"`],
);
const ds = createServiceDataSource({
  schema,
  postgres: testConfig().postgres,
  entities: [],
  migrations: [...platformMigrations(schema), Widgets],
  applicationName: 'prosmed-test',
});
const logger = new JsonLogger({ service: 'test', level: 'silent' });
const log = new CommandLog({ dataSource: ds, schema, logger });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a handler does: one write through `inTransaction` (joining the kit's transaction), one answer. */
const fileWidget = (name: string) => async () =>
  inTransaction(ds, async (tx) => {
    const [row]: { id: string }[] = await tx.query(
      `INSERT INTO "${schema}"."widget" ("name") VALUES ($1) RETURNING "id"`,
      [name],
    );
    return { id: row.id, name };
  });

const count = async (table: string, where = 'true', params: unknown[] = []): Promise<number> => {
  const [r]: { n: number }[] = await ds.query(
    `SELECT count(*)::int AS n FROM "${schema}"."${table}" WHERE ${where}`,
    params,
  );
  return r.n;
};

const delivery = (key: string, payload: unknown, extra: Partial<CommandDelivery> = {}): CommandDelivery => ({
  key,
  hash: commandHash('test.widget.create.v1', payload),
  message: 'test.widget.create.v1',
  requestId: randomUUID(),
  ...extra,
});

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  throw new Error('expected a domain error');
};

beforeAll(async () => {
  await ds.initialize();
  await runMigrations(ds, schema);
});
afterAll(async () => {
  log.stopPurging();
  await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await ds.destroy();
});

describe('command log on the real PostgreSQL', () => {
  it('applies a command once: a second delivery returns the first result and writes nothing', async () => {
    const key = `key:${randomUUID()}`;
    const run = jest.fn(fileWidget('w1'));
    const first = await log.execute(delivery(key, { name: 'w1' }), run);
    const second = await log.execute(delivery(key, { name: 'w1' }), run);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ result: first.result, replayed: true });
    expect(run).toHaveBeenCalledTimes(1);
    expect(await count('widget', `"name" = 'w1'`)).toBe(1);
    const [row]: { result: unknown; message: string }[] = await ds.query(
      `SELECT "result", "message" FROM "${schema}"."command_log" WHERE "key" = $1`,
      [key],
    );
    expect(row).toEqual({ result: first.result, message: 'test.widget.create.v1' });
  });

  it('makes a concurrent duplicate wait for the first, then answer its result', async () => {
    const key = `key:${randomUUID()}`;
    let firstDone = 0;
    const slow = jest.fn(async () => {
      const r = await fileWidget('w2')();
      await sleep(400);
      firstDone = Date.now();
      return r;
    });
    const a = log.execute(delivery(key, { name: 'w2' }), slow);
    await sleep(100); // the first one holds the key (uncommitted) by now
    const b = log.execute(delivery(key, { name: 'w2' }), slow);
    const [ra, rb] = await Promise.all([a, b]);
    const bDone = Date.now();
    expect(slow).toHaveBeenCalledTimes(1);
    expect(ra.replayed).toBe(false);
    expect(rb).toEqual({ result: ra.result, replayed: true });
    expect(bDone).toBeGreaterThanOrEqual(firstDone);
    expect(await count('widget', `"name" = 'w2'`)).toBe(1);
  });

  it('refuses the same key with another payload (IDEMPOTENCY_KEY_REUSED) and writes nothing', async () => {
    const key = `key:${randomUUID()}`;
    await log.execute(delivery(key, { name: 'w3' }), fileWidget('w3'));
    const other = jest.fn(fileWidget('w3-other'));
    expect(await codeOf(log.execute(delivery(key, { name: 'w3-other' }), other))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(other).not.toHaveBeenCalled();
    expect(await count('widget', `"name" = 'w3-other'`)).toBe(0);
  });

  it('refuses a command past its deadline (COMMAND_EXPIRED) without running or recording it', async () => {
    const key = `key:${randomUUID()}`;
    const run = jest.fn(fileWidget('w4'));
    expect(await codeOf(log.execute(delivery(key, { name: 'w4' }, { deadline: Date.now() - 1 }), run))).toBe(
      'COMMAND_EXPIRED',
    );
    expect(run).not.toHaveBeenCalled();
    expect(await count('command_log', `"key" = $1`, [key])).toBe(0);
    // Its retry, with a deadline still ahead, is applied.
    const retried = await log.execute(delivery(key, { name: 'w4' }, { deadline: Date.now() + 5000 }), run);
    expect(retried.replayed).toBe(false);
    expect(await count('widget', `"name" = 'w4'`)).toBe(1);
  });

  it('does not record a command that failed with a domain error: its writes roll back, a retry runs again', async () => {
    const key = `key:${randomUUID()}`;
    const failing = async () => {
      await fileWidget('w5')();
      throw domainError('PLACE_UNKNOWN', { code: 'ML-X' });
    };
    expect(await codeOf(log.execute(delivery(key, { name: 'w5' }), failing))).toBe('PLACE_UNKNOWN');
    expect(await count('widget', `"name" = 'w5'`)).toBe(0);
    expect(await count('command_log', `"key" = $1`, [key])).toBe(0);
    const retried = await log.execute(delivery(key, { name: 'w5' }), fileWidget('w5'));
    expect(retried.replayed).toBe(false);
    expect(await count('widget', `"name" = 'w5'`)).toBe(1);
  });

  it('lets a duplicate that waited on a first one that failed run itself', async () => {
    const key = `key:${randomUUID()}`;
    const a = log.execute(delivery(key, { name: 'w6' }), async () => {
      await fileWidget('w6')();
      await sleep(300);
      throw domainError('VERSION_CONFLICT', { expected: 1, actual: 2 });
    });
    await sleep(100);
    const b = log.execute(delivery(key, { name: 'w6' }), fileWidget('w6'));
    expect(await codeOf(a)).toBe('VERSION_CONFLICT');
    expect((await b).replayed).toBe(false);
    expect(await count('widget', `"name" = 'w6'`)).toBe(1);
  });

  it('purges rows older than the TTL', async () => {
    const key = `key:${randomUUID()}`;
    await log.execute(delivery(key, { name: 'w7' }), fileWidget('w7'));
    await ds.query(
      `UPDATE "${schema}"."command_log" SET "created_at" = now() - interval '49 hours' WHERE "key" = $1`,
      [key],
    );
    expect(await log.purge()).toBeGreaterThanOrEqual(1);
    expect(await count('command_log', `"key" = $1`, [key])).toBe(0);
  });
});

describe('the service kit around a @Command() handler', () => {
  const reflector = new Reflector();
  const interceptor = new KafkaHandlerInterceptor(new ServiceMetrics('test'), reflector, logger, log);

  /** A Kafka message as Nest's server hands it to a handler, and the call chain Nest builds. */
  const call = (handler: () => Promise<unknown>, payload: unknown, headers: Record<string, string>) => {
    const kafka = new KafkaContext([
      {
        headers,
        offset: '42',
        key: null,
        value: null,
        timestamp: '0',
        attributes: 0,
      } as unknown as KafkaMessage,
      0,
      'test.widget.create.v1',
      undefined as never,
      undefined as never,
      undefined as never,
    ]);
    const ctx = new ExecutionContextHost([payload, kafka], class {}, handler);
    ctx.setType('rpc');
    // Nest binds the handler to the async context `handle()` is called in, as here.
    const next = { handle: () => defer(AsyncResource.bind(() => from(handler()))) };
    return lastValueFrom(interceptor.intercept(ctx, next));
  };

  const marked = (fn: () => Promise<unknown>) => {
    Reflect.defineMetadata(COMMAND_METADATA, true, fn);
    Reflect.defineMetadata(PATTERN_METADATA, ['test.widget.create.v1'], fn);
    return fn;
  };

  it('runs the handler in the transaction that records its key, and replays on redelivery', async () => {
    const seen: boolean[] = [];
    const handler = marked(async () => {
      seen.push(ambientManager(ds) !== undefined);
      return fileWidget('k1')();
    });
    const headers = { [Headers.messageId]: randomUUID(), [Headers.requestId]: 'req-k1-0001' };
    const first = await call(handler, { name: 'k1' }, headers);
    const again = await call(handler, { name: 'k1' }, headers);
    expect(again).toEqual(first);
    expect(seen).toEqual([true]);
    expect(await count('widget', `"name" = 'k1'`)).toBe(1);
    expect(await count('command_log', `"key" = $1`, [`msg:${headers[Headers.messageId]}`])).toBe(1);
  });

  it('keys on the client key before the message id: a retry with a new message id is a duplicate', async () => {
    const handler = marked(fileWidget('k2'));
    const idem = `${randomUUID()}:retry-0001`;
    const first = await call(
      handler,
      { name: 'k2' },
      {
        [Headers.idempotencyKey]: idem,
        [Headers.messageId]: randomUUID(),
      },
    );
    const retry = await call(
      handler,
      { name: 'k2' },
      {
        [Headers.idempotencyKey]: idem,
        [Headers.messageId]: randomUUID(),
      },
    );
    expect(retry).toEqual(first);
    expect(await count('widget', `"name" = 'k2'`)).toBe(1);
  });

  it('refuses an expired command through the kit, and leaves reads alone', async () => {
    const write = marked(fileWidget('k3'));
    expect(
      await codeOf(
        call(
          write,
          { name: 'k3' },
          {
            [Headers.messageId]: randomUUID(),
            [Headers.deadline]: String(Date.now() - 1000),
          },
        ),
      ),
    ).toBe('COMMAND_EXPIRED');
    expect(await count('widget', `"name" = 'k3'`)).toBe(0);

    let inside: boolean | undefined;
    const read = async () => {
      inside = ambientManager(ds) !== undefined;
      return count('widget');
    };
    await call(
      read,
      {},
      { [Headers.messageId]: randomUUID(), [Headers.deadline]: String(Date.now() - 1000) },
    );
    expect(inside).toBe(false);
  });
});

describe('command log migration', () => {
  it('has a real down()', async () => {
    const other = `it_cmdlog_${randomBytes(4).toString('hex')}`;
    const ds2 = createServiceDataSource({
      schema: other,
      postgres: testConfig().postgres,
      entities: [],
      migrations: platformMigrations(other),
      applicationName: 'prosmed-test',
    });
    await ds2.initialize();
    try {
      await runMigrations(ds2, other);
      const exists = async () =>
        ((await ds2.query(`SELECT to_regclass($1) AS t`, [`${other}.command_log`])) as { t: unknown }[])[0]
          .t !== null;
      expect(await exists()).toBe(true);
      await revertMigrations(ds2, other, 1);
      expect(await exists()).toBe(false);
    } finally {
      await ds2.query(`DROP SCHEMA IF EXISTS "${other}" CASCADE`);
      await ds2.destroy();
    }
  });
});
