import { of, throwError } from 'rxjs';
import { Headers } from '@prosmed/contracts';
import { FAST_SESSION_TIMEOUT_MS, groupTimings } from '../kafka-options';
import { serviceOfHandlers } from '../service/bootstrap';
import { peekRequestHeaders, readRequestContext } from '../service/request-context';
import { BatchingProducer } from './batching-producer';
import type { DriverProducer, IncomingRecord, KafkaDriver, OutgoingRecord } from './driver';
import { orphanReplyTopics, ORPHAN_GRACE_MS, replyInstanceId, replyTopicStartedAt } from './reply-topics';
import { RequestMessageContext } from './request-context';
import { KafkaRequestServer } from './request-server';
import { decodeReply, decodeValue, encodeValue, REPLY_ERROR_HEADER, replyRecord, replyToOf } from './wire';

const record = (headers: Record<string, string>, value: unknown = { a: 1 }): IncomingRecord => ({
  topic: 'land.requests.v1',
  partition: 5,
  offset: '42',
  key: 'k',
  value: value === undefined ? null : Buffer.from(JSON.stringify(value)),
  headers,
  timestamp: 1_700_000_000_000,
});

describe('wire format', () => {
  it('round-trips values, with an empty value for undefined and text for what is not JSON', () => {
    expect(decodeValue(Buffer.from(encodeValue({ x: [1, 'é'] })!))).toEqual({ x: [1, 'é'] });
    expect(encodeValue(undefined)).toBeNull();
    expect(decodeValue(null)).toBeUndefined();
    expect(decodeValue(Buffer.from('not json'))).toBe('not json');
  });

  it('flags error replies in a header, so a result shaped like an error stays a result', () => {
    const to = { topic: 'gateway.replies.x.y.z', correlationId: 'c-1' };
    const ok = replyRecord(to, { result: { code: 'X', kind: 'conflict' } });
    const err = replyRecord(to, { error: { code: 'X', kind: 'conflict' } });
    expect(ok.headers).toEqual({ [Headers.correlationId]: 'c-1' });
    expect(err.headers).toEqual({ [Headers.correlationId]: 'c-1', [REPLY_ERROR_HEADER]: '1' });
    const back = (r: OutgoingRecord) =>
      decodeReply({ ...record({}), value: Buffer.from(r.value as string), headers: r.headers });
    expect(back(ok)).toEqual({ correlationId: 'c-1', ok: true, result: { code: 'X', kind: 'conflict' } });
    expect(back(err)).toEqual({ correlationId: 'c-1', ok: false, error: { code: 'X', kind: 'conflict' } });
    expect(decodeReply(record({}))).toBeUndefined();
  });

  it('knows a request nobody waits for', () => {
    expect(replyToOf({ [Headers.replyTo]: 't' })).toBeUndefined();
    expect(replyToOf({ [Headers.replyTo]: 't', [Headers.correlationId]: 'c' })).toEqual({
      topic: 't',
      correlationId: 'c',
    });
  });
});

describe('reply topics', () => {
  const now = Date.UTC(2026, 10, 29, 12);
  const topicAt = (label: string, t: number) => `gateway.replies.${replyInstanceId(label, t)}`;

  it('names each start of an instance uniquely, with its start time readable back', () => {
    const id = replyInstanceId('Gateway_Host.1/2 ', now);
    expect(id).toMatch(/^gateway-host-1-2\.[0-9a-z]+\.[0-9a-f]{6}$/);
    expect(replyInstanceId('x', now)).not.toBe(replyInstanceId('x', now));
    expect(replyTopicStartedAt(`gateway.replies.${id}`)).toBe(now);
    expect(replyTopicStartedAt('gateway.replies.handmade')).toBeUndefined();
    expect(replyTopicStartedAt('land.requests.v1')).toBeUndefined();
  });

  it('takes for orphans only old topics whose group has nobody, never its own or a young one', () => {
    const own = topicAt('me', now - 10 * ORPHAN_GRACE_MS);
    const dead = topicAt('dead', now - 2 * ORPHAN_GRACE_MS);
    const empty = topicAt('empty', now - 2 * ORPHAN_GRACE_MS);
    const live = topicAt('live', now - 2 * ORPHAN_GRACE_MS);
    const rebalancing = topicAt('rebalancing', now - 2 * ORPHAN_GRACE_MS);
    const young = topicAt('young', now - 1000);
    const noGroup = topicAt('nogroup', now - 2 * ORPHAN_GRACE_MS);
    const foreign = 'gateway.replies.made-by-hand';
    const orphans = orphanReplyTopics(
      [own, dead, empty, live, rebalancing, young, noGroup, foreign],
      [
        { groupId: own, state: 'Empty', members: 0 },
        { groupId: dead, state: 'Dead', members: 0 },
        { groupId: empty, state: 'Empty', members: 0 },
        { groupId: live, state: 'Stable', members: 1 },
        { groupId: rebalancing, state: 'PreparingRebalance', members: 1 },
        { groupId: young, state: 'Dead', members: 0 },
      ],
      now,
      own,
    );
    expect(orphans.sort()).toEqual([dead, empty, noGroup].sort());
  });
});

