import { env } from './env';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PostgresConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  poolSize: number;
}

/** The Kafka client library behind the platform's transport (libs/messaging, `KafkaDriver`). */
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic'] as const;
export type KafkaClientName = (typeof KAFKA_CLIENTS)[number];

export interface KafkaConfig {
  brokers: string[];
  /**
   * `KAFKA_CLIENT`: which client library the transport runs on; `platformatic` by default (measured faster,
   * README "Why these dependencies"), `kafkajs` still selectable.
   */
  client: KafkaClientName;
  clientId: string;
  /** Bound on every request-reply call, in ms. */
  requestTimeoutMs: number;
}

export interface KeycloakConfig {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  realm: string;
  managementPort: number;
  /** Expected `iss` of access tokens: `${url}/realms/${realm}`. */
  issuer: string;
  jwksUri: string;
  /** The API's audience: access tokens must name it in `aud`. */
  audience: string;
  /** Confidential client used for service calls and for demo tokens (documented development secret). */
  serviceClientId: string;
  serviceClientSecret: string;
  /** Public PKCE client of Swagger UI and the web page. */
  publicClientId: string;
}

export interface PlatformConfig {
  nodeEnv: string;
  logLevel: LogLevel;
  postgres: PostgresConfig;
  kafka: KafkaConfig;
  keycloak: KeycloakConfig;
}

/** Shared part of every app's configuration. `clientId` names the Kafka client (one per app). */
export function loadPlatformConfig(
  clientId: string,
  src: Record<string, string | undefined> = process.env,
): PlatformConfig {
  const kcUrl = env
    .str(src, 'KEYCLOAK_URL', `http://127.0.0.1:${env.port(src, 'KEYCLOAK_PORT', 8080)}`)
    .replace(/\/+$/, '');
  const realm = env.str(src, 'KEYCLOAK_REALM', 'prosmed');
  const issuer = `${kcUrl}/realms/${realm}`;
  return {
    nodeEnv: env.str(src, 'NODE_ENV', 'development'),
    logLevel: env.oneOf(src, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    postgres: {
      host: env.str(src, 'PGHOST', '127.0.0.1'),
      port: env.port(src, 'PGPORT', 5432),
      user: env.str(src, 'PGUSER', 'postgres'),
      password: env.str(src, 'PGPASSWORD', ''),
      database: env.str(src, 'PROSMED_DB', 'prosmed'),
      poolSize: env.int(src, 'PG_POOL_SIZE', 10, 1, 200),
    },
    kafka: {
      brokers: env.list(src, 'KAFKA_BROKERS', [`127.0.0.1:${env.port(src, 'KAFKA_PORT', 9092)}`]),
      client: env.oneOf(src, 'KAFKA_CLIENT', KAFKA_CLIENTS, 'platformatic'),
      clientId,
      requestTimeoutMs: env.int(src, 'KAFKA_REQUEST_TIMEOUT_MS', 5000, 100, 120000),
    },
    keycloak: {
      url: kcUrl,
      realm,
      managementPort: env.port(src, 'KEYCLOAK_MANAGEMENT_PORT', 9000),
      issuer,
      jwksUri: `${issuer}/protocol/openid-connect/certs`,
      audience: env.str(src, 'KEYCLOAK_AUDIENCE', 'prosmed-api'),
      serviceClientId: env.str(src, 'KEYCLOAK_SERVICE_CLIENT_ID', 'prosmed-api'),
      // Development value of the demo realm (deploy/keycloak/prosmed-realm.json); set a real one elsewhere.
      serviceClientSecret: env.str(src, 'KEYCLOAK_SERVICE_CLIENT_SECRET', 'prosmed-api-dev-secret'),
      publicClientId: env.str(src, 'KEYCLOAK_PUBLIC_CLIENT_ID', 'prosmed-web'),
    },
  };
}
