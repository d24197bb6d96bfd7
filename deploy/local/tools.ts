import { spawn, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StackError } from './errors';
import { tailFile } from './proc';
import { TEMURIN_25_HOME } from './settings';

export interface Java {
  /** The `java` executable. */
  bin: string;
  /** JAVA_HOME to pass (undefined: `java` from PATH). */
  home?: string;
  major: number;
  description: string;
}

/** Pure: the major version from `java -version` output ("17.0.15", "25.0.3", "1.8.0_392"). */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

function probeJava(bin: string, home?: string): Java | undefined {
  const r = spawnSync(bin, ['-version'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error || r.status !== 0) return undefined;
  const out = `${r.stderr}${r.stdout}`;
  const major = parseJavaMajor(out);
  if (major === undefined) return undefined;
  return { bin, home, major, description: out.split('\n')[0].trim() };
}

function fromHome(home: string): Java | undefined {
  const bin = join(home, 'bin', 'java');
  return existsSync(bin) ? probeJava(bin, home) : undefined;
}

/** Java for Kafka 4.1 (needs 17+): KAFKA_JAVA_HOME, else JAVA_HOME, else `java` on PATH (Java 17 here). */
export function kafkaJava(explicitHome?: string): Java {
  const candidates: (() => Java | undefined)[] = [
    () => (explicitHome ? fromHome(explicitHome) : undefined),
    () => (process.env.JAVA_HOME ? fromHome(process.env.JAVA_HOME) : undefined),
    () => probeJava('java'),
    () => fromHome(TEMURIN_25_HOME),
  ];
  for (const c of candidates) {
    const j = c();
    if (j && j.major >= 17) return j;
  }
  throw new StackError(
    'Java 17 or newer not found (needed by Kafka): install a JDK (e.g. apt-get install openjdk-17-jdk-headless) or set KAFKA_JAVA_HOME/JAVA_HOME',
  );
}

/**
 * Java for Keycloak 26.4: Temurin 25 first (Keycloak deprecates Java 17; 26.4.7 runs on 25, checked on this
 * machine), then KEYCLOAK_JAVA_HOME/JAVA_HOME/PATH with 21 or 17 as a fallback.
 */
export function keycloakJava(explicitHome?: string): Java {
  const candidates: (() => Java | undefined)[] = [
    () => (explicitHome ? fromHome(explicitHome) : undefined),
    () => fromHome(TEMURIN_25_HOME),
    () => (process.env.JAVA_HOME ? fromHome(process.env.JAVA_HOME) : undefined),
    () => probeJava('java'),
  ];
  for (const c of candidates) {
    const j = c();
    if (j && j.major >= 17) return j;
  }
  throw new StackError(
    `Java 17 or newer not found (needed by Keycloak; 25 preferred): install one or set KEYCLOAK_JAVA_HOME (e.g. ${TEMURIN_25_HOME})`,
  );
}

export function requireMaven(why: string): string {
  const r = spawnSync('mvn', ['-v'], { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) {
    throw new StackError(
      `Maven (mvn) not found, needed once to ${why}: install it (e.g. apt-get install maven)`,
    );
  }
  return 'mvn';
}

export function hasCommand(cmd: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** Runs a command to completion, output appended to a log file; resolves with the exit code. */
export function runLogged(
  command: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string; signal?: AbortSignal },
): Promise<number> {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a');
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', fd, fd],
      signal: opts.signal,
    });
    child.once('error', (err) => reject(err));
    child.once('close', (code, sig) => resolve(code ?? (sig ? 128 : 1)));
  }).finally(() => closeSync(fd));
}

// eslint-disable-next-line no-control-regex -- ESC starts the colour codes Maven writes.
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

/** The first `[ERROR]` line of a Maven log, without colours (for the one-line failure message). */
export function mavenError(logFile: string, code: number): string {
  const line = tailFile(logFile, 300)
    .map((l) => l.replace(ANSI_COLOUR, ''))
    .filter((l) => l.includes('[ERROR]'))
    .map((l) => l.replace('[ERROR]', '').trim())
    .find((l) => l !== '');
  return line ?? `mvn exited with ${code}`;
}
