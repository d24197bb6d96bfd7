import { processColumns, type CpuShare } from './cpu';
import { markdownTable, table } from './report';
import {
  CPU_PHASE_TITLES,
  CPU_PHASES,
  loadOf,
  type BenchJson,
  type CpuPhase,
  type PathResult,
  type PgbenchMode,
} from './results';
import { round } from './stats';
import { latencyChartSvg, type ChartPanel } from './svg';

type Cell = string | number | null;
interface Section {
  title: string;
  headers: string[];
  rows: Cell[][];
  /** Printed as is (monospace) instead of a table. */
  verbatim?: string;
}

/** Every measured path, in the order of the tables. */
export function allPaths(r: BenchJson): PathResult[] {
  return [
    r.write.gatewaySpread,
    r.write.gatewayOneCofo,
    r.write.directSpread,
    r.read.gatewayGet,
    r.read.gatewayList,
    r.read.directGet,
  ];
}

function pathRows(paths: PathResult[]): Cell[][] {
  return paths.map((p) => {
    if (!p.available) return [p.path, null, null, null, null, null, null, `NOT MEASURED: ${p.note ?? ''}`];
    const h = p.half;
    const errs = h ? Object.values(h.errors).reduce((a, b) => a + b, 0) : 0;
    return [
      p.path,
      p.saturation?.throughput ?? null,
      p.saturation?.concurrency ?? null,
      h?.targetRate ?? null,
      h?.latency.p50 ?? null,
      h?.latency.p95 ?? null,
      h?.latency.p99 ?? null,
      errs ? `${errs} errors` : (p.note ?? ''),
    ];
  });
}

/** Kafka messages the measured land instance handled per request answered, %: 100 when it served them all. */
const LAND_SERVED = 'land served %';

const PATH_HEADERS = ['path', 'saturation req/s', 'at c', 'half rate', 'p50 ms', 'p95 ms', 'p99 ms', 'note'];

function pgTps(m: PgbenchMode, c: number): number | null {
  const s = m.sweep.find((x) => x.clients === c);
  return s ? round(s.tps) : null;
}

/** Pure: one column per process, `-` where a process was not measured. */
function cpuCells(share: CpuShare | undefined, columns: string[]): Cell[] {
  return columns.map((c) => share?.[c] ?? null);
}

/** Pure: before and after rows of each comparable phase, one column per process. */
export function beforeAfterRows(
  before: CpuPhase[],
  after: CpuPhase[],
): { headers: string[]; rows: Cell[][] } {
  const columns = processColumns([...before, ...after].map((p) => p.cpuMsPerRequest)).filter(
    (c) => c !== 'land (direct)',
  );
  const rows: Cell[][] = [];
  for (const key of CPU_PHASES) {
    const b = before.find((p) => p.key === key);
    const a = after.find((p) => p.key === key);
    if (!a && !b) continue;
    for (const [when, p] of [
      ['before', b],
      ['after', a],
    ] as const) {
      rows.push([
        CPU_PHASE_TITLES[key],
        when,
        p ? loadOf(p) : null,
        p?.machineBusyPct ?? null,
        p?.landSharePct ?? null,
        ...(p ? cpuCells(p.cpuMsPerRequest, columns) : columns.map(() => null)),
      ]);
    }
  }
  return { headers: ['phase', 'when', 'load', 'busy %', LAND_SERVED, ...columns], rows };
}

