import { ConfigError } from './env';
import { loadPlatformConfig } from './platform-config';
import { APPS, appPort } from './apps';

describe('loadPlatformConfig', () => {
  it('defaults to the local stack', () => {
    const c = loadPlatformConfig('x', {});
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.kafka.client).toBe('platformatic');
    expect(c.keycloak.issuer).toBe('http://127.0.0.1:8080/realms/prosmed');
    expect(c.keycloak.jwksUri).toBe('http://127.0.0.1:8080/realms/prosmed/protocol/openid-connect/certs');
    expect(c.postgres).toMatchObject({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'prosmed',
    });
  });

  it('follows overridden ports and URLs', () => {
    const c = loadPlatformConfig('x', {
      KAFKA_PORT: '19092',
      KEYCLOAK_URL: 'http://kc:8081/',
      PGPORT: '6543',
    });
    expect(c.kafka.brokers).toEqual(['127.0.0.1:19092']);
    expect(loadPlatformConfig('x', { KAFKA_CLIENT: 'kafkajs' }).kafka.client).toBe('kafkajs');
    expect(c.keycloak.issuer).toBe('http://kc:8081/realms/prosmed');
    expect(c.postgres.port).toBe(6543);
  });

  it.each([
    [{ PGPORT: 'abc' }, /PGPORT must be an integer/],
    [{ PGPORT: '70000' }, /PGPORT must be between 1 and 65535/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ KAFKA_REQUEST_TIMEOUT_MS: '5' }, /KAFKA_REQUEST_TIMEOUT_MS must be between/],
    [{ KAFKA_CLIENT: 'rdkafka' }, /KAFKA_CLIENT must be one of kafkajs, platformatic/],
  ])('names the variable when %j is bad', (src, message) => {
    expect(() => loadPlatformConfig('x', src)).toThrow(ConfigError);
    expect(() => loadPlatformConfig('x', src)).toThrow(message);
  });

  it('gives every app its own port', () => {
    const ports = APPS.map((a) => appPort(a, {}));
    expect(new Set(ports).size).toBe(APPS.length);
    expect(
      appPort(
        APPS.find((a) => a.name === 'gateway')!,
        { GATEWAY_PORT: '4000' },
      ),
    ).toBe(4000);
  });
});
