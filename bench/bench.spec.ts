import { readFileSync } from 'node:fs';
import { parseRates, prefixTopics, renameLandGroup } from './before';
import { benchCofoCode, benchUserRepresentation, benchUsername } from './lib/bench-data';
import { clientPortsTo, processColumns, setPostgres } from './lib/cpu';
import { byOwner, ownerOf, topFunctions, type CpuProfile } from './lib/cpuprofile';
import { closedLoop, openLoop } from './lib/load';
import { MAX_LEVEL, parseOptions } from './lib/options';
import { landPerMessage, parseBefore } from './lib/phases';
import { CASE_SEQ_SAMPLES, FILE_CASE_SCRIPT, parsePgbench } from './lib/pgbench';
import { beforeAfterRows } from './lib/render';
import { markdownTable, table, verdict } from './lib/report';
import { computeTargets, ISSUE_BEFORE, type BenchJson, type CpuPhase, type PathResult } from './lib/results';
import { dueCount, msUntil, plannedStartMs, totalRequests } from './lib/schedule';
import { percentile, round, summarize } from './lib/stats';
import { escapeXml, latencyChartSvg, linearTicks, logTicks, type ChartPanel } from './lib/svg';
import { benchSchemaSql, CASE_SEQ_SQL, caseSeqText, shapeDiff } from './pgbench/schema';

/** Minimal XML well-formedness check: balanced tags, quoted attributes, only the five entities. */
function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  const entity = /&(?:amp|lt|gt|quot|apos);/y;
  let roots = 0;
  for (let i = 0; i < body.length;) {
    const ch = body[i];
    if (ch === '<') {
      tag.lastIndex = i;
      const m = tag.exec(body);
      if (!m) throw new Error(`malformed tag at ${i}: ${body.slice(i, i + 60)}`);
      const [all, closing, name, attrs, selfClosing] = m;
      for (const a of attrs.matchAll(/"([^"]*)"/g)) {
        if (/&(?!(?:amp|lt|gt|quot|apos);)/.test(a[1])) throw new Error(`bad entity in attribute ${a[1]}`);
      }
      if (closing) {
        if (stack.pop() !== name) throw new Error(`unbalanced </${name}> at ${i}`);
      } else if (!selfClosing) {
        if (stack.length === 0) roots++;
        stack.push(name);
      } else if (stack.length === 0) roots++;
      i += all.length;
    } else if (ch === '&') {
      entity.lastIndex = i;
      if (!entity.exec(body)) throw new Error(`bare & at ${i}`);
      i = entity.lastIndex;
    } else {
      if (stack.length === 0 && ch.trim()) throw new Error(`text outside the root at ${i}`);
      i++;
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
  expect(roots).toBe(1);
}

describe('percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('uses the nearest rank: a sample that was seen, never an interpolation', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 51)).toBe(3);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([3, 9], 0)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarizes unsorted samples', () => {
    const s = summarize([...hundred].reverse());
    expect(s).toEqual({ count: 100, mean: 50.5, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(summarize([]).count).toBe(0);
  });

  it('rounds by magnitude', () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(12.345)).toBe(12.3);
    expect(round(123.45)).toBe(123);
  });
});

describe('open-loop schedule', () => {
  it('plans request i at i / rate, whatever happened before', () => {
    expect(plannedStartMs(0, 50)).toBe(0);
    expect(plannedStartMs(1, 50)).toBe(20);
    expect(plannedStartMs(25, 50)).toBe(500);
    expect(plannedStartMs(3, 0.5)).toBe(6000);
  });

  it('sends rate x duration requests', () => {
    expect(totalRequests(50, 15_000)).toBe(750);
    expect(totalRequests(33.3, 1000)).toBe(33);
    expect(totalRequests(10, 0)).toBe(0);
  });

  it('says how many are due: all planned at or before now, capped by the total', () => {
    expect(dueCount(-1, 100, 10)).toBe(0);
    expect(dueCount(0, 100, 10)).toBe(1);
    expect(dueCount(9.99, 100, 10)).toBe(1);
    expect(dueCount(10, 100, 10)).toBe(2);
    // A generator that woke late catches up at once: every request planned by now is due.
    expect(dueCount(55, 100, 10)).toBe(6);
    expect(dueCount(5000, 100, 10)).toBe(10);
  });

  it('sleeps until the next planned start, never a negative time', () => {
    expect(msUntil(3, 25, 100)).toBe(5);
    expect(msUntil(3, 31, 100)).toBe(0);
  });
});

