import { Client } from 'pg';
import { pgConnection, testConfig } from '@prosmed/testing';

/**
 * "No partial write": what a refused request left in the services' schemas. The database is shared with
 * other engineers' tests, so a bare before/after count would blame the fuzzer for their writes. Three
 * measures, all read in ONE statement (one snapshot):
 *
 * - attribution: rows that carry the request's own `X-Request-Id` (every table with a `request_id` column,
 *   such as the audit log and the command log, and the outbox's `headers`). The fuzzer sets the id, so
 *   these rows are its request's and nobody else's;
 * - fuzz-owned rows: rows of the records only the fuzzer writes to (its fixture cases, CoFo, tribunal),
 *   counted through `case_id` / `entity_id` columns, and their `version`s;
 * - in strict mode (CI, or FUZZ_STRICT_COUNTS=1: nothing else writes), every table's row count: any growth
 *   on a refused request fails.
 *
 * Tables are found at run time in every schema that has an outbox (a service schema), so a service or a
 * table added later is watched without touching this file. On a developer's database, grown to tens of
 * thousands of rows by benches, full scans cost half a second per request: outside strict mode, only
 * the reads an index serves are made (rows since the run started, by a serial id or an indexed
 * `created_at`; fuzz-owned rows by their indexed keys).
 */

/**
 * Tables written when an event is consumed, whatever the request being fuzzed did: consumer bookkeeping,
 * and the reporting service's read models, fed by the events of earlier accepted writes a moment later
 * (a row there cannot be attributed to a request). `schema.table`.
 */
const BOOKKEEPING =
  /^(\w+\.(processed_message|migrations)|reporting\.(source_record|indicator_fact|indicator_daily|parked_event))$/;

export interface Snapshot {
  counts: Record<string, number>;
  owned: Record<string, number>;
  attributed: Record<string, number>;
}

export interface WriteCheck {
  /** Rows carrying the request id, or changes to fuzz-owned records: the request wrote. */
  attributed: string[];
  /** Tables that grew, attributed to nothing (another writer, or a write without audit or request id). */
  grew: string[];
}

