import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  domainError,
  Events,
  Headers,
  type CaseSummaryV1,
  type CaseV1,
  type CloseCaseDto,
  type DecideHomologationDto,
  type FileCaseDto,
  type HomologationQueueItemV1,
  type HomologationQueueQueryDto,
  type InstructionStepDto,
  type LandEventV1,
  type PageV1,
  type PvCheckV1,
  type PvPdfV1,
  type RecordPvDto,
  type ReferCaseDto,
  type RequestHomologationDto,
  type CaseListQueryDto,
  type CaseState,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import type { AuditRow } from '@prosmed/persistence';
import { auditActor, landAudit } from '../shared/audit';
import { PLACE_CHECKER, type PlaceChecker, type PlaceRef } from '../shared/place-checker';
import { containsPattern, searchKey } from '../shared/text-search';
import {
  assertBothSides,
  assertMarks,
  assertNotBeforeFiling,
  assertNotFuture,
  assertPvFieldsMatchKind,
  caseNumber,
  contentHash,
  missingForHomologation,
  partyCounts,
  today,
  verificationCode,
} from './case-rules';
import {
  CASE_COLUMNS,
  caseView,
  PV_COLUMNS,
  queueItemView,
  summaryView,
  type CaseRow,
  type PartyRow,
  type PvRow,
  type StepRow,
} from './case-rows';
import {
  assertCofoWriter,
  assertReferralRecorder,
  assertTribunalClerk,
  caseReadScope,
  caseVisible,
  type CaseScope,
} from './case-scope';
import { nextState, type CaseAction } from './case-state-machine';
import { CASES_SETTINGS, type CasesSettings } from './cases.settings';
import { renderPvPdf } from './printing/pv-pdf';
import { PlacesService } from '../places/places.service';

const outbox = new OutboxWriter('land');

interface Cursor {
  at: string;
  id: string;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...c })).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const o = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as {
      v?: number;
      at?: string;
      id?: string;
    };
    if (o.v !== 1 || typeof o.at !== 'string' || typeof o.id !== 'string' || Number.isNaN(Date.parse(o.at))) {
      throw new Error('bad cursor');
    }
    return { at: o.at, id: o.id };
  } catch {
    throw domainError('VALIDATION_FAILED', undefined, [{ field: 'cursor', code: 'invalidCursor' }]);
  }
}

type Tx = EntityManager;