describe('SVG chart', () => {
  const panels: ChartPanel[] = [
    {
      title: 'gateway POST /api/v1/cases <&> "quoted"',
      series: [
        { name: 'p50', color: '#1f77b4', points: [1, 2, 3, 4].map((i) => ({ x: i * 10, y: i })) },
        {
          name: 'p99',
          color: '#d62728',
          dashed: true,
          points: [1, 2, 3, 4].map((i) => ({ x: i * 10, y: i * 20 })),
        },
      ],
    },
    {
      title: 'direct',
      series: [{ name: 'fixed', color: '#2ca02c', points: [{ x: 5, y: 0.7 }] }],
    },
    {
      title: 'pgbench',
      series: [
        {
          name: 'avg',
          color: '#9467bd',
          points: [
            { x: 100, y: 12 },
            { x: 200, y: 30 },
          ],
        },
      ],
    },
  ];

  it('is well-formed XML with one circle per point', () => {
    const svg = latencyChartSvg('latency & load', panels, 'a < b');
    assertWellFormedXml(svg);
    expect(svg.match(/<circle /g)).toHaveLength(4 + 4 + 1 + 2);
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg).toContain('&lt;&amp;&gt; &quot;quoted&quot;');
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('survives an empty panel', () => {
    assertWellFormedXml(latencyChartSvg('nothing', [{ title: 'empty', series: [] }]));
  });

  it('the checker itself refuses broken XML', () => {
    expect(() => assertWellFormedXml('<svg><g></svg>')).toThrow();
    expect(() => assertWellFormedXml('<svg>a & b</svg>')).toThrow();
  });

  it('picks round ticks', () => {
    expect(linearTicks(97)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(logTicks(0.7, 340)).toEqual([0.1, 1, 10, 100, 1000]);
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });
});

describe('pgbench output', () => {
  const out = `pgbench (15.20 (Debian 15.20-0+deb12u1))
transaction type: bench/pgbench/file-case.sql
scaling factor: 1
query mode: extended
number of clients: 4
number of threads: 2
maximum number of tries: 1
duration: 15 s
number of transactions actually processed: 3170
number of failed transactions: 0 (0.000%)
latency average = 18.927 ms
latency stddev = 4.210 ms
initial connection time = 9.781 ms
tps = 211.341061 (without initial connection time)
`;

  it('reads tps, latency and counts', () => {
    expect(parsePgbench(out)).toEqual({
      tps: 211.341061,
      latencyAvgMs: 18.927,
      latencyStddevMs: 4.21,
      transactions: 3170,
      failed: 0,
    });
  });

  it('refuses output without a summary', () => {
    expect(() => parsePgbench('pgbench: error: connection refused')).toThrow(/unexpected pgbench output/);
  });
});

describe('report', () => {
  it('compares a figure with its target', () => {
    expect(verdict({ name: 'ratio', value: 30, unit: '%', limit: 25, kind: 'min' })).toBe('MET');
    expect(verdict({ name: 'p99', value: 51, unit: 'ms', limit: 50, kind: 'max' })).toBe('MISSED');
    expect(verdict({ name: 'p99', value: null, unit: 'ms', limit: 50, kind: 'max' })).toBe('NOT MEASURED');
  });

  it('aligns text tables and escapes Markdown ones', () => {
    expect(
      table(
        ['a', 'n'],
        [
          ['x', 1],
          ['yy', 22],
        ],
      ).split('\n'),
    ).toEqual(['a    n', '--  --', 'x    1', 'yy  22']);
    expect(markdownTable(['a'], [['x|y'], [null]])).toBe('| a |\n| --- |\n| x\\|y |\n| - |');
  });
});

describe('options', () => {
  it('has defaults, --quick and explicit values', () => {
    expect(parseOptions([]).levels).toEqual([1, 2, 4, 8, 16, 32]);
    expect(parseOptions(['--quick']).levelSeconds).toBe(3);
    const o = parseOptions(['--levels=2,8', '--seconds=4', '--startup', '--no-direct']);
    expect(o).toMatchObject({ levels: [2, 8], levelSeconds: 4, startup: true, direct: false });
    expect(() => parseOptions(['--levels=0'])).toThrow(/positive/);
    expect(() => parseOptions(['--fast'])).toThrow(/unknown option/);
    expect(() => parseOptions(['--levels=8,1000'])).toThrow(/at most/);
    expect(parseOptions(['--before', '--transport-seconds=30'])).toMatchObject({
      before: true,
      transportSeconds: 30,
    });
  });
});

describe('cpu profile summary', () => {
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 } },
      { id: 2, callFrame: { functionName: '(idle)', url: '', lineNumber: -1 } },
      {
        id: 3,
        callFrame: {
          functionName: 'fetch',
          url: 'file:///r/node_modules/kafkajs/src/consumer/x.js',
          lineNumber: 9,
        },
      },
      {
        id: 4,
        callFrame: {
          functionName: 'validate',
          url: 'file:///r/node_modules/@nestjs/core/y.js',
          lineNumber: 0,
        },
      },
      {
        id: 5,
        callFrame: {
          functionName: 'file',
          url: 'file:///r/dist/apps/land-conciliation/src/cases/c.js',
          lineNumber: 3,
        },
      },
    ],
    samples: [2, 3, 3, 4, 5, 2],
    timeDeltas: [1000, 3000, 3000, 2000, 2000, 5000],
  };

  it('charges self time to functions and owners, idle left out', () => {
    expect(topFunctions(profile, 2)).toEqual([
      { name: 'fetch', where: 'kafkajs/src/consumer/x.js:10', selfMs: 6, pct: 60 },
      { name: 'validate', where: '@nestjs/core/y.js:1', selfMs: 2, pct: 20 },
    ]);
    expect(byOwner(profile).map((o) => o.owner)).toEqual([
      'kafkajs',
      '@nestjs/core',
      'apps/land-conciliation',
      '(root)',
    ]);
    expect(ownerOf('node:internal/timers')).toBe('node:internal');
  });
});

