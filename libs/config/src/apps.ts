import { env } from './env';

/**
 * The platform's apps: where each one listens for HTTP (health, metrics, and the public API for the
 * gateway). The platform runner starts every app listed here whose `apps/<name>/src/main.ts` exists.
 */
export interface AppSpec {
  readonly name: string;
  readonly portEnv: string;
  readonly defaultPort: number;
  readonly healthPath: string;
}

export const APPS: readonly AppSpec[] = [
  { name: 'land-conciliation', portEnv: 'LAND_PORT', defaultPort: 3101, healthPath: '/health' },
  { name: 'security-committees', portEnv: 'SECURITY_PORT', defaultPort: 3102, healthPath: '/health' },
  { name: 'anticorruption', portEnv: 'ANTICORRUPTION_PORT', defaultPort: 3103, healthPath: '/health' },
  { name: 'reporting', portEnv: 'REPORTING_PORT', defaultPort: 3104, healthPath: '/health' },
  // The gateway last: it is ready only when the services it forwards to are.
  { name: 'gateway', portEnv: 'GATEWAY_PORT', defaultPort: 3000, healthPath: '/api/health' },
];

export function appPort(app: AppSpec, src: Record<string, string | undefined> = process.env): number {
  return env.port(src, app.portEnv, app.defaultPort);
}

/**
 * How every app's Node process runs (runner, end-to-end tests, bench; the Dockerfile says the same).
 * A 4 MB young generation keeps a resting service about 20 MB smaller than the default 16 MB, with no
 * measurable cost in throughput (bench/README.md). No `--enable-source-maps`: Node then parses and keeps
 * the source map of every loaded file, about 20 MB at rest per app; stack traces name the built
 * `dist/**.js` files, whose lines follow the sources closely (`NODE_OPTIONS=--enable-source-maps` to debug).
 */
export const APP_NODE_ARGS: readonly string[] = ['--max-semi-space-size=4'];
