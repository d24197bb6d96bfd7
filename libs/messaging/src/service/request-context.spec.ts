import { KafkaContext } from '@nestjs/microservices';
import type { KafkaMessage } from 'kafkajs';
import { DomainError } from '@prosmed/contracts';
import { languageOf, parseIdentity, peekRequestHeaders, readRequestContext } from './request-context';

const identity = { sub: 'u-1', username: 'secretaire.segou', roles: ['cofo-secretary'], cofoId: 'SEG01' };

const ctxWith = (headers: Record<string, unknown>) =>
  new KafkaContext([
    {
      headers,
      offset: '7',
      key: null,
      value: null,
      timestamp: '0',
      attributes: 0,
    } as unknown as KafkaMessage,
    2,
    'land.cofo.get.v1',
    undefined as never,
    undefined as never,
    undefined as never,
  ]);

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return (err as DomainError).code;
  }
  throw new Error('expected a DomainError');
};

describe('request context from Kafka headers', () => {
  it('reads request id, identity and language as Nest parsed them (identity already an object)', () => {
    const rc = readRequestContext(
      ctxWith({ 'x-request-id': 'r-1', 'x-identity': identity, 'x-language': 'en-GB,en;q=0.8' }),
    );
    expect(rc).toEqual({ requestId: 'r-1', identity, language: 'en' });
  });

  it('reads raw Buffers and a JSON string identity too', () => {
    const rc = readRequestContext(
      ctxWith({ 'x-request-id': Buffer.from('r-2'), 'x-identity': Buffer.from(JSON.stringify(identity)) }),
    );
    expect(rc.requestId).toBe('r-2');
    expect(rc.identity).toEqual(identity);
    expect(rc.language).toBe('fr');
  });

  it('refuses a request without identity, or with a malformed one', () => {
    expect(codeOf(() => readRequestContext(ctxWith({ 'x-request-id': 'r' })))).toBe('AUTH_MISSING_TOKEN');
    expect(codeOf(() => readRequestContext(ctxWith({ 'x-identity': 'not json' })))).toBe(
      'AUTH_INVALID_TOKEN',
    );
    expect(codeOf(() => readRequestContext(ctxWith({ 'x-identity': { sub: 's', roles: [] } })))).toBe(
      'AUTH_INVALID_TOKEN',
    );
    expect(codeOf(() => readRequestContext(ctxWith({ 'x-identity': { ...identity, roles: 'admin' } })))).toBe(
      'AUTH_INVALID_TOKEN',
    );
  });

  it('keeps only the known identity fields', () => {
    expect(parseIdentity({ ...identity, isAdmin: true, tribunalId: '' })).toEqual(identity);
  });

  it('gives a message without request id one that points at the message', () => {
    expect(readRequestContext(ctxWith({ 'x-identity': identity })).requestId).toBe(
      'kafka:land.cofo.get.v1:2:7',
    );
  });

  it('peeks without refusing', () => {
    expect(peekRequestHeaders(ctxWith({}))).toEqual({
      requestId: undefined,
      identity: undefined,
      language: 'fr',
    });
  });

  it('renders French unless English is asked for', () => {
    expect(languageOf(undefined)).toBe('fr');
    expect(languageOf('fr-ML')).toBe('fr');
    expect(languageOf('bm')).toBe('fr');
    expect(languageOf('EN')).toBe('en');
  });
});
