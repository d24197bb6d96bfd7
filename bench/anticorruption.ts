import { randomBytes, randomUUID } from 'node:crypto';
import { LoopbackClient } from './lib/http';
import { closedLoop, type Send } from './lib/load';

/**
 * The SNLCC service through the gateway: its main write (a focal point proposes the update of one of
 * her structure's actions for a quarter, with an Idempotency-Key, as the web app does) and its main read
 * (list her structure's actions, first page), each at concurrency 1 (latency) and 8 (throughput).
 *
 * A proposal is one per action and quarter, so the bench first imports a plan of its own (the
 * Secrétariat permanent's upload route, codes tagged with the run) and then walks its action × quarter
 * slots: every proposal is a real first write. Wired into `npm run bench` by `bench/services.ts`.
 */
const WARMUP_MS = 500;
const DURATION_MS = 3000;
const ACTIONS = 300;
const PERIODS = ['2024', '2025', '2026', '2027'].flatMap((y) => [1, 2, 3, 4].map((q) => `${y}-Q${q}`));
const COLUMNS =
  'axe;objectif_specifique;objectif_specifique_libelle;objectif_operationnel;objectif_operationnel_libelle;' +
  'resultat;resultat_libelle;code_action;libelle_action;structure_responsable;structures_partenaires;' +
  'date_debut;date_fin;budget_fcfa;indicateur;unite;valeur_reference;cibles';

const errorCount = (errors: Record<string, number>) => Object.values(errors).reduce((a, b) => a + b, 0);

function benchPlan(tag: string): string {
  const rows = Array.from({ length: ACTIONS }, (_, i) =>
    [
      `A${(i % 4) + 1}`,
      `OS-B${tag}-${i % 4}`,
      'Objectif spécifique (bench)',
      `OO-B${tag}-${i % 4}`,
      'Objectif opérationnel (bench)',
      `R-B${tag}-${i % 4}`,
      'Résultat (bench)',
      `ACT-B${tag}-${String(i).padStart(3, '0')}`,
      `Action de mesure ${i}`,
      'OCLEI',
      '',
      '2024-01-01',
      '2027-12-31',
      '1000000',
      '',
      '',
      '',
      '',
    ].join(';'),
  );
  return [COLUMNS, ...rows].join('\n');
}

export async function benchAnticorruption(
  gatewayUrl: string,
  token: (user: string) => Promise<string>,
): Promise<Record<string, number>> {
  const client = new LoopbackClient(gatewayUrl, 32);
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const secretariat = { authorization: `Bearer ${await token('snlcc.sp')}` };
  const focalPoint = { authorization: `Bearer ${await token('pf.oclei')}` };
  try {
    const imported = await client.send(
      'POST',
      '/api/v1/plan/import?fileName=bench-plan.csv',
      { ...secretariat, 'content-type': 'text/csv' },
      benchPlan(tag),
    );
    if (imported.status !== 201) throw new Error(`plan import answered ${imported.status}: ${imported.body}`);
    let slot = 0;
    const write: Send = async () => {
      const n = slot++;
      if (n >= ACTIONS * PERIODS.length) return 0; // out of slots: counted as an error, never a repeat
      const code = `ACT-B${tag}-${String(n % ACTIONS).padStart(3, '0')}`;
      const body = JSON.stringify({
        period: PERIODS[Math.floor(n / ACTIONS)],
        status: 'en cours',
        progress: n % 101,
        budgetSpent: 250_000,
        comment: 'Mesure de performance.',
      });
      const r = await client.send(
        'POST',
        `/api/v1/actions/${code}/updates`,
        { ...focalPoint, 'content-type': 'application/json', 'idempotency-key': `bench-${randomUUID()}` },
        body,
        false,
      );
      return r.status;
    };
    const read: Send = async () =>
      (await client.send('GET', '/api/v1/actions?limit=50', focalPoint, undefined, false)).status;
    return await measure(write, read);
  } finally {
    client.close();
  }
}

async function measure(write: Send, read: Send): Promise<Record<string, number>> {
  const first = await write(0);
  if (first !== 201) throw new Error(`POST /api/v1/actions/{code}/updates answered ${first}`);
  const w1 = await closedLoop({ concurrency: 1, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: write });
  const w8 = await closedLoop({ concurrency: 8, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: write });
  const r1 = await closedLoop({ concurrency: 1, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: read });
  const r8 = await closedLoop({ concurrency: 8, warmupMs: WARMUP_MS, durationMs: DURATION_MS, send: read });
  return {
    proposeUpdateP50Ms: w1.latency.p50,
    proposeUpdateP99Ms: w1.latency.p99,
    proposeUpdateC8PerSec: w8.throughput,
    proposeUpdateC8P99Ms: w8.latency.p99,
    proposeUpdateErrors: errorCount(w1.errors) + errorCount(w8.errors),
    listActionsP50Ms: r1.latency.p50,
    listActionsP99Ms: r1.latency.p99,
    listActionsC8PerSec: r8.throughput,
    listActionsC8P99Ms: r8.latency.p99,
    listActionsErrors: errorCount(r1.errors) + errorCount(r8.errors),
  };
}
