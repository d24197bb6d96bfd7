/**
 * A failure the runner explains in one line (printed on stderr by the CLI, exit code 1 unless given).
 * Anything else that escapes is a bug in the runner and is printed with its stack.
 */
export class StackError extends Error {
  override readonly name = 'StackError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message.replace(/\s*\n\s*/g, ' ').trim());
  }
}

/** Progress lines go to stdout; the one error line goes to stderr (see cli.ts). */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function seconds(sinceMs: number): string {
  return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