export function sections(r: BenchJson): Section[] {
  const all = allPaths(r);
  const levels = [
    ...new Set([
      ...all.flatMap((p) => p.sweep.map((s) => s.concurrency)),
      ...r.pgbench.oneCofo.sweep.map((s) => s.clients),
      ...r.pgbench.spread.sweep.map((s) => s.clients),
    ]),
  ].sort((a, b) => a - b);
  const cell = (p: PathResult, c: number) => {
    const s = p.sweep.find((x) => x.concurrency === c);
    return s ? `${s.throughput} (${s.latency.p50}/${s.latency.p99})` : null;
  };
  const pgCell = (m: PgbenchMode, c: number) => {
    const s = m.sweep.find((x) => x.clients === c);
    return s ? `${round(s.tps)} (avg ${s.latencyAvgMs})` : null;
  };
  const cpuPaths = all.filter((p) => p.cpuMsPerRequest);
  const cpuHops = r.hops.filter((h) => h.cpuMsPerRequest);
  const cpuColumns = processColumns([
    ...cpuPaths.map((p) => p.cpuMsPerRequest),
    ...cpuHops.map((h) => h.cpuMsPerRequest),
  ]);
  const ba = beforeAfterRows(r.cpu.before, r.cpu.after);
  const out: Section[] = [
    { title: 'Saturation and latency at half of it', headers: PATH_HEADERS, rows: pathRows(all) },
    {
      title: 'Sweep: req/s (p50/p99 ms) by concurrency',
      headers: ['path', ...levels.map((c) => `c=${c}`)],
      rows: [
        [
          'pgbench file-case.sql, a CoFo per client (tps, avg ms)',
          ...levels.map((c) => pgCell(r.pgbench.spread, c)),
        ],
        ['pgbench file-case.sql, one CoFo (tps, avg ms)', ...levels.map((c) => pgCell(r.pgbench.oneCofo, c))],
        ...all.filter((p) => p.available).map((p) => [p.path, ...levels.map((c) => cell(p, c))]),
      ],
    },
    {
      title: 'Ratio to PostgreSQL alone (same transaction, same concurrency)',
      headers: ['figure', 'value'],
      rows: [
        [`CoFos of the bench's own writers`, r.benchCofos],
        [
          'pgbench tps, a CoFo per client, at the ratio concurrency',
          r.pgbench.spread.atRatio ? round(r.pgbench.spread.atRatio.tps) : null,
        ],
        ['ratio concurrency (-c)', r.ratioConcurrency],
        ['ratioToPgbench (gateway filing ÷ pgbench, a CoFo per writer)', r.ratioToPgbench ?? 'NOT MEASURED'],
        ['ratioToPgbenchDirect (direct filing ÷ pgbench, a CoFo per writer)', r.ratioToPgbenchDirect],
        [
          'pgbench tps, one CoFo, at the one-CoFo ratio concurrency',
          r.pgbench.oneCofo.atRatio ? round(r.pgbench.oneCofo.atRatio.tps) : null,
        ],
        ['one-CoFo ratio concurrency (-c)', r.ratioConcurrencyOneCofo],
        ['ratioToPgbenchOneCofo (gateway filing ÷ pgbench, all in SEG01)', r.ratioToPgbenchOneCofo],
      ],
    },
    {
      title: 'Hops (latency at c=1, throughput at c=8)',
      headers: ['path', 'c=1 p50 ms', 'c=1 p99 ms', 'c=8 req/s'],
      rows: [
        [
          'pgbench file-case.sql, a CoFo per client (avg)',
          r.pgbench.spread.sweep.find((s) => s.clients === 1)?.latencyAvgMs ?? null,
          null,
          pgTps(r.pgbench.spread, 8),
        ],
        ...[r.write.directSpread, r.write.gatewaySpread, r.read.directGet, r.read.gatewayGet]
          .filter((p) => p.available)
          .map((p) => {
            const c1 = p.sweep.find((s) => s.concurrency === 1);
            return [
              p.path,
              c1?.latency.p50 ?? null,
              c1?.latency.p99 ?? null,
              p.sweep.find((s) => s.concurrency === 8)?.throughput ?? null,
            ];
          }),
        ...r.hops.map((h) => [h.path, h.c1p50, h.c1p99, h.c8throughput]),
      ],
    },
    {
      title: 'CPU ms per request by process (fixed-rate run at half of saturation; hops: the c=8 run)',
      headers: ['path', 'machine busy %', LAND_SERVED, ...cpuColumns],
      rows: [
        ...cpuPaths.map((p) => [
          p.path,
          p.machineBusyPct ?? null,
          p.landSharePct ?? null,
          ...cpuCells(p.cpuMsPerRequest, cpuColumns),
        ]),
        ...cpuHops.map((h) => [
          h.path,
          h.machineBusyPct ?? null,
          h.landSharePct ?? null,
          ...cpuCells(h.cpuMsPerRequest, cpuColumns),
        ]),
      ],
    },
    {
      title: `CPU ms per request before / after this issue's changes (before: ${r.cpu.beforeSource})`,
      headers: ba.headers,
      rows: ba.rows,
    },
    {
      title: 'Footprint',
      headers: ['app', 'pid', 'RSS at rest MB', 'RSS max under load MB', 'RSS at end MB'],
      rows: [
        ...r.footprint.apps.map((a) => [a.name, a.pid, a.rssRestMb || null, a.rssLoadMaxMb, a.rssEndMb]),
        ['land start-up, spawn to /ready (ms)', null, r.footprint.landStartupMs, null, null],
        ...(r.footprint.stackStartup
          ? [
              [
                'stack down + up (ms)',
                null,
                r.footprint.stackStartup.downMs,
                r.footprint.stackStartup.upMs,
                null,
              ],
            ]
          : []),
      ],
    },
  ];
  if (r.transport) {
    out.push({
      title: `Kafka clients, echo request-reply (bench/transport.ts, exit ${r.transport.exitCode ?? '-'}, ${r.transport.seconds ?? '-'} s)`,
      headers: [],
      rows: [],
      verbatim: r.transport.output.trimEnd() || '(no output)',
    });
  }
  for (const sv of r.services ?? []) {
    out.push({
      title: `${sv.service} through the gateway`,
      headers: ['figure', 'value'],
      rows: sv.figures
        ? Object.entries(sv.figures).map(([k, v]) => [k, v])
        : [['not measured', sv.problem ?? '']],
    });
  }
  out.push({
    title: 'Targets (printed, never asserted)',
    headers: ['from', 'target', 'figure', 'verdict', 'detail'],
    rows: r.targets.map((t) => [
      t.from,
      t.name,
      t.value === null ? null : `${t.value} ${t.unit}`,
      t.verdict,
      t.note ?? '',
    ]),
  });
  return out;
}

