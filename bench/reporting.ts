import { randomUUID } from 'node:crypto';
import { benchReportScale } from './reporting-scale';

/**
 * The reporting service through the gateway. Event visibility: a CoFo secretary files a case (land), and
 * the bench polls the indicator of filed cases for that case's day until it is counted: the time from the
 * filing's answer to its effect in the read model, p50/p99 over sequential samples. Then the time to draft
 * a quarter's report and to render its PDF, at the data the database holds now. Then the report's time at
 * 10 thousand and at 1 million facts in one quarter, seeded with SQL (bench/reporting-scale.ts;
 * `BENCH_REPORTING_SCALE=0` skips it). Figures in ms, plus errors, so a failed run is not read as fast.
 * Run from `npm run bench` (bench/services.ts); `BENCH_ONLY=reporting npm run bench` runs this part alone.
 */
const SAMPLES = 20;
const POLL_MS = 10;
const VISIBLE_TIMEOUT_MS = 15_000;

const pct = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function benchReporting(
  gatewayUrl: string,
  token: (user: string) => Promise<string>,
  say: (s: string) => void = () => undefined,
): Promise<Record<string, number>> {
  const secretary = {
    authorization: `Bearer ${await token('secretaire.segou')}`,
    'content-type': 'application/json',
  };
  const manager = { authorization: `Bearer ${await token('manager')}`, 'content-type': 'application/json' };
  // A day of a past year that few records share, so the count moves by this bench's filings only.
  const day = `2011-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
  const values = async (): Promise<number> => {
    const r = await fetch(
      `${gatewayUrl}/api/v1/indicators/r1-cases-filed/values?period=${day}..${day}&level=country`,
      {
        headers: manager,
      },
    );
    if (r.status !== 200) throw new Error(`indicator values answered ${r.status}`);
    return ((await r.json()) as { total: { value: number } }).total.value;
  };

  const visible: number[] = [];
  let errors = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const before = await values();
    const filed = await fetch(`${gatewayUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { ...secretary, 'idempotency-key': `bench-${randomUUID()}` },
      body: JSON.stringify({
        cofoCode: 'SEG01',
        filedOn: day,
        disputeType: 'limites-de-champs',
        summary: 'Litige de banc d’essai (bench)',
        parties: [
          { kind: 'person', name: 'Partie A', sex: 'F', ageGroup: 'youth-15-35', role: 'demandeur' },
          { kind: 'person', name: 'Partie B', sex: 'M', ageGroup: 'adult-36-59', role: 'defendeur' },
        ],
        land: { villageCode: 'ML-SEG-SEG-SEG', description: 'Champ (bench)' },
      }),
    });
    const answered = performance.now();
    if (filed.status !== 201) {
      errors++;
      continue;
    }
    for (;;) {
      if ((await values()) > before) {
        visible.push(performance.now() - answered);
        break;
      }
      if (performance.now() - answered > VISIBLE_TIMEOUT_MS) {
        errors++;
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
  visible.sort((a, b) => a - b);

  const t0 = performance.now();
  const draft = await fetch(`${gatewayUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { ...manager, 'idempotency-key': `bench-${randomUUID()}` },
    body: JSON.stringify({ period: '2023Q4' }),
  });
  const draftMs = performance.now() - t0;
  if (draft.status !== 201) errors++;
  const id = draft.status === 201 ? ((await draft.json()) as { id: string }).id : undefined;
  let pdfMs = NaN;
  if (id) {
    const t1 = performance.now();
    const pdf = await fetch(`${gatewayUrl}/api/v1/reports/${id}/pdf`, { headers: manager });
    await pdf.arrayBuffer();
    pdfMs = performance.now() - t1;
    if (pdf.status !== 200) errors++;
  }
  const scale =
    process.env.BENCH_REPORTING_SCALE === '0' ? {} : await benchReportScale(gatewayUrl, token, say);
  return {
    eventVisibleP50Ms: pct(visible, 50),
    eventVisibleP99Ms: pct(visible, 99),
    eventVisibleSamples: visible.length,
    reportDraftMs: draftMs,
    reportPdfMs: pdfMs,
    errors,
    ...scale,
  };
}