interface TableInfo {
  name: string;
  /** Column name -> data type. */
  columns: Map<string, string>;
  /** First columns of the table's full (not partial) indexes. */
  indexed: Set<string>;
  /** For a serial `id`: its maximum when the run started (rows above it are the run's). */
  idMark?: number;
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class WriteTracker {
  private client?: Client;
  private tables: TableInfo[] = [];
  private ownedIds: string[] = [];
  private ownedKeys: string[] = [];
  private since = '';

  constructor(private readonly strict: boolean) {}

  async start(): Promise<void> {
    this.client = new Client({ ...pgConnection(testConfig()), application_name: 'prosmed-fuzz' });
    await this.client.connect();
    const serviceSchemas = `(SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox')`;
    const cols = (
      await this.client.query<{ schema: string; table: string; column: string; type: string }>(
        `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column, c.data_type AS type
           FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE t.table_type = 'BASE TABLE' AND c.table_schema IN ${serviceSchemas}
          ORDER BY 1, 2`,
      )
    ).rows;
    const idx = (
      await this.client.query<{ schema: string; table: string; column: string }>(
        `SELECT n.nspname AS schema, t.relname AS table, a.attname AS column
           FROM pg_index i
           JOIN pg_class t ON t.oid = i.indrelid
           JOIN pg_namespace n ON n.oid = t.relnamespace
           JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
          WHERE i.indpred IS NULL AND n.nspname IN ${serviceSchemas}`,
      )
    ).rows;
    const byTable = new Map<string, TableInfo>();
    for (const r of cols) {
      if (BOOKKEEPING.test(`${r.schema}.${r.table}`)) continue;
      const name = `${q(r.schema)}.${q(r.table)}`;
      const t = byTable.get(name) ?? { name, columns: new Map<string, string>(), indexed: new Set<string>() };
      t.columns.set(r.column, r.type);
      byTable.set(name, t);
    }
    for (const r of idx) byTable.get(`${q(r.schema)}.${q(r.table)}`)?.indexed.add(r.column);
    this.tables = [...byTable.values()];
    if (this.tables.length === 0) throw new Error('no service schema (with an outbox table) in the database');
    for (const t of this.tables) {
      if (t.columns.get('id') === 'bigint' && t.indexed.has('id')) {
        const r = await this.client.query<{ m: string | null }>(`SELECT max("id") AS m FROM ${t.name}`);
        t.idMark = Number(r.rows[0].m ?? 0);
      }
    }
    this.since = (await this.client.query<{ now: string }>(`SELECT now()::text AS now`)).rows[0].now;
  }

  async stop(): Promise<void> {
    await this.client?.end();
  }

  /** Records only the fuzzer writes to: their ids (uuid) and codes. */
  own(ids: string[], keys: string[] = []): void {
    this.ownedIds.push(...ids.filter((i) => UUID.test(i) && !this.ownedIds.includes(i)));
    this.ownedKeys.push(...[...ids, ...keys].filter((k) => !this.ownedKeys.includes(k)));
  }

  /** The run's rows of a table, read through an index; undefined when no index serves it. */
  private recent(t: TableInfo): string | undefined {
    if (t.idMark !== undefined) return `"id" > ${t.idMark}`;
    if (t.indexed.has('created_at') && t.columns.get('created_at')?.startsWith('timestamp')) {
      return `"created_at" >= $4::timestamptz`;
    }
    return this.strict ? 'true' : undefined;
  }

  /** `column = ANY(param)` with the parameter cast to the column's type, so that its index is used. */
  private keyIn(t: TableInfo, column: string): string | undefined {
    const type = t.columns.get(column);
    if (!type) return undefined;
    return type === 'uuid' ? `${q(column)} = ANY($2::uuid[])` : `${q(column)}::text = ANY($3::text[])`;
  }

  async snapshot(requestIds: string[]): Promise<Snapshot> {
    const parts: string[] = [];
    const label = (kind: string, table: string) => q(`${kind}|${table}`);
    for (const t of this.tables) {
      if (this.strict) parts.push(`(SELECT count(*) FROM ${t.name}) AS ${label('count', t.name)}`);
      const recent = this.recent(t);
      if (recent && t.columns.has('request_id')) {
        parts.push(
          `(SELECT count(*) FROM ${t.name} WHERE ${recent} AND "request_id" = ANY($1::text[])) AS ${label('attributed', t.name)}`,
        );
      }
      if (recent && t.columns.get('headers') === 'jsonb') {
        parts.push(
          `(SELECT count(*) FROM ${t.name} WHERE ${recent} AND "headers"->>'x-request-id' = ANY($1::text[])) AS ${label('attributed-headers', t.name)}`,
        );
      }
      const byCase = t.indexed.has('case_id') ? this.keyIn(t, 'case_id') : undefined;
      if (byCase) parts.push(`(SELECT count(*) FROM ${t.name} WHERE ${byCase}) AS ${label('owned', t.name)}`);
      const byEntity = this.keyIn(t, 'entity_id');
      if (byEntity && (this.strict || t.idMark !== undefined)) {
        // The audit log: its rows for fuzz-owned records (since the run started, by its serial id).
        const since = t.idMark !== undefined ? `"id" > ${t.idMark} AND ` : '';
        parts.push(
          `(SELECT count(*) FROM ${t.name} WHERE ${since}${byEntity}) AS ${label('owned-entity', t.name)}`,
        );
      }
      if (t.columns.has('version')) {
        const keys = ['id', 'code']
          .filter((c) => t.indexed.has(c) || t.columns.get(c) === 'text')
          .map((c) => this.keyIn(t, c))
          .filter((x): x is string => !!x);
        if (keys.length > 0) {
          parts.push(
            `(SELECT coalesce(sum("version"), 0) FROM ${t.name} WHERE ${keys.join(' OR ')}) AS ${label('owned-version', t.name)}`,
          );
        }
      }
    }
    // Every parameter is used once here, so PostgreSQL knows its type even when no table needs it.
    parts.push(
      `(cardinality($1::text[]) + cardinality($2::uuid[]) + cardinality($3::text[]) + 0 * extract(epoch FROM $4::timestamptz)) AS "params|"`,
    );
    const res = await this.client!.query<Record<string, string>>(`SELECT ${parts.join(',\n')}`, [
      requestIds,
      this.ownedIds,
      this.ownedKeys,
      this.since,
    ]);
    const snap: Snapshot = { counts: {}, owned: {}, attributed: {} };
    for (const [k, v] of Object.entries(res.rows[0])) {
      const [kind, table] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
      const n = Number(v);
      if (kind === 'params') continue;
      if (kind === 'count') snap.counts[table] = n;
      else if (kind.startsWith('attributed')) snap.attributed[`${table} (${kind})`] = n;
      else snap.owned[`${table} (${kind})`] = n;
    }
    return snap;
  }

  /** What a request did, from the snapshots around it (`after` taken with its request ids). */
  compare(before: Snapshot, after: Snapshot): WriteCheck {
    const attributed = Object.entries(after.attributed)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k}: ${n} row(s) with the request's id`);
    for (const [k, n] of Object.entries(after.owned)) {
      const was = before.owned[k];
      if (was !== undefined && was !== n) attributed.push(`${k}: ${was} -> ${n} on fuzz-owned records`);
    }
    const grew = Object.entries(after.counts)
      .filter(([k, n]) => before.counts[k] !== undefined && n > before.counts[k])
      .map(([k, n]) => `${k}: ${before.counts[k]} -> ${n}`);
    return { attributed, grew };
  }
}
