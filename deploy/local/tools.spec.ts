import { existingApps } from './apps';
import { keycloakBuildArgs, keycloakJvmOptions, keycloakStartArgs } from './keycloak';
import { traversableByOthers } from './postgres';
import { loadStackSettings } from './settings';
import { parseJavaMajor } from './tools';
import { zipTailProblem } from './zip';

describe('java -version parsing', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "25.0.3" 2026-04-21 LTS', 25],
    ['java version "1.8.0_392"', 8],
    ['openjdk version "21" 2023-09-19', 21],
  ])('%s -> %i', (out, major) => expect(parseJavaMajor(out)).toBe(major));

  it('undefined on something else', () => expect(parseJavaMajor('bash: java: not found')).toBeUndefined());
});

describe('Keycloak command lines', () => {
  const s = loadStackSettings({ PROSMED_CACHE: '/tmp/prosmed-test-cache' });

  it('pins the hostname so the issuer is what libs/config computes', () => {
    const args = keycloakStartArgs(s);
    expect(args).toContain('--hostname=http://127.0.0.1:8080');
    expect(s.keycloak.issuer).toBe('http://127.0.0.1:8080/realms/prosmed');
    expect(args).toEqual(
      expect.arrayContaining([
        'start',
        '--optimized',
        '--http-host=127.0.0.1',
        '--http-port=8080',
        '--http-management-port=9000',
        '--db-url=jdbc:postgresql://127.0.0.1:5432/keycloak',
        '--import-realm',
      ]),
    );
  });

  it('follows the ports of the environment', () => {
    const t = loadStackSettings({
      KEYCLOAK_PORT: '18080',
      KEYCLOAK_MANAGEMENT_PORT: '19000',
      PGPORT: '5433',
    });
    expect(keycloakStartArgs(t)).toEqual(
      expect.arrayContaining([
        '--http-port=18080',
        '--http-management-port=19000',
        '--hostname=http://127.0.0.1:18080',
        '--db-url=jdbc:postgresql://127.0.0.1:5433/keycloak',
      ]),
    );
  });

  it('imports the realm only when asked (the realm is not in the database yet)', () => {
    expect(keycloakStartArgs(s, true)).toContain('--import-realm');
    expect(keycloakStartArgs(s, false)).not.toContain('--import-realm');
  });

  it('runs C1-only, with the JDK flags only where the JDK knows them', () => {
    expect(keycloakJvmOptions(17)).toEqual(['-XX:TieredStopAtLevel=1']);
    expect(keycloakJvmOptions(25)).toEqual([
      '-XX:TieredStopAtLevel=1',
      '--sun-misc-unsafe-memory-access=allow',
      '--add-opens=java.base/java.lang=ALL-UNNAMED',
    ]);
  });

  it('builds for PostgreSQL with health and metrics', () => {
    expect(keycloakBuildArgs()).toEqual(['--db=postgres', '--health-enabled=true', '--metrics-enabled=true']);
  });

  it('keeps its state outside the clone', () => {
    expect(s.stateDir).toBe('/tmp/prosmed-test-cache/state');
    expect(s.kafka.libsDir).toBe('/tmp/prosmed-test-cache/kafka-4.1.1/libs');
    expect(s.keycloak.home).toBe('/tmp/prosmed-test-cache/keycloak-26.4.7');
    expect(s.stateDir.startsWith(s.cloneDir)).toBe(false);
  });
});

describe('zip check', () => {
  const emptyZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
  const readNothing = () => Buffer.alloc(0);

  it('accepts an empty but well-formed zip', () => {
    expect(zipTailProblem(emptyZip, emptyZip.length, readNothing)).toBeUndefined();
  });

  it('rejects a truncated file or garbage', () => {
    const garbage = Buffer.from('<html>502 Bad Gateway</html>'.padEnd(200, ' '));
    expect(zipTailProblem(garbage, garbage.length, readNothing)).toMatch(/no end-of-central-directory/);
    expect(zipTailProblem(Buffer.alloc(5), 5, readNothing)).toMatch(/too small/);
  });

  it('rejects a directory pointing past the end record', () => {
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 10); // one entry
    eocd.writeUInt32LE(46, 12); // directory size
    eocd.writeUInt32LE(1000, 16); // directory offset beyond the file
    expect(zipTailProblem(eocd, 22, readNothing)).toMatch(/truncated/);
  });
});

describe('embedded PostgreSQL data dir', () => {
  it('is reachable by the postgres user only when every parent lets others through', () => {
    const modes: Record<string, number> = {
      '/': 0o755,
      '/root': 0o700,
      '/root/.cache': 0o700,
      '/var': 0o755,
      '/var/tmp': 0o1777,
    };
    const modeOf = (p: string) => modes[p];
    expect(traversableByOthers('/root/.cache', modeOf)).toBe(false);
    expect(traversableByOthers('/var/tmp', modeOf)).toBe(true);
  });
});

describe('apps to start', () => {
  it('are the apps of @prosmed/config whose main.ts exists, in APPS order (gateway last)', () => {
    const present = new Set(['/c/apps/gateway/src/main.ts', '/c/apps/land-conciliation/src/main.ts']);
    expect(existingApps((p) => present.has(p), '/c').map((a) => a.name)).toEqual([
      'land-conciliation',
      'gateway',
    ]);
  });

  it('are none in a clone without apps (start then runs the stack only)', () => {
    expect(existingApps(() => false, '/c')).toEqual([]);
  });
});
