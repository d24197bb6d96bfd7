import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { say } from './errors';
import { isAlive } from './proc';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One stack command at a time per machine (two clones, or parallel test workers, may call `up` together):
 * an O_EXCL lock file holding the owner's PID; a lock whose owner died is taken over.
 */
export async function withLock<T>(file: string, fn: () => Promise<T>, waitMs = 15 * 60_000): Promise<T> {
  mkdirSync(dirname(file), { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // removed meanwhile
      }
      if (!Number.isInteger(owner) || owner <= 0 || !isAlive(owner)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() - started > waitMs)
        throw new Error(`another stack command (pid ${owner}) holds ${file}`);
      if (!told) {
        say(`waiting for another stack command (pid ${owner}) to finish...`);
        told = true;
      }
      await sleep(500);
    }
  }
  const release = () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  try {
    return await fn();
  } finally {
    release();
    process.removeListener('exit', release);
  }
}
