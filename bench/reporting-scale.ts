import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadPlatformConfig } from '@prosmed/config';
import { Events } from '@prosmed/contracts';
import { shippedPlaceDirectory } from '@prosmed/places';
// The bench checks its SQL against the consumer's own fact builder (a pure function, no app state).
// eslint-disable-next-line no-restricted-imports
import { factOf, type IndicatorDef } from '../apps/reporting/src/ingest/facts';

/**
 * The quarterly report's time at 10 thousand and at 1 million indicator facts in its quarter (issue 13,
 * item 8). Seeding a million through the API takes over an hour, so the records are written with SQL
 * (INSERT ... SELECT generate_series) into `reporting.source_record`, `indicator_fact` and `indicator_daily`
 * as the consumer writes them: the facts of each current indicator come from its own definition (the
 * first source that selects the record, its where, value, sex and youth fields, its distinct key), so the
 * read models and the query plans are the real ones. The records are other services' events (land
 * filings, CCS activities, grievances received, late SNLCC actions), spread over the communes of seven
 * cercles and every day of the quarter, with sexes and age groups. Quarter: 2008Q2, which no test uses;
 * its records carry message ids `bench-scale:...` and are deleted at the end, also on failure (and, at the
 * start, those an interrupted run left). Refused when the quarter holds other data.
 */
const YEAR = 2008;
const QUARTER = 2;
const FROM = `${YEAR}-04-01`;
const TO = `${YEAR}-06-30`;
const DAYS = 91;
const PREFIX = 'bench-scale:';
const CERCLES = [
  'ML-SEG-SEG',
  'ML-SEG-BLA',
  'ML-SEG-SAN',
  'ML-SEG-NIO',
  'ML-MOP-BAN',
  'ML-MOP-MOP',
  'ML-SIK-KOU',
];
/** Drafts timed at each size (the median is reported): the first one warms PostgreSQL's caches. */
const DRAFTS = 7;

/**
 * Six records give 20 facts with today's framework: 3 land filings (cases, parties and 3 age groups: 5
 * facts each), 1 CCS activity (activities, participants, FDS), 1 grievance received, 1 late SNLCC action
 * (a distinct indicator, keyed by action). Index `i` of a record decides its type, day, place and counts.
 */
const KINDS = [
  Events.land.caseFiled,
  Events.land.caseFiled,
  Events.land.caseFiled,
  Events.security.activityRecorded,
  Events.security.grievanceUpdated,
  Events.anticorruption.actionLate,
];

interface SourceDef {
  eventTypes: string[];
  where?: Record<string, string | number | boolean | (string | number)[]>;
  valueField?: string;
  femaleField?: string;
  maleField?: string;
  youthField?: string;
  distinctField?: string;
}

const path = (field: string) => `'{${field.split('.').join(',')}}'`;
const num = (field: string | undefined, otherwise: string) =>
  field ? `coalesce((r."payload" #>> ${path(field)})::numeric, 0)` : otherwise;
const lit = (v: string | number | boolean) => `'${String(v).replace(/'/g, "''")}'`;

/** SQL that selects the records a source counts (factOf: type, then every `where` path equal). */
function sourceCondition(s: SourceDef): string {
  const parts = [`r."event_type" = ANY(ARRAY[${s.eventTypes.map(lit).join(',')}]::text[])`];
  for (const [p, expected] of Object.entries(s.where ?? {})) {
    const values = Array.isArray(expected) ? expected : [expected];
    parts.push(`(r."payload" #>> ${path(p)}) IN (${values.map(lit).join(',')})`);
  }
  return parts.join(' AND ');
}

