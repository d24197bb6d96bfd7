import { Headers } from '@prosmed/contracts';
import { canonicalJson, commandHash, commandKeyOf, isExpired, readCommandHeaders } from './command';

describe('command headers', () => {
  it('reads the key, the message id and the deadline as Nest or kafkajs hand them over', () => {
    expect(
      readCommandHeaders({
        [Headers.idempotencyKey]: Buffer.from('sub-1:key-00000001'),
        [Headers.messageId]: 'm-1',
        [Headers.deadline]: '1764500000000',
      }),
    ).toEqual({ idempotencyKey: 'sub-1:key-00000001', messageId: 'm-1', deadline: 1764500000000 });
    // Nest's parser turns a value that looks like JSON into a value: a deadline arrives as a number.
    expect(readCommandHeaders({ [Headers.deadline]: 1764500000000 as unknown as string }).deadline).toBe(
      1764500000000,
    );
  });

  it('ignores what is missing, empty or not a deadline in epoch milliseconds', () => {
    expect(readCommandHeaders(undefined)).toEqual({});
    expect(
      readCommandHeaders({
        [Headers.idempotencyKey]: '',
        [Headers.messageId]: null,
        [Headers.deadline]: 'soon',
      }),
    ).toEqual({});
    expect(readCommandHeaders({ [Headers.deadline]: '12' }).deadline).toBeUndefined();
  });
});

describe('command key', () => {
  const origin = { topic: 'land.case.file.v1', partition: 2, offset: '41' };

  it("prefers the client's key, then the message id, then the Kafka record", () => {
    expect(commandKeyOf({ idempotencyKey: 's:k', messageId: 'm' }, origin)).toBe('key:s:k');
    expect(commandKeyOf({ messageId: 'm' }, origin)).toBe('msg:m');
    expect(commandKeyOf({}, origin)).toBe('kafka:land.case.file.v1:2:41');
    expect(commandKeyOf({}, {})).toBeUndefined();
  });
});

describe('command hash', () => {
  it('is the same for the same payload whatever the key order, and differs by message or payload', () => {
    const h = commandHash('land.case.file.v1', { a: 1, b: [1, { c: 2, d: 3 }] });
    expect(commandHash('land.case.file.v1', { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(h);
    expect(commandHash('land.cofo.create.v1', { a: 1, b: [1, { c: 2, d: 3 }] })).not.toBe(h);
    expect(commandHash('land.case.file.v1', { a: 2, b: [1, { c: 2, d: 3 }] })).not.toBe(h);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses one canonical JSON (the gateway uses it too)', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('deadline', () => {
  it('expires strictly after the deadline; no deadline never expires', () => {
    expect(isExpired(1000, 1000)).toBe(false);
    expect(isExpired(1000, 1001)).toBe(true);
    expect(isExpired(undefined, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
