import { DataSource, type DataSourceOptions, type EntitySchema, type MigrationInterface } from 'typeorm';
import type { PostgresConfig } from '@prosmed/config';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityRef = Function | string | EntitySchema;
type MigrationRef = new () => MigrationInterface;

export interface ServiceDataSourceInput {
  /** The service's own PostgreSQL schema, e.g. `land`. */
  schema: string;
  postgres: PostgresConfig;
  entities: EntityRef[];
  migrations: MigrationRef[];
  /** `application_name` on the connections, so `pg_stat_activity` says who is who. */
  applicationName: string;
  logging?: boolean;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
  return schema;
}

/**
 * One DataSource per service schema. The schema is always migrated, never synchronised: tests run the
 * same migrations as production, so a missing migration fails a test instead of hiding behind
 * `synchronize`.
 */
export function serviceDataSourceOptions(input: ServiceDataSourceInput): DataSourceOptions {
  const schema = assertSchemaName(input.schema);
  return {
    type: 'postgres',
    host: input.postgres.host,
    port: input.postgres.port,
    username: input.postgres.user,
    password: input.postgres.password || undefined,
    database: input.postgres.database,
    schema,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: input.logging ?? false,
    applicationName: input.applicationName,
    extra: { max: input.postgres.poolSize, application_name: input.applicationName },
  };
}

export function createServiceDataSource(input: ServiceDataSourceInput): DataSource {
  return new DataSource(serviceDataSourceOptions(input));
}