/** One INSERT per indicator: its facts over the seeded records, as `factOf` computes them. */
function factInsert(def: { id: string; measure: string; sources: SourceDef[] }): string {
  const caseOf = (pick: (s: SourceDef) => string) =>
    `CASE ${def.sources.map((s) => `WHEN ${sourceCondition(s)} THEN ${pick(s)}`).join(' ')} END`;
  const value = def.measure === 'sum' ? caseOf((s) => num(s.valueField, '1')) : '1';
  const key =
    def.measure === 'distinct'
      ? caseOf((s) => (s.distinctField ? `(r."payload" #>> ${path(s.distinctField)})` : 'NULL'))
      : 'NULL';
  return `INSERT INTO seed_facts
          SELECT * FROM (
            SELECT '${def.id}'::uuid, r."id", r."place_code", r."day", ${value},
                   ${caseOf((s) => num(s.femaleField, '0'))}, ${caseOf((s) => num(s.maleField, '0'))},
                   ${caseOf((s) => num(s.youthField, '0'))}, ${key} AS k
              FROM seed_batch r
             WHERE (${def.sources.map(sourceCondition).join(') OR (')})
          ) f ${def.measure === 'distinct' ? 'WHERE k IS NOT NULL' : ''}`;
}

/** Records `from`..`to` - 1 (see KINDS), with the payloads the producing services publish, kept in `seed_batch`. */
const RECORDS_SQL = `
  WITH ins AS (
  INSERT INTO "reporting"."source_record"
    ("message_id", "event_type", "subject", "subject_version", "day", "place_code", "payload", "current")
  SELECT $3 || i, k.t, CASE WHEN k.t = $5 THEN g.id::text END, CASE WHEN k.t = $5 THEN 1 END,
         d.day, p.code,
         CASE k.t
           WHEN $4 THEN jsonb_build_object('caseId', g.id, 'placeCode', p.code, 'date', d.day, 'state', 'filed',
             'disputeType', 'limites-de-champs', 'parties', jsonb_build_object('total', c.total,
               'bySex', jsonb_build_object('F', 1 + i % 2, 'M', c.total - 1 - i % 2, 'group', 0),
               'byAgeGroup', jsonb_build_object('under-15', c.u, 'youth-15-35', 1, 'adult-36-59', 1 + i % 2,
                 'elder-60-plus', c.e, 'unknown', 0)))
           WHEN $5 THEN jsonb_build_object('activityId', g.id, 'version', 1, 'placeCode', p.code, 'startOn', d.day,
             'kind', 'meeting', 'participants', jsonb_build_object('total', 20 + i % 30, 'women', 5 + i % 10,
               'youth', 4 + i % 7, 'fds', i % 4, 'children', 0))
           WHEN $6 THEN jsonb_build_object('grievanceId', g.id, 'placeCode', p.code, 'date', d.day, 'change', 'received')
           ELSE jsonb_build_object('actionId', 'BENCH-' || (i % 997), 'occurredAt', d.day || 'T09:00:00Z')
         END,
         true
    FROM (SELECT i, gen_random_uuid() AS id FROM generate_series($1::bigint, $2::bigint - 1) AS i) g
    CROSS JOIN LATERAL (SELECT ($7::text[])[1 + i % array_length($7::text[], 1)] AS t) k
    CROSS JOIN LATERAL (SELECT ($8::date + ((i * 7919) % ${DAYS})::int) AS day) d
    CROSS JOIN LATERAL (SELECT CASE WHEN k.t = $9 THEN 'ML'
                                    ELSE ($10::text[])[1 + (i / 6 * 31) % array_length($10::text[], 1)] END AS code) p
    CROSS JOIN LATERAL (SELECT (i % 5 = 0)::int AS u, (i % 7 = 0)::int AS e,
                               2 + (i % 5 = 0)::int + (i % 7 = 0)::int + (i % 2)::int AS total) c
  RETURNING "id", "event_type", "day", "place_code", "payload")
  INSERT INTO seed_batch SELECT * FROM ins`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};
const round1 = (n: number) => Math.round(n * 10) / 10;

