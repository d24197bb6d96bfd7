/**
 * The clients of the fault tests: a bounded number of writers filing land cases through the gateways
 * over HTTP, each retrying a 5xx, a timeout, a refused or cut connection (and a 409 "still in progress")
 * with the SAME Idempotency-Key, up to 5 times with exponential backoff, as a careful real client does.
 */
import { randomUUID } from 'node:crypto';
import { LandMessages } from '@prosmed/contracts';
import { attemptVerdict, type Attempt, type Filing } from './report';

export interface WritersOptions {
  /** Base URLs of the gateway instances; a retry goes to the next one. */
  gateways: readonly string[];
  token: () => Promise<string>;
  writers: number;
  /** Pause between two filings of one writer (keeps the load bounded on two cores). */
  paceMs: number;
  /** Unique to this scenario of this run: every filing's summary starts with it. */
  marker: string;
  retries?: number;
  /** Bound of one HTTP attempt: above the gateway's Kafka bound plus its idempotency wait. */
  attemptTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The catalogue's own example, made unique by its summary (the marker the checks look for). */
function filingBody(summary: string): unknown {
  const example = LandMessages.caseFile.http!.example as unknown as Record<string, unknown>;
  const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString().slice(0, 10);
  return { ...example, filedOn: yesterday, summary };
}

function transportFailure(err: unknown): string {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'reset';
  return code ?? 'network';
}

export class Writers {
  readonly filings: Filing[] = [];
  private stopping = false;
  private running: Promise<void>[] = [];

  constructor(private readonly o: WritersOptions) {}

  start(): void {
    this.running = Array.from({ length: this.o.writers }, (_, w) => this.loop(w));
  }

  /** No new filing after this; resolves once every filing in flight has its final answer. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private async loop(w: number): Promise<void> {
    for (let n = 0; !this.stopping; n++) {
      await this.file(w, n);
      await sleep(this.o.paceMs);
    }
  }

  private async file(w: number, n: number): Promise<void> {
    const retries = this.o.retries ?? 5;
    const summary = `${this.o.marker} w${w} n${n}`;
    const filing: Filing = { summary, key: randomUUID(), attempts: [], final: 'failed', settled: false };
    this.filings.push(filing);
    try {
      await this.attempts(w, filing, retries);
    } finally {
      filing.settled = true;
    }
  }

  private async attempts(w: number, filing: Filing, retries: number): Promise<void> {
    const summary = filing.summary;
    const body = JSON.stringify(filingBody(summary));
    for (let attempt = 0; attempt <= retries; attempt++) {
      const gateway = this.o.gateways[(w + attempt) % this.o.gateways.length];
      const a: Attempt = { gateway, startedAt: Date.now(), endedAt: 0, status: 'network' };
      try {
        const res = await fetch(`${gateway}/api/v1/cases`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${await this.o.token()}`,
            'content-type': 'application/json',
            'idempotency-key': filing.key,
          },
          body,
          signal: AbortSignal.timeout(this.o.attemptTimeoutMs ?? 20_000),
        });
        const text = await res.text();
        a.status = res.status;
        try {
          const json = JSON.parse(text) as { id?: string; number?: string; code?: string };
          a.code = json.code;
          if (res.ok) {
            filing.caseId = json.id;
            filing.number = json.number;
          }
        } catch {
          // not JSON: the status says enough
        }
        a.replayed = res.headers.get('idempotent-replayed') === 'true';
      } catch (err) {
        a.status = transportFailure(err);
      }
      a.endedAt = Date.now();
      filing.attempts.push(a);
      const verdict = attemptVerdict(a);
      if (verdict === 'ok') {
        filing.final = 'acked';
        return;
      }
      if (verdict === 'final' || attempt === retries) return;
      // 0.5, 1, 2, 4, 8 s, with jitter so the writers do not come back all at once.
      await sleep(500 * 2 ** attempt * (0.8 + Math.random() * 0.4));
    }
  }
}