describe('bench schema drift', () => {
  it('lists lines on one side only', () => {
    expect(shapeDiff(['col a text', 'col b int'], ['col a text', 'col c int'])).toEqual([
      '+ col c int',
      '- col b int',
    ]);
    expect(shapeDiff(['x'], ['x'])).toEqual([]);
  });
});

describe('bench data', () => {
  it('names its CoFos and users as bench data, one per writer', () => {
    expect(benchCofoCode(0)).toBe('BENCH-001');
    expect(benchCofoCode(31)).toBe('BENCH-032');
    expect(benchUsername(0)).toBe('bench.cofo-001');
    // The registry's code rule (libs/contracts, the gateway): upper-case, digits and dashes.
    expect(benchCofoCode(255)).toMatch(/^[A-Z0-9][A-Z0-9-]{0,30}[A-Z0-9]$/);
    expect(MAX_LEVEL).toBeLessThan(1000);
  });

  it("gives each secretary what the realm's user profile wants, and its cofo_id", () => {
    const rep = benchUserRepresentation(4);
    expect(rep).toMatchObject({
      username: 'bench.cofo-005',
      enabled: true,
      attributes: { cofo_id: ['BENCH-005'] },
      requiredActions: [],
    });
    expect(rep.firstName && rep.lastName && rep.email).toBeTruthy();
  });
});

describe('pgbench script', () => {
  const script = readFileSync(FILE_CASE_SCRIPT, 'utf8');

  it('numbers cases as the land service does, past 9999 too', () => {
    expect(script).toContain(CASE_SEQ_SQL);
    expect(script).not.toMatch(/lpad\(:last::text, 4, '0'\)/);
    // The land service's rule (caseNumber in apps/land-conciliation, which the bench may not import, and
    // its own test): four digits at least, more when needed. The run checks the SQL against these.
    expect(CASE_SEQ_SAMPLES.map(caseSeqText)).toEqual(['0001', '0042', '9999', '10000', '123456']);
  });

  it("gives client n the CoFo of the platform run's writer n", () => {
    expect(script).toContain(`'BENCH-' || to_char(:client_id + 1, 'FM000')`);
    expect(benchCofoCode(0)).toBe(`BENCH-${'1'.padStart(3, '0')}`);
    const sql = benchSchemaSql(3).join('\n');
    for (const c of ['BENCH-001', 'BENCH-002', 'BENCH-003']) expect(sql).toContain(`'${c}'`);
    expect(sql).not.toContain('BENCH-004');
  });
});