export async function benchReportScale(
  gatewayUrl: string,
  token: (user: string) => Promise<string>,
  say: (s: string) => void = () => undefined,
): Promise<Record<string, number>> {
  const small = Number(process.env.BENCH_REPORTING_FACTS_SMALL ?? 10_000);
  const large = Number(process.env.BENCH_REPORTING_FACTS_LARGE ?? 1_000_000);
  const cfg = loadPlatformConfig('prosmed-bench').postgres;
  const db = new Client({
    host: cfg.host,
    port: cfg.port,
    user: cfg.user,
    password: cfg.password || undefined,
    database: cfg.database,
    application_name: 'bench-reporting-scale',
  });
  await db.connect();
  // A batch of records and its facts, before they join the read models (this session only).
  await db.query(
    `CREATE TEMP TABLE seed_batch ("id" uuid, "event_type" text, "day" date, "place_code" text, "payload" jsonb)`,
  );
  await db.query(`CREATE TEMP TABLE seed_facts (LIKE "reporting"."indicator_fact")`);
  const manager = { authorization: `Bearer ${await token('manager')}`, 'content-type': 'application/json' };
  const dir = shippedPlaceDirectory();
  const communes = dir
    .list({ level: 'commune', map: 'pre2024' })
    .filter((p) => CERCLES.some((c) => p.code.startsWith(`${c}-`)))
    .map((p) => p.code);
  const out: Record<string, number> = {};
  let errors = 0;

  const cleanup = async () => {
    const t = performance.now();
    await db.query('ROLLBACK'); // a batch that failed half-way (outside a transaction: a warning only)
    const mine = `SELECT "id" FROM "reporting"."source_record"
                   WHERE "day" BETWEEN '${FROM}' AND '${TO}' AND "message_id" LIKE '${PREFIX}%'`;
    await db.query(`DELETE FROM "reporting"."indicator_fact" WHERE "record_id" IN (${mine})`);
    const gone = await db.query(
      `DELETE FROM "reporting"."source_record" WHERE "day" BETWEEN '${FROM}' AND '${TO}' AND "message_id" LIKE '${PREFIX}%'`,
    );
    // The quarter's per-day sums again from the facts that stay (none but another writer's, if any).
    await db.query('BEGIN');
    await db.query(`DELETE FROM "reporting"."indicator_daily" WHERE "day" BETWEEN '${FROM}' AND '${TO}'`);
    await db.query(
      `INSERT INTO "reporting"."indicator_daily" ("indicator_id", "day", "place_code", "value", "female", "male", "youth", "records")
       SELECT "indicator_id", "day", "place_code", sum("value"), sum("female"), sum("male"), sum("youth"), count(*)
         FROM "reporting"."indicator_fact" WHERE "day" BETWEEN '${FROM}' AND '${TO}' GROUP BY 1, 2, 3`,
    );
    await db.query('COMMIT');
    return { records: gone.rowCount ?? 0, ms: performance.now() - t };
  };

  /** Writes records until the quarter holds `facts` facts; returns the facts written. */
  let records = 0;
  const seedTo = async (facts: number): Promise<number> => {
    const t = performance.now();
    const defs: { id: string; code: string; measure: string; sources: SourceDef[] }[] = (
      await db.query(`SELECT "id", "code", "measure", "sources" FROM "reporting"."indicator" WHERE "current"`)
    ).rows;
    const seeded = new Set<string>(KINDS);
    const relevant = defs.filter((d) => d.sources.some((s) => s.eventTypes.some((e) => seeded.has(e))));
    const count = async () =>
      Number(
        (
          await db.query(
            `SELECT count(*)::int AS n FROM "reporting"."indicator_fact" WHERE "day" BETWEEN '${FROM}' AND '${TO}'`,
          )
        ).rows[0].n,
      );
    let have = await count();
    // 6 records give about 20 facts: write in batches of records, then check how many facts they gave.
    while (have < facts) {
      const n = Math.max(6, Math.min(120_000, Math.ceil(((facts - have) * 6) / 20)));
      await db.query('BEGIN');
      await db.query('TRUNCATE seed_batch, seed_facts');
      await db.query(RECORDS_SQL, [
        records,
        records + n,
        `${PREFIX}${randomUUID().slice(0, 8)}:`,
        Events.land.caseFiled,
        Events.security.activityRecorded,
        Events.security.grievanceUpdated,
        KINDS,
        FROM,
        Events.anticorruption.actionLate,
        communes,
      ]);
      records += n;
      for (const def of relevant) await db.query(factInsert(def));
      const written = await db.query(`INSERT INTO "reporting"."indicator_fact" SELECT * FROM seed_facts`);
      await db.query(
        `INSERT INTO "reporting"."indicator_daily" ("indicator_id", "day", "place_code", "value", "female", "male", "youth", "records")
         SELECT "indicator_id", "day", "place_code", sum("value"), sum("female"), sum("male"), sum("youth"), count(*)
           FROM seed_facts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
         ON CONFLICT ("indicator_id", "day", "place_code") DO UPDATE SET
           "value" = "indicator_daily"."value" + EXCLUDED."value",
           "female" = "indicator_daily"."female" + EXCLUDED."female",
           "male" = "indicator_daily"."male" + EXCLUDED."male",
           "youth" = "indicator_daily"."youth" + EXCLUDED."youth",
           "records" = "indicator_daily"."records" + EXCLUDED."records"`,
      );
      await db.query('COMMIT');
      have += written.rowCount ?? 0;
    }
    await db.query(
      `ANALYZE "reporting"."source_record", "reporting"."indicator_fact", "reporting"."indicator_daily"`,
    );
    say(
      `  seeded ${have} facts (${records} records) in ${YEAR}Q${QUARTER} in ${round1((performance.now() - t) / 1000)} s`,
    );
    return have;
  };

  /** Drafts the quarter DRAFTS times (median), then downloads the last draft's PDF and XLSX once. */
  const time = async (label: string) => {
    const drafts: number[] = [];
    let id: string | undefined;
    let casesFiled = NaN;
    for (let i = 0; i < DRAFTS; i++) {
      const t = performance.now();
      const r = await fetch(`${gatewayUrl}/api/v1/reports`, {
        method: 'POST',
        headers: { ...manager, 'idempotency-key': `bench-${randomUUID()}` },
        body: JSON.stringify({ period: `${YEAR}Q${QUARTER}` }),
      });
      const body = (await r.json()) as {
        id: string;
        sections: { indicators: { code: string; value: number }[] }[];
      };
      drafts.push(performance.now() - t);
      if (r.status !== 201) {
        errors++;
        continue;
      }
      id = body.id;
      casesFiled =
        body.sections.flatMap((s) => s.indicators).find((x) => x.code === 'r1-cases-filed')?.value ?? NaN;
    }
    const download = async (kind: 'pdf' | 'xlsx') => {
      if (!id) return NaN;
      const t = performance.now();
      const r = await fetch(`${gatewayUrl}/api/v1/reports/${id}/${kind}`, { headers: manager });
      await r.arrayBuffer();
      if (r.status !== 200) errors++;
      return performance.now() - t;
    };
    out[`report${label}DraftMs`] = round1(median(drafts));
    out[`report${label}PdfMs`] = round1(await download('pdf'));
    out[`report${label}XlsxMs`] = round1(await download('xlsx'));
    out[`report${label}CasesFiled`] = casesFiled;
  };

  /**
   * The seeded facts against what the consumer's own fact builder (`factOf`) gives the same records: the
   * number of (record, indicator) pairs that differ, 0 when the SQL seeding writes what the ingest would.
   */
  const check = async (): Promise<number> => {
    const defs: IndicatorDef[] = (
      await db.query(`SELECT "id", "code", "measure", "sources" FROM "reporting"."indicator" WHERE "current"`)
    ).rows;
    const recs: { id: string; event_type: string; payload: unknown }[] = (
      await db.query(
        `SELECT "id", "event_type", "payload" FROM "reporting"."source_record"
          WHERE "day" BETWEEN '${FROM}' AND '${TO}' AND "message_id" LIKE '${PREFIX}%' LIMIT 5000`,
      )
    ).rows;
    const stored = new Map<string, string>();
    for (const f of (
      await db.query(
        `SELECT "indicator_id", "record_id", "value"::float8 AS v, "female"::float8 AS f, "male"::float8 AS m,
                "youth"::float8 AS y, "distinct_key" AS k
           FROM "reporting"."indicator_fact" WHERE "record_id" = ANY($1::uuid[])`,
        [recs.map((r) => r.id)],
      )
    ).rows as {
      indicator_id: string;
      record_id: string;
      v: number;
      f: number;
      m: number;
      y: number;
      k: string;
    }[])
      stored.set(`${f.indicator_id}|${f.record_id}`, `${f.v}|${f.f}|${f.m}|${f.y}|${f.k}`);
    let differ = 0;
    for (const r of recs) {
      for (const d of defs) {
        const f = factOf(d, r.event_type, r.payload);
        const want = f ? `${f.value}|${f.female}|${f.male}|${f.youth}|${f.distinctKey}` : undefined;
        if (stored.get(`${d.id}|${r.id}`) !== want) differ++;
      }
    }
    return differ;
  };

  /** The plans of the report's two query shapes at the larger size (`BENCH_REPORTING_EXPLAIN=1`). */
  const explain = async () => {
    const ids: { id: string; code: string }[] = (
      await db.query(
        `SELECT "id", "code" FROM "reporting"."indicator" WHERE "current" AND "code" IN ('r1-cases-filed', 'r3-snlcc-actions-late')`,
      )
    ).rows;
    for (const { id, code } of ids) {
      const sql =
        code === 'r1-cases-filed'
          ? `SELECT "place_code", sum("value")::float8, sum("female")::float8, sum("male")::float8, sum("youth")::float8
               FROM "reporting"."indicator_daily" WHERE "indicator_id" = $1 AND "day" BETWEEN $2::date AND $3::date GROUP BY "place_code"`
          : `SELECT DISTINCT "place_code", "distinct_key" FROM "reporting"."indicator_fact"
              WHERE "indicator_id" = $1 AND "day" BETWEEN $2::date AND $3::date AND "distinct_key" IS NOT NULL`;
      const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [id, FROM, TO]);
      say(`  plan of ${code}:`);
      for (const r of plan.rows as { 'QUERY PLAN': string }[]) say(`    ${r['QUERY PLAN']}`);
    }
  };

  const t0 = performance.now();
  try {
    const left = await cleanup();
    if (left.records > 0) say(`  removed ${left.records} records an interrupted run left`);
    const others: { n: number }[] = (
      await db.query(
        `SELECT count(*)::int AS n FROM "reporting"."source_record" WHERE "day" BETWEEN '${FROM}' AND '${TO}'`,
      )
    ).rows;
    if (others[0].n > 0) throw new Error(`${YEAR}Q${QUARTER} holds ${others[0].n} records of someone else`);
    out.scaleFactsSmall = await seedTo(small);
    out.scaleFactsNotAsIngest = await check();
    await time('Small');
    out.scaleFactsLarge = await seedTo(large);
    await time('Large');
    if (process.env.BENCH_REPORTING_EXPLAIN === '1') await explain();
    out.reportLargeOverSmall = Math.round((out.reportLargeDraftMs / out.reportSmallDraftMs) * 100) / 100;
  } finally {
    const c = await cleanup().catch((e: unknown) => {
      errors++;
      say(`  cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
      return { records: 0, ms: NaN };
    });
    out.scaleCleanupS = round1(c.ms / 1000);
    await db.end();
  }
  out.scaleTotalS = round1((performance.now() - t0) / 1000);
  out.scaleErrors = errors;
  return out;
}
