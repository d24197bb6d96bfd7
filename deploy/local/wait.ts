import { StackError } from './errors';
import { recordIsAlive, tailOfLastStart, type PidRecord } from './proc';
import { say } from './errors';
import { tilde } from './settings';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  /** What is awaited, for messages: "Kafka", "gateway". */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
  /** The process that must stay alive meanwhile (fail at once when it exits). */
  process?: PidRecord;
  /** Lines of its log to print when it fails. */
  logLines?: number;
}

/** Polls `check` until it answers true; fails with one line when the process dies or time runs out. */
export async function waitHealthy(check: () => Promise<boolean>, o: WaitOptions): Promise<void> {
  const started = Date.now();
  for (;;) {
    if (o.signal?.aborted) throw new StackError(`${o.what}: interrupted`);
    if (await check().catch(() => false)) return;
    if (o.process && !recordIsAlive(o.process)) {
      showLog(o);
      throw new StackError(`${o.what} exited during start-up${logHint(o.process)}`);
    }
    if (Date.now() - started > o.timeoutMs) {
      showLog(o);
      throw new StackError(
        `${o.what} did not become healthy within ${Math.round(o.timeoutMs / 1000)} s${logHint(o.process)}`,
      );
    }
    await sleep(o.intervalMs ?? 500);
  }
}

function logHint(p?: PidRecord): string {
  return p?.logFile ? `; see ${tilde(p.logFile)}` : '';
}

function showLog(o: WaitOptions): void {
  const file = o.process?.logFile;
  if (!file) return;
  const lines = tailOfLastStart(file, o.logLines ?? 30);
  if (lines.length === 0) return;
  say(`--- last ${lines.length} lines of ${tilde(file)} ---`);
  for (const l of lines) say(l);
  say('---');
}

/** GET with a bound; true on 2xx. */
export async function httpOk(url: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer().catch(() => undefined);
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}