/**
 * Land cases from filing to closure (DOMAIN.md section 1). Every command: the case row is locked, the
 * caller's scope and the version she read are checked, the state machine says where the case goes, and
 * the change, its audit row and its event (outbox) commit together.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLACE_CHECKER) private readonly places: PlaceChecker,
    @Inject(CASES_SETTINGS) private readonly settings: CasesSettings,
    private readonly placeNames: PlacesService,
  ) {}

  // ---------------------------------------------------------------- filing

  async file(rc: RequestContext, dto: FileCaseDto): Promise<CaseV1> {
    // Scope first: the CoFo comes from the body, but it must be the secretary's own (token attribute).
    assertCofoWriter(rc.identity, dto.cofoCode);
    assertNotFuture('filedOn', dto.filedOn);
    assertBothSides(dto.parties);
    const refs: PlaceRef[] = [{ field: 'land.villageCode', code: dto.land.villageCode }];
    dto.parties.forEach(
      (p, i) => p.villageCode && refs.push({ field: `parties[${i}].villageCode`, code: p.villageCode }),
    );
    await this.places.assertKnown(refs);

    const counts = partyCounts(dto.parties);
    const year = Number(dto.filedOn.slice(0, 4));
    const search = searchKey(
      [dto.summary, dto.land.description, ...dto.parties.map((p) => p.name)].join(' '),
    );

    return this.dataSource.transaction(async (tx) => {
      const cofo: { tribunal_code: string | null }[] = await tx.query(
        `SELECT "tribunal_code" FROM "land"."cofo" WHERE "code" = $1`,
        [dto.cofoCode],
      );
      if (cofo.length === 0) throw domainError('COFO_NOT_FOUND', { code: dto.cofoCode });
      // Gapless numbering: the counter row is locked until commit, and a rollback gives the number back.
      const [{ last: seq }]: { last: number }[] = await tx.query(
        `INSERT INTO "land"."case_counter" ("cofo_code", "year", "last") VALUES ($1, $2, 1)
         ON CONFLICT ("cofo_code", "year") DO UPDATE SET "last" = "case_counter"."last" + 1 RETURNING "last"`,
        [dto.cofoCode, year],
      );
      const number = caseNumber(dto.cofoCode, year, seq);
      const [row]: CaseRow[] = await tx.query(
        `INSERT INTO "land"."dispute_case" AS c ("number", "cofo_code", "tribunal_code", "year", "seq", "state",
           "dispute_type", "filed_on", "summary", "village_code", "land_description", "surface_ha", "gps_lat", "gps_lon",
           "party_counts", "search", "created_by")
         VALUES ($1, $2, $3, $4, $5, 'filed', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         RETURNING ${CASE_COLUMNS}`,
        [
          number,
          dto.cofoCode,
          cofo[0].tribunal_code,
          year,
          seq,
          dto.disputeType,
          dto.filedOn,
          dto.summary,
          dto.land.villageCode,
          dto.land.description,
          dto.land.surfaceHa ?? null,
          dto.land.gps?.lat ?? null,
          dto.land.gps?.lon ?? null,
          JSON.stringify(counts),
          `${searchKey(number)} ${search}`,
          rc.identity.username,
        ],
      );
      const values: unknown[] = [row.id];
      const tuples = dto.parties.map((p, i) => {
        values.push(
          i,
          p.kind,
          p.name,
          p.kind === 'group' ? null : (p.sex ?? null),
          p.ageGroup ?? 'unknown',
          p.role,
        );
        values.push(p.villageCode ?? null, p.memberCount ?? null);
        const b = 1 + i * 8;
        return `($1, ${Array.from({ length: 8 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
      });
      const parties: PartyRow[] = await tx.query(
        `INSERT INTO "land"."party" ("case_id", "position", "kind", "name", "sex", "age_group", "role", "village_code", "member_count")
         VALUES ${tuples.join(', ')}
         RETURNING "id", "kind", "name", "sex", "age_group", "role", "village_code", "member_count"`,
        values,
      );
      await landAudit.record(tx, {
        ...auditActor(rc),
        action: 'case.filed',
        entityType: 'case',
        entityId: row.id,
        toState: 'filed',
        after: {
          number,
          cofoCode: dto.cofoCode,
          disputeType: dto.disputeType,
          filedOn: dto.filedOn,
          parties: counts,
        },
      });
      await this.emit(tx, rc, Events.land.caseFiled, row, dto.filedOn);
      // The one history entry is the audit row just written: no need to read it back.
      const filed: AuditRow = {
        id: '0',
        at: row.created_at,
        actorId: rc.identity.sub,
        actorName: rc.identity.username,
        action: 'case.filed',
        fromState: null,
        toState: 'filed',
        reason: null,
        before: null,
        after: null,
        requestId: rc.requestId,
      };
      return caseView(row, parties, [], [], [filed], this.settings.overdueDays);
    });
  }

  // ---------------------------------------------------------------- reads

  async get(rc: RequestContext, caseId: string): Promise<CaseV1> {
    const scope = caseReadScope(rc.identity);
    const row = await this.findCase(this.dataSource.manager, caseId, false);
    if (!row) throw scope.all ? domainError('CASE_NOT_FOUND') : domainError('OUT_OF_SCOPE');
    if (!caseVisible(scope, scopeOf(row))) throw domainError('OUT_OF_SCOPE');
    return this.load(this.dataSource.manager, row);
  }

  async list(rc: RequestContext, q: CaseListQueryDto): Promise<PageV1<CaseSummaryV1>> {
    const scope = caseReadScope(rc.identity);
    const limit = q.limit ?? 50;
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const scopeSql = scopeCondition(scope, p);
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
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.push(`(c."created_at", c."id") < (${p(c.at)}::timestamptz, ${p(c.id)}::uuid)`);
    }
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT ${CASE_COLUMNS} FROM "land"."dispute_case" c
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c."created_at" DESC, c."id" DESC LIMIT ${p(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryView),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null,
    };
  }

  async homologationQueue(
    rc: RequestContext,
    q: HomologationQueueQueryDto,
  ): Promise<PageV1<HomologationQueueItemV1>> {
    const scope = caseReadScope(rc.identity);
    const status = q.status ?? 'pending';
    const limit = q.limit ?? 50;
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = [`p."requested_at" IS NOT NULL`, `p."status" = 'in-force'`];
    const scopeSql = scopeCondition(scope, p);
    if (scopeSql) where.push(scopeSql);
    if (status === 'decided') where.push(`p."decision" IS NOT NULL`);
    else where.push(`p."decision" IS NULL`);
    if (status === 'overdue') {
      where.push(`p."requested_on" < ${p(today())}::date - ${p(this.settings.overdueDays)}::int`);
    }
    if (q.cursor) {
      const c = decodeCursor(q.cursor);
      where.push(`(p."requested_at", p."id") > (${p(c.at)}::timestamptz, ${p(c.id)}::uuid)`);
    }
    const rows: (PvRow & { cofo_code: string; requested_at: Date })[] = await this.dataSource.query(
      `SELECT ${PV_COLUMNS}, c."cofo_code", p."requested_at" FROM "land"."pv" p
         JOIN "land"."dispute_case" c ON c."id" = p."case_id"
        WHERE ${where.join(' AND ')}
        ORDER BY p."requested_at", p."id" LIMIT ${p(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => queueItemView(r, this.settings.overdueDays)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ at: last.requested_at.toISOString(), id: last.id })
          : null,
    };
  }

  // ---------------------------------------------------------------- instruction

  async recordStep(rc: RequestContext, dto: InstructionStepDto): Promise<CaseV1> {
    return this.command(rc, dto, { type: 'record-step' }, 'cofo', async (tx, row) => {
      assertNotFuture('date', dto.date);
      assertNotBeforeFiling('date', dto.date, row.filed_on);
      if (dto.partyId) await this.assertParty(tx, row.id, dto.partyId, 'partyId');
      await tx.query(
        `INSERT INTO "land"."instruction_step" ("case_id", "kind", "date", "members_present", "summary", "party_id", "recorded_by")
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
        [
          row.id,
          dto.kind,
          dto.date,
          JSON.stringify(dto.membersPresent),
          dto.summary,
          dto.partyId ?? null,
          rc.identity.username,
        ],
      );
      return { action: `case.step.${dto.kind}`, date: dto.date };
    });
  }

  // ---------------------------------------------------------------- PVs

  async recordPv(rc: RequestContext, dto: RecordPvDto): Promise<CaseV1> {
    assertPvFieldsMatchKind(dto);
    return this.command(rc, dto, { type: 'record-pv', kind: dto.kind }, 'cofo', async (tx, row) => {
      assertNotFuture('drawnUpOn', dto.drawnUpOn);
      assertNotBeforeFiling('drawnUpOn', dto.drawnUpOn, row.filed_on);
      const parties: PartyRow[] = await tx.query(
        `SELECT "id", "kind", "name", "sex", "age_group", "role", "village_code", "member_count"
           FROM "land"."party" WHERE "case_id" = $1 ORDER BY "position"`,
        [row.id],
      );
      const marks = dto.marks ?? [];
      assertMarks(
        marks,
        parties.map((pp) => pp.id),
      );
      const current: { id: string; pv_version: number }[] = await tx.query(
        `SELECT "id", "pv_version" FROM "land"."pv" WHERE "case_id" = $1 AND "status" = 'in-force'`,
        [row.id],
      );
      if (current.length > 0 && !dto.correctionReason) {
        throw domainError('CORRECTION_REASON_REQUIRED', undefined, [
          { field: 'correctionReason', code: 'required' },
        ]);
      }
      const [{ next }]: { next: number }[] = await tx.query(
        `SELECT COALESCE(MAX("pv_version"), 0) + 1 AS "next" FROM "land"."pv" WHERE "case_id" = $1`,
        [row.id],
      );
      // The homologated (or rejected) version stays, superseded: a correction never rewrites it.
      if (current.length > 0) {
        await tx.query(`UPDATE "land"."pv" SET "status" = 'superseded' WHERE "id" = $1`, [current[0].id]);
      }
      const partyName = new Map(parties.map((pp) => [pp.id, pp.name]));
      const content = {
        caseNumber: row.number,
        kind: dto.kind,
        pvVersion: next,
        drawnUpOn: dto.drawnUpOn,
        membersPresent: dto.membersPresent,
        agreedPoints: dto.agreedPoints ?? [],
        openPoints: dto.openPoints ?? [],
        marks: marks.map((m) => ({ ...m, party: partyName.get(m.partyId) })),
        stepsTried: dto.stepsTried ?? [],
        failureReason: dto.failureReason ?? null,
        parties: parties.map((pp) => ({ name: pp.name, role: pp.role, sex: pp.sex })),
        land: { villageCode: row.village_code, description: row.land_description, surfaceHa: row.surface_ha },
      };
      await tx.query(
        `INSERT INTO "land"."pv" ("case_id", "kind", "pv_version", "status", "drawn_up_on", "members_present",
           "agreed_points", "open_points", "marks", "steps_tried", "failure_reason", "correction_reason",
           "content_hash", "verification_code", "tribunal_code", "recorded_by")
         VALUES ($1, $2, $3, 'in-force', $4, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13, $14, $15)`,
        [
          row.id,
          dto.kind,
          next,
          dto.drawnUpOn,
          JSON.stringify(dto.membersPresent),
          JSON.stringify(dto.agreedPoints ?? []),
          JSON.stringify(dto.openPoints ?? []),
          JSON.stringify(marks),
          JSON.stringify(dto.stepsTried ?? []),
          dto.failureReason ?? null,
          dto.correctionReason ?? null,
          contentHash(content),
          verificationCode(),
          row.tribunal_code,
          rc.identity.username,
        ],
      );
      // A PV de non-conciliation is what a party takes to the tribunal: the clerk sees the case from now on.
      if (dto.kind === 'non-conciliation') row.sent_to_tribunal = true;
      return {
        action: `case.pv.${dto.kind}`,
        reason: dto.correctionReason ?? null,
        date: dto.drawnUpOn,
        event: Events.land.pvRecorded,
      };
    });
  }

  async requestHomologation(rc: RequestContext, dto: RequestHomologationDto): Promise<CaseV1> {
    return this.command(rc, dto, { type: 'request-homologation' }, 'cofo', async (tx, row) => {
      const pv = await this.pvInForce(tx, row.id);
      assertNotFuture('requestedOn', dto.requestedOn);
      if (pv && dto.requestedOn < pv.drawn_up_on) {
        throw domainError(
          'DATE_BEFORE_FILING',
          { field: 'requestedOn', date: dto.requestedOn, filedOn: pv.drawn_up_on },
          [{ field: 'requestedOn', code: 'notBeforePv' }],
        );
      }
      if (!pv || pv.kind !== 'conciliation') throw domainError('PV_NOT_CONCILIATION');
      const parties: { id: string; role: string; name: string }[] = await tx.query(
        `SELECT "id", "role", "name" FROM "land"."party" WHERE "case_id" = $1 ORDER BY "position"`,
        [row.id],
      );
      const missing = missingForHomologation(
        { kind: pv.kind, agreedPoints: pv.agreed_points, marks: pv.marks },
        parties,
      );
      if (missing.length > 0) throw domainError('PV_INCOMPLETE', { missing: missing.join(', ') });
      if (row.tribunal_code === null) throw domainError('COFO_WITHOUT_TRIBUNAL', { code: row.cofo_code });
      await tx.query(
        `UPDATE "land"."pv" SET "requested_on" = $2, "requested_at" = now(), "tribunal_code" = $3,
           "decision" = NULL, "decision_number" = NULL, "decision_date" = NULL, "rejection_reason" = NULL
         WHERE "id" = $1`,
        [pv.id, dto.requestedOn, row.tribunal_code],
      );
      row.sent_to_tribunal = true;
      return {
        action: 'case.homologation.requested',
        date: dto.requestedOn,
        event: Events.land.homologationRequested,
      };
    });
  }

  async decideHomologation(rc: RequestContext, dto: DecideHomologationDto): Promise<CaseV1> {
    const outcome = dto.decision === 'homologated' ? 'homologated' : 'rejected';
    return this.command(rc, dto, { type: 'decide-homologation', outcome }, 'tribunal', async (tx, row) => {
      const pv = await this.pvInForce(tx, row.id);
      if (!pv || pv.requested_on === null) throw domainError('PV_NOT_FOUND');
      assertNotFuture('decisionDate', dto.decisionDate);
      if (dto.decisionDate < pv.requested_on) {
        throw domainError('DATE_BEFORE_REQUEST', { date: dto.decisionDate, requestedOn: pv.requested_on }, [
          { field: 'decisionDate', code: 'notBeforeRequest' },
        ]);
      }
      await tx.query(
        `UPDATE "land"."pv" SET "decision" = $2, "decision_number" = $3, "decision_date" = $4, "rejection_reason" = $5,
           "decided_at" = now(), "decided_by" = $6 WHERE "id" = $1`,
        [
          pv.id,
          dto.decision,
          dto.decision === 'homologated' ? (dto.decisionNumber ?? null) : null,
          dto.decisionDate,
          dto.decision === 'rejected' ? (dto.rejectionReason ?? null) : null,
          rc.identity.username,
        ],
      );
      return {
        action: `case.homologation.${dto.decision}`,
        reason: dto.rejectionReason ?? dto.decisionNumber ?? null,
        date: dto.decisionDate,
        event: Events.land.homologationDecided,
      };
    });
  }

  // ---------------------------------------------------------------- referral and closure

  async refer(rc: RequestContext, dto: ReferCaseDto): Promise<CaseV1> {
    return this.command(rc, dto, { type: 'refer' }, 'either', async (_tx, row) => {
      if (dto.referredOn) {
        assertNotFuture('referredOn', dto.referredOn);
        assertNotBeforeFiling('referredOn', dto.referredOn, row.filed_on);
      }
      row.referral_court = dto.court ?? null;
      row.referral_on = dto.referredOn ?? null;
      row.referral_recorded_at = new Date();
      return { action: 'case.referred', date: dto.referredOn ?? today(), event: Events.land.caseReferred };
    });
  }

  async close(rc: RequestContext, dto: CloseCaseDto): Promise<CaseV1> {
    return this.command(rc, dto, { type: 'close', reason: dto.reason }, 'cofo', async (_tx, row) => {
      row.closed_reason = dto.reason;
      return {
        action: `case.closed.${dto.reason}`,
        reason: dto.comment ?? null,
        date: today(),
        event: Events.land.caseClosed,
      };
    });
  }

  // ---------------------------------------------------------------- printable PV and public check

  async pvPdf(rc: RequestContext, pvId: string): Promise<PvPdfV1> {
    const scope = caseReadScope(rc.identity);
    const [pv]: PvRow[] = await this.dataSource.query(
      `SELECT ${PV_COLUMNS} FROM "land"."pv" p JOIN "land"."dispute_case" c ON c."id" = p."case_id" WHERE p."id" = $1`,
      [pvId],
    );
    if (!pv) throw scope.all ? domainError('PV_NOT_FOUND') : domainError('OUT_OF_SCOPE');
    const row = await this.findCase(this.dataSource.manager, pv.case_id, false);
    if (!row || !caseVisible(scope, scopeOf(row))) throw domainError('OUT_OF_SCOPE');
    const full = await this.load(this.dataSource.manager, row);
    const names: { cofo: string; tribunal: string | null }[] = await this.dataSource.query(
      `SELECT f."name" AS "cofo", t."name" AS "tribunal" FROM "land"."cofo" f
         LEFT JOIN "land"."tribunal" t ON t."code" = COALESCE($2, f."tribunal_code") WHERE f."code" = $1`,
      [row.cofo_code, pv.tribunal_code],
    );
    const places = await this.placeNames.current();
    const bytes = await renderPvPdf({
      placeLabel: (code) => {
        const p = places.get(code);
        if (!p) return code;
        const cercle = places.rollUp(code, 'cercle', { map: p.map });
        return cercle && cercle.code !== p.code ? `${p.name}, cercle de ${cercle.name}` : p.name;
      },
      caseView: full,
      pv: full.pvs.find((x) => x.id === pvId)!,
      cofoName: names[0]?.cofo ?? row.cofo_code,
      tribunalName: names[0]?.tribunal ?? null,
      checkUrl: `${this.settings.publicBaseUrl}/api/public/pvs/check/${pv.verification_code}`,
    });
    return { filename: `${row.number}-PV-v${pv.pv_version}.pdf`, base64: bytes.toString('base64') };
  }

  /** Public: says only that the PV exists, its number, state and content hash. No personal data. */
  async pvCheck(code: string): Promise<PvCheckV1> {
    const rows: {
      number: string;
      kind: PvRow['kind'];
      pv_version: number;
      status: PvRow['status'];
      state: CaseState;
      content_hash: string;
    }[] = await this.dataSource.query(
      `SELECT c."number", p."kind", p."pv_version", p."status", c."state", p."content_hash"
           FROM "land"."pv" p JOIN "land"."dispute_case" c ON c."id" = p."case_id" WHERE p."verification_code" = $1`,
      [code],
    );
    const r = rows[0];
    if (!r) return { exists: false };
    return {
      exists: true,
      caseNumber: r.number,
      kind: r.kind,
      pvVersion: r.pv_version,
      status: r.status,
      caseState: r.state,
      contentHash: r.content_hash,
    };
  }

  // ---------------------------------------------------------------- internals

  /**
   * One command on an existing case: lock, scope, version, state machine, the work, then the case row,
   * the audit row (from, to, why) and the event, all in one transaction.
   */
  private async command(
    rc: RequestContext,
    dto: { caseId: string; version: number },
    action: CaseAction,
    writer: 'cofo' | 'tribunal' | 'either',
    work: (
      tx: Tx,
      row: CaseRow,
    ) => Promise<{ action: string; reason?: string | null; date: string; event?: string }>,
  ): Promise<CaseV1> {
    return this.dataSource.transaction(async (tx) => {
      const row = await this.findCase(tx, dto.caseId, true);
      const scope = caseReadScope(rc.identity);
      if (!row) throw scope.all ? domainError('CASE_NOT_FOUND') : domainError('OUT_OF_SCOPE');
      if (writer === 'cofo') assertCofoWriter(rc.identity, row.cofo_code);
      else if (writer === 'tribunal') {
        assertTribunalClerk(rc.identity, row.tribunal_code);
        if (!row.sent_to_tribunal) throw domainError('OUT_OF_SCOPE');
      } else assertReferralRecorder(rc.identity, scopeOf(row));
      if (row.version !== dto.version)
        throw domainError('VERSION_CONFLICT', { expected: dto.version, actual: row.version });
      const from = row.state;
      const to = nextState(from, action);
      const done = await work(tx, row);
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
      const after = updated[0];
      await landAudit.record(tx, {
        ...auditActor(rc),
        action: done.action,
        entityType: 'case',
        entityId: row.id,
        fromState: from,
        toState: to,
        reason: done.reason ?? null,
        before: { version: row.version },
        after: { version: after.version },
      });
      if (done.event) await this.emit(tx, rc, done.event, after, done.date);
      return this.load(tx, after);
    });
  }

  private async emit(tx: Tx, rc: RequestContext, topic: string, row: CaseRow, date: string): Promise<void> {
    const payload: LandEventV1 = {
      caseId: row.id,
      caseNumber: row.number,
      cofoCode: row.cofo_code,
      placeCode: row.village_code,
      disputeType: row.dispute_type,
      date,
      occurredAt: new Date().toISOString(),
      state: row.state,
      parties: row.party_counts,
    };
    await outbox.add(tx, { topic, key: row.id, payload, headers: { [Headers.requestId]: rc.requestId } });
  }

  private async findCase(tx: Tx, id: string, lock: boolean): Promise<CaseRow | undefined> {
    const rows: CaseRow[] = await tx.query(
      `SELECT ${CASE_COLUMNS} FROM "land"."dispute_case" c WHERE c."id" = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0];
  }

  private async pvInForce(tx: Tx, caseId: string): Promise<PvRow | undefined> {
    const rows: PvRow[] = await tx.query(
      `SELECT ${PV_COLUMNS} FROM "land"."pv" p JOIN "land"."dispute_case" c ON c."id" = p."case_id"
        WHERE p."case_id" = $1 AND p."status" = 'in-force'`,
      [caseId],
    );
    return rows[0];
  }

  private async assertParty(tx: Tx, caseId: string, partyId: string, field: string): Promise<void> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM "land"."party" WHERE "id" = $1 AND "case_id" = $2`,
      [partyId, caseId],
    );
    if (rows.length === 0) throw domainError('PARTY_UNKNOWN', { partyId }, [{ field, code: 'unknownParty' }]);
  }

  private async load(tx: Tx, row: CaseRow): Promise<CaseV1> {
    const [parties, steps, pvs, history] = await Promise.all([
      tx.query(
        `SELECT "id", "kind", "name", "sex", "age_group", "role", "village_code", "member_count"
           FROM "land"."party" WHERE "case_id" = $1 ORDER BY "position"`,
        [row.id],
      ) as Promise<PartyRow[]>,
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
}

function scopeOf(row: CaseRow) {
  return { cofoCode: row.cofo_code, tribunalCode: row.tribunal_code, sentToTribunal: row.sent_to_tribunal };
}

/** The scope as SQL over `c` (dispute_case), or `null` for all. */
function scopeCondition(scope: CaseScope, p: (v: unknown) => string): string | null {
  if (scope.all) return null;
  const parts: string[] = [];
  if (scope.cofoCodes.length) parts.push(`c."cofo_code" = ANY(${p(scope.cofoCodes)}::text[])`);
  if (scope.tribunalCodes.length) {
    parts.push(`(c."sent_to_tribunal" AND c."tribunal_code" = ANY(${p(scope.tribunalCodes)}::text[]))`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'false';
}