describe('load generator', () => {
  it('tells a closed loop send which worker it is, and an open loop send which request', async () => {
    const workers = new Set<number>();
    await closedLoop({
      concurrency: 3,
      warmupMs: 0,
      durationMs: 30,
      send: async (w) => {
        workers.add(w);
        await new Promise((r) => setTimeout(r, 5));
        return 200;
      },
    });
    expect([...workers].sort()).toEqual([0, 1, 2]);
    const seen: number[] = [];
    await openLoop({ ratePerSec: 200, durationMs: 30, send: async (n) => (seen.push(n), 200) });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('targets and before/after', () => {
  const path = (name: string, sat: number, c: number, p99: number): PathResult => ({
    path: name,
    available: true,
    sweep: [
      {
        concurrency: c,
        throughput: sat,
        ok: 1,
        errors: {},
        durationMs: 1,
        latency: { count: 1, mean: 1, p50: 1, p95: 1, p99: 1, max: 1 },
      },
    ],
    saturation: { throughput: sat, concurrency: c },
    half: {
      targetRate: sat / 2,
      sentRate: sat / 2,
      unfinished: 0,
      throughput: sat / 2,
      ok: 1,
      errors: {},
      durationMs: 1,
      latency: { count: 1, mean: 1, p50: 1, p95: 1, p99, max: p99 },
    },
  });
  const run = (): BenchJson =>
    ({
      ratioToPgbench: 0.3,
      ratioConcurrency: 16,
      pgbench: {
        spread: { sweep: [], atRatio: { clients: 16, tps: 200 } },
        oneCofo: { sweep: [], atRatio: null },
      },
      write: {
        gatewaySpread: path('gw write spread', 60, 16, 40),
        gatewayOneCofo: path('gw write one', 50, 16, 70),
        directSpread: path('direct write', 100, 16, 20),
      },
      read: {
        gatewayGet: path('gw get', 200, 8, 45),
        gatewayList: path('gw list', 150, 8, 60),
        directGet: path('direct get', 500, 2, 10),
      },
      hops: [{ path: 'gateway GET /api/v1/cofos/SEG01 (x)', c1p50: 2.5, c1p99: 9, c8throughput: 100 }],
      footprint: { apps: [], landStartupMs: null, stackStartup: null },
    }) as unknown as BenchJson;

  it("prints each of issue 8's targets with its figure and verdict", () => {
    const t = computeTargets(run());
    const by = (s: string) => t.find((x) => x.name.includes(s))!;
    expect(by('in-process read')).toMatchObject({ value: 40, verdict: 'MISSED', from: 'issue 8' });
    expect(by('round trip')).toMatchObject({ value: 2.5, verdict: 'MET' });
    expect(by('p99 <= 50 ms at half of saturation: gw write spread')).toMatchObject({
      value: 40,
      verdict: 'MET',
    });
    expect(by('p99 <= 50 ms at half of saturation: gw list')).toMatchObject({ value: 60, verdict: 'MISSED' });
    expect(t.filter((x) => x.name.startsWith('p99'))).toHaveLength(6);
    expect(by('pgbench spread')).toMatchObject({
      value: 30,
      verdict: 'MET',
      note: '60 req/s vs 200 tps at c=16',
    });
  });

  it('says NOT MEASURED rather than invent a figure', () => {
    const r = run();
    r.read.directGet = {
      ...r.read.directGet,
      available: false,
      saturation: null,
      half: null,
      note: '--no-direct',
    };
    r.ratioToPgbench = null;
    const t = computeTargets(r);
    expect(t.find((x) => x.name.includes('in-process read'))!.verdict).toBe('NOT MEASURED');
    expect(t.find((x) => x.name.includes('pgbench spread'))!.verdict).toBe('NOT MEASURED');
  });

  it('puts before and after of each phase side by side, a column per process', () => {
    const after: CpuPhase[] = [
      {
        key: 'file-spread',
        path: 'x',
        ratePerSec: 20,
        cpuMsPerRequest: { gateway: 3, land: 2, keycloak: 0 },
      },
      { key: 'cofo-get', path: 'y', concurrency: 8, cpuMsPerRequest: { gateway: 1, 'land (direct)': 9 } },
    ];
    const { headers, rows } = beforeAfterRows(ISSUE_BEFORE.phases, after);
    expect(headers).toEqual([
      'phase',
      'when',
      'load',
      'busy %',
      'land served %',
      'gateway',
      'land',
      'kafka',
      'postgres',
      'keycloak',
    ]);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['filing, a CoFo per writer', 'before', null],
      ['filing, a CoFo per writer', 'after', '20 req/s'],
      ['filing, one CoFo', 'before', '-'],
      ['filing, one CoFo', 'after', null],
      ['GET /api/v1/cofos/{code}', 'before', null],
      ['GET /api/v1/cofos/{code}', 'after', 'c=8'],
    ]);
    expect(rows[2].slice(5)).toEqual([5.6, 5.3, 4.7, 3.1, null]);
    expect(processColumns([{ zeta: 1, postgres: 1, gateway: 1 }])).toEqual(['gateway', 'postgres', 'zeta']);
  });

  it('reads a before.json and refuses anything else', () => {
    expect(parseBefore('{"version":1,"commit":"85ba6c2","phases":[]}')).toMatchObject({ commit: '85ba6c2' });
    expect(parseBefore('{"version":2}')).toMatch(/not a bench:before/);
    expect(parseBefore('nope')).toMatch(/unreadable/);
  });
});

describe('bench:before patches names only', () => {
  const topics = `export const Requests = {
  land: {
    cofoCreate: 'land.cofo.create.v1',
    caseFile: 'land.case.file.v1',
    caseHomologationRequest: 'land.case.homologation-request.v1',
    a: 'land.a.b.v1', b: 'land.b.c.v1', c: 'land.c.d.v1', d: 'land.d.e.v1', e: 'land.e.f.v1',
  },
  security: { activityRecord: 'security.activity.record.v1' },
} as const;
export const Events = { platform: { probe: 'platform.probe.v1' } } as const;
const x = { description: 'request' };`;

  it('prefixes every topic name and nothing else, once', () => {
    const out = prefixTopics(topics)!;
    expect(out).toContain(`caseHomologationRequest: 'bench-before.land.case.homologation-request.v1'`);
    expect(out).toContain(`probe: 'bench-before.platform.probe.v1'`);
    expect(out).toContain(`description: 'request'`);
    expect(out.match(/bench-before\./g)).toHaveLength(10);
    expect(prefixTopics(out)).toBe(out);
    expect(prefixTopics('export const nothing = 1;')).toBeNull();
  });

  it('gives the old land service a consumer group of its own', () => {
    const src = `export const LAND_SERVICE = { name: 'land-conciliation', groupId: 'land-conciliation' };`;
    const out = renameLandGroup(src)!;
    expect(out).toContain(`groupId: 'bench-before-land-conciliation'`);
    expect(out).toContain(`name: 'land-conciliation'`);
    expect(renameLandGroup(out)).toBe(out);
    expect(renameLandGroup('nothing')).toBeNull();
  });

  it('reads the rates the calling run passes', () => {
    expect(parseRates('file-spread:21,case-get:47.7')).toEqual({ 'file-spread': 21, 'case-get': 47.7 });
    expect(() => parseRates('cofo-get:8')).toThrow(/bad rate/);
    expect(() => parseRates('case-get:-1')).toThrow(/bad rate/);
  });
});

describe('land CPU when other instances share its consumer group', () => {
  it('is per message it handled, and left out when it handled too few', () => {
    const cpu = { gateway: 3, land: 2, kafka: 1 };
    expect(landPerMessage(cpu, 100, 100)).toBe(cpu);
    expect(landPerMessage(cpu, 50, 100)).toEqual({ gateway: 3, land: 4, kafka: 1 });
    expect(landPerMessage(cpu, 200, 100)).toEqual({ gateway: 3, land: 1, kafka: 1 });
    expect(landPerMessage(cpu, 1, 100)).toEqual({ gateway: 3, kafka: 1 });
    expect(landPerMessage({ gateway: 3 }, 50, 100)).toEqual({ gateway: 3 });
  });
});

describe('PostgreSQL backends of the measured apps', () => {
  const netTcp = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:D5A2 0100007F:1538 01 00000000:00000000 00:00000000 00000000     0        0 111 1 0000000000000000 20 4 30 10 -1
   1: 0100007F:D5A3 0100007F:1538 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:D5A4 0100007F:2384 01 00000000:00000000 00:00000000 00000000     0        0 333 1 0000000000000000 20 4 30 10 -1`;

  it("finds the client ports of a process's sockets to PostgreSQL's port", () => {
    expect(clientPortsTo(netTcp, new Set(['111', '333']), 5432)).toEqual([0xd5a2]);
    expect(clientPortsTo(netTcp, new Set(['111', '222']), 5432)).toEqual([0xd5a2, 0xd5a3]);
    expect(clientPortsTo(netTcp, new Set(['999']), 5432)).toEqual([]);
  });

  it("charges the apps' backends to postgres and the others to postgres (rest)", () => {
    const pids = new Map<string, number[]>();
    setPostgres(pids, [1, 2, 3, 4], [2, 3]);
    expect(Object.fromEntries(pids)).toEqual({ postgres: [2, 3], 'postgres (rest)': [1, 4] });
    setPostgres(pids, [1, 2], undefined);
    expect(pids.get('postgres')).toEqual([1, 2]);
  });
});