describe('consumer group timings', () => {
  it('asks for a short session where the broker allows it, its floor otherwise', () => {
    expect(groupTimings('1000')).toMatchObject({
      sessionTimeoutMs: FAST_SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: 1000,
    });
    expect(groupTimings(6000).sessionTimeoutMs).toBe(6000);
    expect(groupTimings(undefined).sessionTimeoutMs).toBe(6000);
    const t = groupTimings(6000);
    expect(t.heartbeatIntervalMs * 3).toBeLessThanOrEqual(t.sessionTimeoutMs);
  });
});

describe('which request topic a service reads', () => {
  it('is named by its handlers, which must agree', () => {
    expect(serviceOfHandlers(['land.case.file.v1', 'land.cofo.get.v1'])).toBe('land');
    expect(() => serviceOfHandlers(['land.case.file.v1', 'security.activity.record.v1'])).toThrow(
      /land, security/,
    );
    expect(() => serviceOfHandlers([])).toThrow(/no service/);
  });
});

describe('batching producer', () => {
  it('sends what one turn of the event loop queued as one batch, and fails each of a failed batch', async () => {
    const batches: number[] = [];
    let fail = false;
    const producer: DriverProducer = {
      send: async (rs) => {
        batches.push(rs.length);
        if (fail) throw new Error('broker gone');
      },
      close: async () => undefined,
    };
    const b = new BatchingProducer(producer);
    const r = (n: number): OutgoingRecord => ({ topic: 't', value: String(n), headers: {} });
    await Promise.all([b.send(r(1)), b.send(r(2)), b.send(r(3))]);
    await b.send(r(4));
    expect(batches).toEqual([3, 1]);
    fail = true;
    const results = await Promise.allSettled([b.send(r(5)), b.send(r(6))]);
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('the handler context', () => {
  const identity = { sub: 's', username: 'u', roles: ['admin'] };
  const ctx = new RequestMessageContext(
    record({
      [Headers.message]: 'land.cofo.get.v1',
      [Headers.requestId]: 'r-1',
      [Headers.identity]: JSON.stringify(identity),
      [Headers.language]: 'en',
      [Headers.deadline]: '1700000005000',
      [Headers.idempotencyKey]: 's:k-123456',
      [Headers.messageId]: 'm-1',
    }),
    'land.cofo.get.v1',
  );

  it('is a Kafka context whose "topic" is the message id, with the record and its deadline', () => {
    expect(ctx.getTopic()).toBe('land.cofo.get.v1');
    expect(ctx.getPattern()).toBe('land.cofo.get.v1');
    expect(ctx.getRequestTopic()).toBe('land.requests.v1');
    expect(ctx.getPartition()).toBe(5);
    expect(ctx.getMessage().offset).toBe('42');
    expect(ctx.getDeadline()).toBe(1_700_000_005_000);
  });

  it('gives the request context helpers what the gateway sent', () => {
    expect(readRequestContext(ctx)).toEqual({ requestId: 'r-1', identity, language: 'en' });
    expect(peekRequestHeaders(ctx)).toEqual({
      requestId: 'r-1',
      identity,
      language: 'en',
      message: 'land.cofo.get.v1',
      deadline: 1_700_000_005_000,
      idempotencyKey: 's:k-123456',
      messageId: 'm-1',
    });
  });
});

describe('the dispatcher', () => {
  function server() {
    const sent: OutgoingRecord[] = [];
    const driver = {
      name: 'kafkajs',
      producer: async () => ({
        send: async (rs: readonly OutgoingRecord[]) => void sent.push(...rs),
        close: async () => undefined,
      }),
    } as unknown as KafkaDriver;
    const log = { warn: jest.fn(), error: jest.fn() };
    const s = new KafkaRequestServer({
      driver,
      topic: 'land.requests.v1',
      groupId: 'g',
      timings: groupTimings(1000),
      log,
    });
    // The producer only, without a consumer: records are handed to the dispatcher directly.
    const ready = (s as unknown as { producer?: unknown; opts: { driver: KafkaDriver } }).opts.driver
      .producer()
      .then((p) => {
        (s as unknown as { producer: BatchingProducer }).producer = new BatchingProducer(p);
      });
    return { s, sent, log, ready };
  }
  /** Replies are not awaited by the dispatcher: let the batching producer's turn pass. */
  const sentOut = () => new Promise((res) => setImmediate(res));
  const ask = (message: string, extra: Record<string, string> = {}) =>
    record({
      [Headers.message]: message,
      [Headers.replyTo]: 'gateway.replies.me',
      [Headers.correlationId]: 'c-9',
      [Headers.requestId]: 'r-9',
      ...extra,
    });

  it('routes by the x-message header and answers the asker with the same correlation id', async () => {
    const { s, sent, ready } = server();
    await ready;
    s.addHandler('land.cofo.get.v1', async (data: unknown, ctx: RequestMessageContext) =>
      of({ got: data, pattern: ctx.getPattern() }),
    );
    s.addHandler('land.cofo.create.v1', async () =>
      throwError(() => ({ code: 'COFO_CODE_TAKEN', kind: 'conflict' })),
    );
    await s.handleRecord(ask('land.cofo.get.v1'));
    await s.handleRecord(ask('land.cofo.create.v1'));
    await sentOut();
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatchObject({
      topic: 'gateway.replies.me',
      headers: { [Headers.correlationId]: 'c-9' },
    });
    expect(JSON.parse(sent[0].value as string)).toEqual({ got: { a: 1 }, pattern: 'land.cofo.get.v1' });
    expect(sent[1].headers[REPLY_ERROR_HEADER]).toBe('1');
    expect(JSON.parse(sent[1].value as string)).toEqual({ code: 'COFO_CODE_TAKEN', kind: 'conflict' });
  });

  it('answers MESSAGE_UNKNOWN for an id no handler has (or none), and nothing to a request without reply topic', async () => {
    const { s, sent, log, ready } = server();
    await ready;
    await s.handleRecord(ask('land.nope.v1'));
    await s.handleRecord(ask(''));
    await s.handleRecord(record({ [Headers.message]: 'land.nope.v1' }));
    await sentOut();
    expect(sent).toHaveLength(2);
    expect(JSON.parse(sent[0].value as string)).toEqual({
      code: 'MESSAGE_UNKNOWN',
      kind: 'not_found',
      params: { message: 'land.nope.v1' },
    });
    expect(JSON.parse(sent[1].value as string)).toMatchObject({
      code: 'MESSAGE_UNKNOWN',
      params: { message: '-' },
    });
    expect(log.warn).toHaveBeenCalledTimes(3);
  });

  it('turns an error that escaped the exception filter into the bare internal error', async () => {
    const { s, sent, log, ready } = server();
    await ready;
    s.addHandler('land.cofo.get.v1', async () => throwError(() => new Error('SELECT secret')));
    await s.handleRecord(ask('land.cofo.get.v1'));
    await sentOut();
    expect(JSON.parse(sent[0].value as string)).toBe('Internal server error');
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it("sends no reply past the asker's deadline: nobody reads it, and its topic may be gone", async () => {
    const { s, sent, ready } = server();
    await ready;
    s.addHandler('land.cofo.get.v1', async () => of('late'));
    await s.handleRecord(ask('land.cofo.get.v1', { [Headers.deadline]: String(Date.now() - 5000) }));
    await s.handleRecord(ask('land.cofo.get.v1', { [Headers.deadline]: String(Date.now() + 5000) }));
    await sentOut();
    expect(sent).toHaveLength(1);
  });
});
