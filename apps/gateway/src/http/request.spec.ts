import { callContextOf, type GatewayRequest } from './request';

const identity = { sub: 'sub-1', username: 'secretaire.segou', roles: ['cofo-secretary'], cofoId: 'SEG01' };

const request = (method: string, headers: Record<string, string> = {}, auth = true) =>
  ({
    method,
    headers,
    ip: '127.0.0.1',
    requestId: 'req-00000001',
    language: 'fr',
    auth: auth ? { identity } : undefined,
  }) as unknown as GatewayRequest;

describe('call context of a request', () => {
  it('gives a write a fresh message id and the caller-scoped idempotency key', () => {
    const req = request('POST', { 'idempotency-key': 'retry-0001' });
    const a = callContextOf(req, 'SEG01');
    const b = callContextOf(req, 'SEG01');
    expect(a).toMatchObject({
      requestId: 'req-00000001',
      identity,
      language: 'fr',
      key: 'SEG01',
      idempotencyKey: 'sub-1:retry-0001',
    });
    expect(a.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.messageId).not.toBe(a.messageId);
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      expect(callContextOf(request(method, { 'idempotency-key': 'retry-0001' })).idempotencyKey).toBe(
        'sub-1:retry-0001',
      );
    }
  });

  it('gives a write without a key a message id only, and a read neither', () => {
    const write = callContextOf(request('PATCH'));
    expect(write.idempotencyKey).toBeUndefined();
    expect(write.messageId).toBeDefined();
    const read = callContextOf(request('GET', { 'idempotency-key': 'retry-0001' }));
    expect(read.messageId).toBeUndefined();
    expect(read.idempotencyKey).toBeUndefined();
  });

  it('scopes an anonymous caller by address and ignores a malformed key', () => {
    expect(callContextOf(request('POST', { 'idempotency-key': 'retry-0001' }, false)).idempotencyKey).toBe(
      'ip:127.0.0.1:retry-0001',
    );
    expect(callContextOf(request('POST', { 'idempotency-key': 'bad key' })).idempotencyKey).toBeUndefined();
  });
});
