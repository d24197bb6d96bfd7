import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CaseListQueryDto,
  CaseState,
  CaseSummaryV1,
  CaseV1,
  DisputeType,
  InstructionStepDto,
  PageV1,
  PartyCountsV1,
  PartyInputDto,
} from '@prosmed/contracts';
import type { Scope } from '@prosmed/auth';
import { keyset, pageOf, type KeyColumn } from '@prosmed/persistence';
import { landAudit } from '../shared/audit';
import type { CofoSeat } from '../shared/place-territory';
import { containsPattern, searchKey } from '../shared/text-search';
import {
  CASE_COLUMNS,
  caseView,
  PV_COLUMNS,
  summaryView,
  type CaseRow,
  type PartyRow,
  type PvRow,
  type StepRow,
} from './case-rows';
import { caseScopeSql } from './case-scope';
import { CASES_SETTINGS, type CasesSettings } from './cases.settings';

export type Tx = EntityManager;

export interface NewCase {
  number: string;
  cofoCode: string;
  tribunalCode: string | null;
  year: number;
  seq: number;
  disputeType: DisputeType;
  filedOn: string;
  summary: string;
  villageCode: string;
  landDescription: string;
  surfaceHa: number | null;
  gps: { lat: number; lon: number } | null;
  partyCounts: PartyCountsV1;
  search: string;
  createdBy: string;
}

const PARTY_COLUMNS = `"id", "kind", "name", "sex", "age_group", "role", "village_code", "member_count"`;

/** Newest first; `created_key` is `created_at` as text, microseconds kept, for the cursor. */
const NEWEST_FIRST: KeyColumn[] = [
  { sql: 'c."created_at"', type: 'timestamptz' },
  { sql: 'c."id"', type: 'uuid' },
];

