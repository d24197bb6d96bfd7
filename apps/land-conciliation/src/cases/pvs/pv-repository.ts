import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  CaseState,
  DecideHomologationDto,
  HomologationQueueItemV1,
  MemberMarkDto,
  PageV1,
  PartyMarkV1,
  PvKind,
  PvMemberV1,
} from '@prosmed/contracts';
import type { Scope } from '@prosmed/auth';
import { keyset, pageOf, type KeyColumn } from '@prosmed/persistence';
import { today } from '../case-rules';
import { PV_COLUMNS, queueItemView, type PvRow } from '../case-rows';
import { caseScopeSql } from '../case-scope';
import type { Tx } from '../case-repository';
import { CASES_SETTINGS, type CasesSettings } from '../cases.settings';

export interface NewPv {
  caseId: string;
  kind: PvKind;
  pvVersion: number;
  drawnUpOn: string;
  membersPresent: PvMemberV1[];
  agreedPoints: string[];
  openPoints: string[];
  marks: PartyMarkV1[];
  memberMarks: MemberMarkDto[];
  stepsTried: string[];
  failureReason: string | null;
  correctionReason: string | null;
  contentHash: string;
  verificationCode: string;
  tribunalCode: string | null;
  recordedBy: string;
}

export interface PvCheckRow {
  number: string;
  kind: PvKind;
  pv_version: number;
  status: PvRow['status'];
  state: CaseState;
  content_hash: string;
  cofo_code: string;
  cofo_name: string | null;
  drawn_up_on: string;
}

/** Oldest request first: the clerk works the queue in the order PVs arrived. */
const OLDEST_REQUEST_FIRST: KeyColumn[] = [
  { sql: 'p."requested_at"', type: 'timestamptz' },
  { sql: 'p."id"', type: 'uuid' },
];

/** The SQL of PVs and their homologation. */
@Injectable()
export class PvRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CASES_SETTINGS) private readonly settings: CasesSettings,
  ) {}

  async inForce(tx: Tx, caseId: string): Promise<PvRow | undefined> {
    const rows: PvRow[] = await tx.query(
      `SELECT ${PV_COLUMNS} FROM "land"."pv" p JOIN "land"."dispute_case" c ON c."id" = p."case_id"
        WHERE p."case_id" = $1 AND p."status" = 'in-force'`,
      [caseId],
    );
    return rows[0];
  }

  async nextVersion(tx: Tx, caseId: string): Promise<number> {
    const [{ next }]: { next: number }[] = await tx.query(
      `SELECT COALESCE(MAX("pv_version"), 0) + 1 AS "next" FROM "land"."pv" WHERE "case_id" = $1`,
      [caseId],
    );
    return next;
  }

  async supersede(tx: Tx, pvId: string): Promise<void> {
    await tx.query(`UPDATE "land"."pv" SET "status" = 'superseded' WHERE "id" = $1`, [pvId]);
  }

  async insert(tx: Tx, pv: NewPv): Promise<void> {
    await tx.query(
      `INSERT INTO "land"."pv" ("case_id", "kind", "pv_version", "status", "drawn_up_on", "members_present",
         "agreed_points", "open_points", "marks", "member_marks", "steps_tried", "failure_reason", "correction_reason",
         "content_hash", "verification_code", "tribunal_code", "recorded_by")
       VALUES ($1, $2, $3, 'in-force', $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14, $15, $16)`,
      [
        pv.caseId,
        pv.kind,
        pv.pvVersion,
        pv.drawnUpOn,
        JSON.stringify(pv.membersPresent),
        JSON.stringify(pv.agreedPoints),
        JSON.stringify(pv.openPoints),
        JSON.stringify(pv.marks),
        JSON.stringify(pv.memberMarks),
        JSON.stringify(pv.stepsTried),
        pv.failureReason,
        pv.correctionReason,
        pv.contentHash,
        pv.verificationCode,
        pv.tribunalCode,
        pv.recordedBy,
      ],
    );
  }

  /** A new request clears any earlier decision: after a rejection the corrected PV is asked again. */
  async markRequested(tx: Tx, pvId: string, requestedOn: string, tribunalCode: string): Promise<void> {
    await tx.query(
      `UPDATE "land"."pv" SET "requested_on" = $2, "requested_at" = now(), "tribunal_code" = $3,
         "decision" = NULL, "decision_number" = NULL, "decision_date" = NULL, "rejection_reason" = NULL
       WHERE "id" = $1`,
      [pvId, requestedOn, tribunalCode],
    );
  }

  async decide(tx: Tx, pvId: string, dto: DecideHomologationDto, decidedBy: string): Promise<void> {
    await tx.query(
      `UPDATE "land"."pv" SET "decision" = $2, "decision_number" = $3, "decision_date" = $4, "rejection_reason" = $5,
         "decided_at" = now(), "decided_by" = $6 WHERE "id" = $1`,
      [
        pvId,
        dto.decision,
        dto.decision === 'homologated' ? (dto.decisionNumber ?? null) : null,
        dto.decisionDate,
        dto.decision === 'rejected' ? (dto.rejectionReason ?? null) : null,
        decidedBy,
      ],
    );
  }

  /** PVs in force sent for homologation, in scope, one keyset page. */
  async queue(
    scope: Scope,
    status: 'pending' | 'overdue' | 'decided',
    limit: number,
    cursor: string | undefined,
  ): Promise<PageV1<HomologationQueueItemV1>> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`p."requested_at" IS NOT NULL`, `p."status" = 'in-force'`];
    const scopeSql = caseScopeSql(scope, p);
    if (scopeSql) where.push(scopeSql);
    where.push(status === 'decided' ? `p."decision" IS NOT NULL` : `p."decision" IS NULL`);
    if (status === 'overdue') {
      where.push(`p."requested_on" < ${p(today())}::date - ${p(this.settings.overdueDays)}::int`);
    }
    const page = keyset({ columns: OLDEST_REQUEST_FIRST, direction: 'ASC', limit, cursor }, p);
    if (page.where) where.push(page.where);
    const rows: (PvRow & { cofo_code: string; requested_key: string })[] = await this.dataSource.query(
      `SELECT ${PV_COLUMNS}, c."cofo_code", p."requested_at"::text AS "requested_key" FROM "land"."pv" p
         JOIN "land"."dispute_case" c ON c."id" = p."case_id"
        WHERE ${where.join(' AND ')}
        ORDER BY ${page.orderBy} ${page.limit}`,
      params,
    );
    return pageOf(
      rows,
      limit,
      (r) => [r.requested_key, r.id],
      (r) => queueItemView(r, this.settings.overdueDays),
    );
  }

  async check(code: string): Promise<PvCheckRow | undefined> {
    const rows: PvCheckRow[] = await this.dataSource.query(
      `SELECT c."number", p."kind", p."pv_version", p."status", c."state", p."content_hash",
              c."cofo_code", f."name" AS "cofo_name", p."drawn_up_on"::text AS "drawn_up_on"
         FROM "land"."pv" p JOIN "land"."dispute_case" c ON c."id" = p."case_id"
         LEFT JOIN "land"."cofo" f ON f."code" = c."cofo_code"
        WHERE p."verification_code" = $1`,
      [code],
    );
    return rows[0];
  }
}
