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
 * - every table's row count. Strict mode (CI, or FUZZ_STRICT_COUNTS=1, when nothing else writes) fails on
 *   any growth; otherwise a growth nothing attributes to the request is counted and reported, not failed.
 *
 * Tables are found at run time in every schema that has an outbox (a service schema), so a service or a
 * table added later is watched without touching this file.
 */

/** Consumer bookkeeping, written when an event is consumed whatever any request did. */
const BOOKKEEPING = /^(processed_message|migrations)$/;

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
  columns: Set<string>;
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

export class WriteTracker {
  private client?: Client;
  private tables: TableInfo[] = [];
  private ownedIds: string[] = [];
  private ownedKeys: string[] = [];

  async start(): Promise<void> {
    this.client = new Client({ ...pgConnection(testConfig()), application_name: 'prosmed-fuzz' });
    await this.client.connect();
    const rows = (
      await this.client.query<{ schema: string; table: string; column: string }>(
        `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
           FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE t.table_type = 'BASE TABLE'
            AND c.table_schema IN (SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox')
          ORDER BY 1, 2`,
      )
    ).rows;
    const byTable = new Map<string, TableInfo>();
    for (const r of rows) {
      if (BOOKKEEPING.test(r.table)) continue;
      const name = `${q(r.schema)}.${q(r.table)}`;
      const t = byTable.get(name) ?? { name, columns: new Set<string>() };
      t.columns.add(r.column);
      byTable.set(name, t);
    }
    this.tables = [...byTable.values()];
    if (this.tables.length === 0) throw new Error('no service schema (with an outbox table) in the database');
  }

  async stop(): Promise<void> {
    await this.client?.end();
  }

  watched(): string[] {
    return this.tables.map((t) => t.name);
  }

  /** Records only the fuzzer writes to: their ids (uuid) and codes. */
  own(ids: string[], keys: string[] = []): void {
    this.ownedIds.push(...ids.filter((i) => !this.ownedIds.includes(i)));
    this.ownedKeys.push(...[...ids, ...keys].filter((k) => !this.ownedKeys.includes(k)));
  }

  async snapshot(requestIds: string[]): Promise<Snapshot> {
    const parts: string[] = [];
    const label = (kind: string, table: string) => `${kind}|${table}`;
    for (const t of this.tables) {
      parts.push(`(SELECT count(*) FROM ${t.name}) AS ${q(label('count', t.name))}`);
      if (t.columns.has('request_id')) {
        parts.push(
          `(SELECT count(*) FROM ${t.name} WHERE "request_id" = ANY($1::text[])) AS ${q(label('attributed', t.name))}`,
        );
      }
      if (t.columns.has('headers')) {
        parts.push(
          `(SELECT count(*) FROM ${t.name} WHERE "headers"->>'x-request-id' = ANY($1::text[])) AS ${q(label('attributed-headers', t.name))}`,
        );
      }
      if (t.columns.has('case_id')) {
        parts.push(
          `(SELECT count(*) FROM ${t.name} WHERE "case_id"::text = ANY($2::text[])) AS ${q(label('owned', t.name))}`,
        );
      }
      if (t.columns.has('entity_id')) {
        parts.push(
          `(SELECT count(*) FROM ${t.name} WHERE "entity_id" = ANY($3::text[])) AS ${q(label('owned-entity', t.name))}`,
        );
      }
      if (t.columns.has('version') && (t.columns.has('id') || t.columns.has('code'))) {
        const key = [
          t.columns.has('id') ? `"id"::text = ANY($3::text[])` : '',
          t.columns.has('code') ? `"code"::text = ANY($3::text[])` : '',
        ]
          .filter(Boolean)
          .join(' OR ');
        parts.push(
          `(SELECT coalesce(sum("version"), 0) FROM ${t.name} WHERE ${key}) AS ${q(label('owned-version', t.name))}`,
        );
      }
    }
    const res = await this.client!.query<Record<string, string>>(`SELECT ${parts.join(',\n')}`, [
      requestIds,
      this.ownedIds,
      this.ownedKeys,
    ]);
    const snap: Snapshot = { counts: {}, owned: {}, attributed: {} };
    for (const [k, v] of Object.entries(res.rows[0])) {
      const [kind, table] = [k.slice(0, k.indexOf('|')), k.slice(k.indexOf('|') + 1)];
      const n = Number(v);
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
