import { execFile } from 'node:child_process';
import path from 'node:path';

/** Text of a PDF read back with pdf.js (in a child process): what a person copying from the paper gets. */
export function extractPdfText(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'pdf-text.cjs')],
      { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    );
    child.stdin?.end(bytes);
  });
}
