import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The other domain services' benches: each `bench/<service>.ts` exports one function that measures its
 * main write and read through the gateway (p50/p99 in ms, counts, errors) with demo users' tokens. A
 * service whose file is absent is listed as not measured, so a service lands before its bench does.
 */
export type ServiceFigures = Record<string, number>;
type ServiceBench = (
  gatewayUrl: string,
  token: (user: string) => Promise<string>,
  say: (s: string) => void,
) => Promise<ServiceFigures>;

/** `BENCH_ONLY=reporting[,security-committees]`: only these services' benches (all when unset). */
export function selectedServices(only = process.env.BENCH_ONLY): Set<string> | undefined {
  const names = (only ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length > 0 ? new Set(names) : undefined;
}

export const SERVICE_BENCHES: readonly { service: string; file: string; fn: string }[] = [
  { service: 'security-committees', file: 'security.ts', fn: 'benchSecurity' },
  { service: 'anticorruption', file: 'anticorruption.ts', fn: 'benchAnticorruption' },
  { service: 'reporting', file: 'reporting.ts', fn: 'benchReporting' },
];

export interface ServiceBenchResult {
  service: string;
  figures: ServiceFigures | null;
  /** Why there are no figures: file absent, or the error it threw. */
  problem?: string;
}

export async function runServiceBenches(
  gatewayUrl: string,
  token: (user: string) => Promise<string>,
  say: (s: string) => void,
): Promise<ServiceBenchResult[]> {
  const out: ServiceBenchResult[] = [];
  const only = selectedServices();
  for (const b of SERVICE_BENCHES.filter((x) => !only || only.has(x.service))) {
    const path = join(__dirname, b.file);
    if (!existsSync(path)) {
      out.push({ service: b.service, figures: null, problem: `bench/${b.file} absent` });
      continue;
    }
    say(`\n== ${b.service}: bench/${b.file}`);
    try {
      const mod = (await import(path)) as Record<string, ServiceBench | undefined>;
      const fn = mod[b.fn];
      if (typeof fn !== 'function') throw new Error(`bench/${b.file} exports no ${b.fn}()`);
      const figures = await fn(gatewayUrl, token, say);
      for (const [k, v] of Object.entries(figures)) say(`  ${k}: ${v}`);
      out.push({ service: b.service, figures });
    } catch (e) {
      const problem = e instanceof Error ? e.message : String(e);
      say(`  not measured: ${problem}`);
      out.push({ service: b.service, figures: null, problem });
    }
  }
  return out;
}
