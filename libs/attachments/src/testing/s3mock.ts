import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Adobe's S3Mock (`com.adobe.testing:s3mock`, an S3-compatible server in one jar from Maven Central,
 * Java 17+), started by the tests that need a real S3 API on this machine. It checks no signature: the
 * signing itself is tested against AWS's vectors (`sigv4.spec.ts`).
 */
export const S3MOCK_VERSION = '3.12.0';

export interface RunningS3Mock {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

function jarPath(): string {
  const repo = process.env.MAVEN_REPO ?? path.join(homedir(), '.m2', 'repository');
  return path.join(repo, 'com/adobe/testing/s3mock', S3MOCK_VERSION, `s3mock-${S3MOCK_VERSION}-exec.jar`);
}

/** The jar from the Maven cache, fetched by Maven on first use (as the stack runner fetches Kafka). */
function resolveJar(): string {
  const jar = jarPath();
  if (existsSync(jar)) return jar;
  const r = spawnSync(
    'mvn',
    [
      '-q',
      'dependency:get',
      `-Dartifact=com.adobe.testing:s3mock:${S3MOCK_VERSION}:jar:exec`,
      '-Dtransitive=false',
    ],
    { stdio: 'inherit', timeout: 300_000 },
  );
  if (r.status !== 0 || !existsSync(jar))
    throw new Error(`could not fetch S3Mock ${S3MOCK_VERSION} with Maven`);
  return jar;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * Starts S3Mock on a free port with one empty bucket; waits until it answers. (Its plain-HTTP connector
 * listens on every interface of the machine for the test's duration; only loopback is used.)
 */
export async function startS3Mock(bucket = 'prosmed-attachments-test'): Promise<RunningS3Mock> {
  const jar = resolveJar();
  const port = await freePort();
  const root = mkdtempSync(path.join(tmpdir(), 's3mock-'));
  let log = '';
  const child = spawn(
    'java',
    [
      '-Xmx256m',
      '-jar',
      jar,
      '--server.address=127.0.0.1',
      '--server.port=0',
      `--com.adobe.testing.s3mock.httpPort=${port}`,
      `--com.adobe.testing.s3mock.store.root=${root}`,
      '--com.adobe.testing.s3mock.store.retainFilesOnExit=false',
      '--logging.level.root=WARN',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited(child), new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(root, { recursive: true, force: true });
  };
  const endpoint = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`S3Mock exited (${child.exitCode}): ${log}`);
    }
    // Up once it lists buckets; then the test bucket is created (S3's CreateBucket).
    const up = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (up) {
      const created = await fetch(`${endpoint}/${bucket}`, {
        method: 'PUT',
        signal: AbortSignal.timeout(5000),
      });
      if (!created.ok) {
        await stop();
        throw new Error(`S3Mock did not create bucket ${bucket}: ${created.status}`);
      }
      return { endpoint, bucket, stop };
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`S3Mock did not answer within 120 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
