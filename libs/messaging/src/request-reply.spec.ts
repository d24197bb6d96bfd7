import { TimeoutError } from 'rxjs';
import {
  BrokerUnavailableError,
  classify,
  kafkaHeadersOf,
  RemoteError,
  RemoteFailure,
  RequestTimeoutError,
} from './request-reply';

describe('request-reply error classification', () => {
  it('maps a timeout, a domain error, a broker error and anything else', () => {
    expect(classify(new TimeoutError(), 't', 100)).toBeInstanceOf(RequestTimeoutError);
    const remote = classify({ code: 'CASE_NOT_FOUND', kind: 'not_found' }, 't', 100);
    expect(remote).toBeInstanceOf(RemoteError);
    expect((remote as RemoteError).payload.code).toBe('CASE_NOT_FOUND');
    const broker = Object.assign(new Error('Connection error'), { name: 'KafkaJSNumberOfRetriesExceeded' });
    expect(classify(broker, 't', 100)).toBeInstanceOf(BrokerUnavailableError);
    expect(classify('Internal server error', 't', 100)).toBeInstanceOf(RemoteFailure);
  });

  it('puts the request id, identity and language in headers', () => {
    const h = kafkaHeadersOf({
      requestId: 'r1',
      identity: { sub: 's', username: 'u', roles: ['admin'] },
      language: 'en',
    });
    expect(h['x-request-id']).toBe('r1');
    expect(JSON.parse(h['x-identity'])).toEqual({ sub: 's', username: 'u', roles: ['admin'] });
    expect(h['x-language']).toBe('en');
  });
});