export function renderText(r: BenchJson): string {
  const out = sections(r).map((s) =>
    s.verbatim !== undefined ? `${s.title}\n${s.verbatim}` : `${s.title}\n${table(s.headers, s.rows)}`,
  );
  if (r.notes.length) out.push(`Notes\n${r.notes.map((n) => `- ${n}`).join('\n')}`);
  return out.join('\n\n');
}

export function renderMarkdown(r: BenchJson): string {
  const out = [
    `Run of ${r.startedAt} on ${String(r.machine.nproc)} CPU (${String(r.machine.cpuModel)}), ${String(r.machine.memTotalGiB)} GiB, load average at start ${((r.machine.loadavgAtStart as number[] | undefined) ?? []).join(' ')}`,
  ];
  for (const s of sections(r)) {
    out.push(
      s.verbatim !== undefined
        ? `**${s.title}**\n\n\`\`\`\n${s.verbatim}\n\`\`\``
        : `**${s.title}**\n\n${markdownTable(s.headers, s.rows)}`,
    );
  }
  if (r.notes.length) out.push(`**Notes**\n\n${r.notes.map((n) => `- ${n}`).join('\n')}`);
  return `${out.join('\n\n')}\n`;
}

export function chart(r: BenchJson): string {
  const panels: ChartPanel[] = allPaths(r)
    .filter((p) => p.available && p.sweep.length > 0)
    .map((p) => ({
      title: p.path,
      series: [
        {
          name: 'p50 (closed loop)',
          color: '#1f77b4',
          points: p.sweep.map((s) => ({ x: s.throughput, y: s.latency.p50 })),
        },
        {
          name: 'p99 (closed loop)',
          color: '#d62728',
          dashed: true,
          points: p.sweep.map((s) => ({ x: s.throughput, y: s.latency.p99 })),
        },
        ...(p.half
          ? [
              {
                name: 'p50 at half (fixed rate)',
                color: '#2ca02c',
                points: [{ x: p.half.targetRate, y: p.half.latency.p50 }],
              },
              {
                name: 'p99 at half (fixed rate)',
                color: '#ff7f0e',
                points: [{ x: p.half.targetRate, y: p.half.latency.p99 }],
              },
            ]
          : []),
      ],
    }));
  for (const [title, m] of [
    ['pgbench file-case.sql, a CoFo per client (average latency)', r.pgbench.spread],
    ['pgbench file-case.sql, one CoFo (average latency)', r.pgbench.oneCofo],
  ] as const) {
    if (m.sweep.length === 0) continue;
    panels.push({
      title,
      series: [
        {
          name: 'latency avg',
          color: '#9467bd',
          points: m.sweep.map((s) => ({ x: s.tps, y: s.latencyAvgMs })),
        },
      ],
    });
  }
  return latencyChartSvg(
    `prosmed latency vs offered load, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    panels,
    `${String(r.machine.nproc)} CPU ${String(r.machine.cpuModel)}; closed-loop points at c=${r.options.levels.join(',')}`,
  );
}
