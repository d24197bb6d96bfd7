export interface BenchOptions {
  /** Concurrency levels of the saturation sweeps. */
  levels: number[];
  /** Measured seconds per sweep level (after `warmupSeconds`). */
  levelSeconds: number;
  warmupSeconds: number;
  /** Seconds of each fixed-rate run at half of saturation. */
  openSeconds: number;
  /** pgbench `-T` at the concurrency the ratio is computed at. */
  pgbenchSeconds: number;
  /** pgbench `-T` at the other levels (the curve). */
  pgbenchSweepSeconds: number;
  /** Also time `stack down` + `stack up` (stops Kafka and Keycloak for everyone on this machine). */
  startup: boolean;
  /** Skip the direct (no Kafka) land instance. */
  direct: boolean;
  /** Port of the direct land instance. */
  directPort: number;
  /** Stop starting new phases once this many seconds have passed. */
  budgetSeconds: number;
  /** At most this long for bench/transport.ts (the Kafka clients' echo benchmark), when it exists. */
  transportSeconds: number;
  /** Also measure commit 85ba6c2 (bench/before.ts) at this run's rates, after its own phases. */
  before: boolean;
}

/** Writers have CoFos BENCH-001.. of three digits, in pgbench too (`to_char(.., 'FM000')`). */
export const MAX_LEVEL = 256;

export const DEFAULTS: BenchOptions = {
  levels: [1, 2, 4, 8, 16, 32],
  levelSeconds: 6,
  warmupSeconds: 1,
  openSeconds: 15,
  pgbenchSeconds: 15,
  pgbenchSweepSeconds: 5,
  startup: false,
  direct: true,
  directPort: 3191,
  budgetSeconds: 660,
  transportSeconds: 120,
  before: false,
};

export const USAGE = `usage: npm run bench -- [--quick] [--startup] [--no-direct] [--levels=1,2,4,8,16,32]
  [--seconds=6] [--open-seconds=15] [--pgbench-seconds=15] [--budget=660] [--transport-seconds=120] [--before]`;

/** Pure: options from the command line (`--name=value` or `--flag`). Throws on an unknown one. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = { ...DEFAULTS, levels: [...DEFAULTS.levels] };
  const positive = (name: string, v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} wants a positive number, got "${v}"`);
    return n;
  };
  for (const arg of argv) {
    const [name, value] = arg.replace(/^--/, '').split('=', 2);
    switch (name) {
      case 'quick':
        Object.assign(o, {
          levels: [1, 4, 16],
          levelSeconds: 3,
          openSeconds: 6,
          pgbenchSeconds: 5,
          pgbenchSweepSeconds: 3,
          transportSeconds: 60,
        });
        break;
      case 'startup':
        o.startup = true;
        break;
      case 'no-direct':
        o.direct = false;
        break;
      case 'levels':
        o.levels = (value ?? '').split(',').map((v) => Math.round(positive('levels', v)));
        if (o.levels.some((l) => l > MAX_LEVEL)) throw new Error(`--levels: at most ${MAX_LEVEL} writers`);
        break;
      case 'before':
        o.before = true;
        break;
      case 'seconds':
        o.levelSeconds = positive(name, value ?? '');
        break;
      case 'open-seconds':
        o.openSeconds = positive(name, value ?? '');
        break;
      case 'pgbench-seconds':
        o.pgbenchSeconds = Math.round(positive(name, value ?? ''));
        break;
      case 'budget':
        o.budgetSeconds = positive(name, value ?? '');
        break;
      case 'transport-seconds':
        o.transportSeconds = positive(name, value ?? '');
        break;
      case 'help':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return o;
}
