import { createHash } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;

/**
 * Pure check that a zip (or jar) "opens": its end-of-central-directory record is there and points at a
 * central directory that starts where it says. Catches truncated and garbage downloads without unpacking.
 * `tail` is the last bytes of the file, `size` the file size.
 */
export function zipTailProblem(
  tail: Buffer,
  size: number,
  readAt: (offset: number, len: number) => Buffer,
): string | undefined {
  if (size < 22) return 'too small to be a zip';
  // The EOCD record is 22 bytes plus a comment of at most 65535 bytes.
  for (let i = tail.length - 22; i >= 0 && i >= tail.length - 22 - 0xffff; i--) {
    if (tail.readUInt32LE(i) !== EOCD_SIG) continue;
    const entries = tail.readUInt16LE(i + 10);
    const cdSize = tail.readUInt32LE(i + 12);
    const cdOffset = tail.readUInt32LE(i + 16);
    const eocdPos = size - tail.length + i;
    // Zip64 archives keep the real values in another record; trust its locator's presence.
    if (cdOffset === 0xffffffff || entries === 0xffff) {
      return i >= 20 && tail.readUInt32LE(i - 20) === ZIP64_LOCATOR_SIG
        ? undefined
        : 'broken zip64 directory';
    }
    if (entries === 0) return cdSize === 0 ? undefined : 'empty directory with a size';
    if (cdOffset + cdSize > eocdPos) return 'central directory runs past its end record (truncated?)';
    const head = readAt(cdOffset, 4);
    if (head.length < 4 || head.readUInt32LE(0) !== CEN_SIG)
      return 'central directory not where its end record says';
    return undefined;
  }
  return 'no end-of-central-directory record (truncated or not a zip)';
}

/** `undefined` when the file opens as a zip, else what is wrong with it. */
export function zipFileProblem(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const len = Math.min(size, 22 + 0xffff + 20);
    const tail = Buffer.alloc(len);
    readSync(fd, tail, 0, len, size - len);
    const f = fd;
    return zipTailProblem(tail, size, (offset, n) => {
      const b = Buffer.alloc(n);
      const got = readSync(f, b, 0, n, offset);
      return b.subarray(0, got);
    });
  } catch (err) {
    return (err as Error).message;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function sha1File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha1');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