/** The SQL of land cases, their parties and instruction steps (PVs: `pvs/pv-repository.ts`). */
@Injectable()
export class CaseRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CASES_SETTINGS) private readonly settings: CasesSettings,
  ) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  /** What a filing needs of its CoFo: where it sits (its territory) and its tribunal. */
  async cofo(tx: Tx, code: string): Promise<(CofoSeat & { tribunalCode: string | null }) | undefined> {
    const rows: (CofoSeat & { tribunalCode: string | null })[] = await tx.query(
      `SELECT "code", "level", "place_code" AS "placeCode", "tribunal_code" AS "tribunalCode"
         FROM "land"."cofo" WHERE "code" = $1`,
      [code],
    );
    return rows[0];
  }

  /** Gapless numbering: the counter row is locked until commit, and a rollback gives the number back. */
  async nextSeq(tx: Tx, cofoCode: string, year: number): Promise<number> {
    const [{ last }]: { last: number }[] = await tx.query(
      `INSERT INTO "land"."case_counter" ("cofo_code", "year", "last") VALUES ($1, $2, 1)
       ON CONFLICT ("cofo_code", "year") DO UPDATE SET "last" = "case_counter"."last" + 1 RETURNING "last"`,
      [cofoCode, year],
    );
    return last;
  }

  async insert(tx: Tx, c: NewCase): Promise<CaseRow> {
    const [row]: CaseRow[] = await tx.query(
      `INSERT INTO "land"."dispute_case" AS c ("number", "cofo_code", "tribunal_code", "year", "seq", "state",
         "dispute_type", "filed_on", "summary", "village_code", "land_description", "surface_ha", "gps_lat", "gps_lon",
         "party_counts", "search", "created_by")
       VALUES ($1, $2, $3, $4, $5, 'filed', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING ${CASE_COLUMNS}`,
      [
        c.number,
        c.cofoCode,
        c.tribunalCode,
        c.year,
        c.seq,
        c.disputeType,
        c.filedOn,
        c.summary,
        c.villageCode,
        c.landDescription,
        c.surfaceHa,
        c.gps?.lat ?? null,
        c.gps?.lon ?? null,
        JSON.stringify(c.partyCounts),
        c.search,
        c.createdBy,
      ],
    );
    return row;
  }

  /** All parties in one statement, in the order given (`position`). */
  async insertParties(tx: Tx, caseId: string, parties: readonly PartyInputDto[]): Promise<PartyRow[]> {
    const values: unknown[] = [caseId];
    const tuples = parties.map((p, i) => {
      values.push(
        i,
        p.kind,
        p.name,
        p.kind === 'group' ? null : (p.sex ?? null),
        p.ageGroup ?? 'unknown',
        p.role,
        p.villageCode ?? null,
        p.memberCount ?? null,
      );
      const b = 1 + i * 8;
      return `($1, ${Array.from({ length: 8 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
    });
    return tx.query(
      `INSERT INTO "land"."party" ("case_id", "position", "kind", "name", "sex", "age_group", "role", "village_code", "member_count")
       VALUES ${tuples.join(', ')} RETURNING ${PARTY_COLUMNS}`,
      values,
    );
  }

  async find(tx: Tx, id: string, lock: boolean): Promise<CaseRow | undefined> {
    const rows: CaseRow[] = await tx.query(
      `SELECT ${CASE_COLUMNS} FROM "land"."dispute_case" c WHERE c."id" = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  /** The case a PV belongs to. */
  async findByPv(tx: Tx, pvId: string): Promise<CaseRow | undefined> {
    const rows: CaseRow[] = await tx.query(
      `SELECT ${CASE_COLUMNS} FROM "land"."dispute_case" c JOIN "land"."pv" p ON p."case_id" = c."id" WHERE p."id" = $1`,
      [pvId],
    );
    return rows[0];
  }

  /** The case row in state `to`, version + 1, with what the command changed on `row`. */
  async save(tx: Tx, row: CaseRow, to: CaseState): Promise<CaseRow> {
    const [updated]: CaseRow[][] = await tx.query(
      `UPDATE "land"."dispute_case" AS c SET "state" = $2, "version" = c."version" + 1, "updated_at" = now(),
         "sent_to_tribunal" = $3, "referral_court" = $4, "referral_on" = $5, "referral_recorded_at" = $6, "closed_reason" = $7
       WHERE c."id" = $1 RETURNING ${CASE_COLUMNS}`,
      [
        row.id,
        to,
        row.sent_to_tribunal,
        row.referral_court,
        row.referral_on,
        row.referral_recorded_at,
        row.closed_reason,
      ],
    );
    return updated[0];
  }

  async insertStep(tx: Tx, caseId: string, dto: InstructionStepDto, recordedBy: string): Promise<void> {
    await tx.query(
      `INSERT INTO "land"."instruction_step" ("case_id", "kind", "date", "members_present", "summary", "party_id", "recorded_by")
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
      [
        caseId,
        dto.kind,
        dto.date,
        JSON.stringify(dto.membersPresent),
        dto.summary,
        dto.partyId ?? null,
        recordedBy,
      ],
    );
  }

  async partyOfCase(tx: Tx, caseId: string, partyId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM "land"."party" WHERE "id" = $1 AND "case_id" = $2`,
      [partyId, caseId],
    );
    return rows.length > 0;
  }

  parties(tx: Tx, caseId: string): Promise<PartyRow[]> {
    return tx.query(`SELECT ${PARTY_COLUMNS} FROM "land"."party" WHERE "case_id" = $1 ORDER BY "position"`, [
      caseId,
    ]);
  }

  /** The whole case as the API shows it: parties, steps, every PV version and the history. */
  async view(tx: Tx, row: CaseRow): Promise<CaseV1> {
    const [parties, steps, pvs, history] = await Promise.all([
      this.parties(tx, row.id),
      tx.query(
        `SELECT "id", "kind", "date"::text AS "date", "members_present", "summary", "party_id", "recorded_at", "recorded_by"
           FROM "land"."instruction_step" WHERE "case_id" = $1 ORDER BY "date", "recorded_at"`,
        [row.id],
      ) as Promise<StepRow[]>,
      tx.query(
        `SELECT ${PV_COLUMNS} FROM "land"."pv" p JOIN "land"."dispute_case" c ON c."id" = p."case_id"
          WHERE p."case_id" = $1 ORDER BY p."pv_version"`,
        [row.id],
      ) as Promise<PvRow[]>,
      landAudit.history(tx, 'case', row.id),
    ]);
    return caseView(row, parties, steps, pvs, history, this.settings.overdueDays);
  }

  /** Cases in scope matching the filters, newest first, one keyset page. */
  async list(scope: Scope, q: CaseListQueryDto, limit: number): Promise<PageV1<CaseSummaryV1>> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where: string[] = [];
    const scopeSql = caseScopeSql(scope, p);
    if (scopeSql) where.push(scopeSql);
    if (q.state) where.push(`c."state" = ${p(q.state)}`);
    if (q.disputeType) where.push(`c."dispute_type" = ${p(q.disputeType)}`);
    if (q.cofoCode) where.push(`c."cofo_code" = ${p(q.cofoCode)}`);
    if (q.placeCode) {
      const code = p(q.placeCode);
      where.push(`(c."village_code" = ${code} OR c."village_code" LIKE ${code} || '-%')`);
    }
    if (q.filedFrom) where.push(`c."filed_on" >= ${p(q.filedFrom)}::date`);
    if (q.filedTo) where.push(`c."filed_on" <= ${p(q.filedTo)}::date`);
    if (q.q && searchKey(q.q)) where.push(`c."search" LIKE ${p(containsPattern(q.q))}`);
    const page = keyset({ columns: NEWEST_FIRST, direction: 'DESC', limit, cursor: q.cursor }, p);
    if (page.where) where.push(page.where);
    const rows: (CaseRow & { created_key: string })[] = await this.reader.query(
      `SELECT ${CASE_COLUMNS}, c."created_at"::text AS "created_key" FROM "land"."dispute_case" c
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${page.orderBy} ${page.limit}`,
      params,
    );
    return pageOf(rows, limit, (r) => [r.created_key, r.id], summaryView);
  }
}
