import { Injectable } from '@nestjs/common';
import { requirePermission } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  Events,
  type CaseV1,
  type DecideHomologationDto,
  type HomologationQueueItemV1,
  type HomologationQueueQueryDto,
  type PageV1,
  type PvCheckV1,
  type RecordPvDto,
  type RequestHomologationDto,
} from '@prosmed/contracts';
import type { RequestContext } from '@prosmed/messaging';
import { CaseCommands } from '../case-commands';
import { CaseRepository } from '../case-repository';
import { assertNotBeforeFiling, assertNotBeforePv, assertNotFuture } from '../case-rules';
import { contentHash, pvContent, verificationCode } from './pv-content';
import { PvRepository } from './pv-repository';
import { assertMarks, assertMemberMarks, assertPvFieldsMatchKind, missingForHomologation } from './pv-rules';

/**
 * PVs of a case (conciliation or non-conciliation, each correction a new version) and their
 * homologation by the tribunal; the public check of a printed PV.
 */
@Injectable()
export class PvsService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly cases: CaseRepository,
    private readonly pvs: PvRepository,
  ) {}

  recordPv(rc: RequestContext, dto: RecordPvDto): Promise<CaseV1> {
    const action = { type: 'record-pv', kind: dto.kind } as const;
    return this.commands.run(rc, dto, action, 'case:write', async (tx, row) => {
      assertPvFieldsMatchKind(dto);
      assertNotFuture('drawnUpOn', dto.drawnUpOn);
      assertNotBeforeFiling('drawnUpOn', dto.drawnUpOn, row.filed_on);
      const parties = await this.cases.parties(tx, row.id);
      const marks = dto.marks ?? [];
      assertMarks(
        marks,
        parties.map((p) => p.id),
      );
      const memberMarks = dto.memberMarks ?? [];
      assertMemberMarks(memberMarks, dto.membersPresent);
      const current = await this.pvs.inForce(tx, row.id);
      if (current && !dto.correctionReason) {
        throw domainError('CORRECTION_REASON_REQUIRED', undefined, [
          { field: 'correctionReason', code: 'required' },
        ]);
      }
      const pvVersion = await this.pvs.nextVersion(tx, row.id);
      // The homologated (or rejected) version stays, superseded: a correction never rewrites it.
      if (current) await this.pvs.supersede(tx, current.id);
      const fields = {
        kind: dto.kind,
        pvVersion,
        drawnUpOn: dto.drawnUpOn,
        membersPresent: dto.membersPresent,
        agreedPoints: dto.agreedPoints ?? [],
        openPoints: dto.openPoints ?? [],
        marks,
        memberMarks,
        stepsTried: dto.stepsTried ?? [],
        failureReason: dto.failureReason ?? null,
      };
      const land = {
        villageCode: row.village_code,
        description: row.land_description,
        surfaceHa: row.surface_ha,
      };
      await this.pvs.insert(tx, {
        ...fields,
        caseId: row.id,
        correctionReason: dto.correctionReason ?? null,
        contentHash: contentHash(pvContent({ ...fields, caseNumber: row.number, parties, land })),
        verificationCode: verificationCode(),
        tribunalCode: row.tribunal_code,
        recordedBy: rc.identity.username,
      });
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

  requestHomologation(rc: RequestContext, dto: RequestHomologationDto): Promise<CaseV1> {
    return this.commands.run(rc, dto, { type: 'request-homologation' }, 'case:write', async (tx, row) => {
      const pv = await this.pvs.inForce(tx, row.id);
      assertNotFuture('requestedOn', dto.requestedOn);
      if (pv) assertNotBeforePv('requestedOn', dto.requestedOn, pv.drawn_up_on);
      if (!pv || pv.kind !== 'conciliation') throw domainError('PV_NOT_CONCILIATION');
      const missing = missingForHomologation(
        { kind: pv.kind, agreedPoints: pv.agreed_points, marks: pv.marks },
        await this.cases.parties(tx, row.id),
      );
      if (missing.length > 0) throw domainError('PV_INCOMPLETE', { missing: missing.join(', ') });
      if (row.tribunal_code === null) throw domainError('COFO_WITHOUT_TRIBUNAL', { code: row.cofo_code });
      await this.pvs.markRequested(tx, pv.id, dto.requestedOn, row.tribunal_code);
      row.sent_to_tribunal = true;
      return {
        action: 'case.homologation.requested',
        date: dto.requestedOn,
        event: Events.land.homologationRequested,
      };
    });
  }

  decideHomologation(rc: RequestContext, dto: DecideHomologationDto): Promise<CaseV1> {
    const action = { type: 'decide-homologation', outcome: dto.decision } as const;
    return this.commands.run(rc, dto, action, 'homologation:decide', async (tx, row) => {
      const pv = await this.pvs.inForce(tx, row.id);
      if (!pv || pv.requested_on === null) throw domainError('PV_NOT_FOUND');
      assertNotFuture('decisionDate', dto.decisionDate);
      if (dto.decisionDate < pv.requested_on) {
        throw domainError('DATE_BEFORE_REQUEST', { date: dto.decisionDate, requestedOn: pv.requested_on }, [
          { field: 'decisionDate', code: 'notBeforeRequest' },
        ]);
      }
      await this.pvs.decide(tx, pv.id, dto, rc.identity.username);
      return {
        action: `case.homologation.${dto.decision}`,
        reason: dto.rejectionReason ?? dto.decisionNumber ?? null,
        date: dto.decisionDate,
        event: Events.land.homologationDecided,
      };
    });
  }

  homologationQueue(
    rc: RequestContext,
    q: HomologationQueueQueryDto,
  ): Promise<PageV1<HomologationQueueItemV1>> {
    const scope = requirePermission(rc.identity, 'case:read');
    return this.pvs.queue(scope, q.status ?? 'pending', q.limit ?? DEFAULT_PAGE_SIZE, q.cursor);
  }

  /** Public: says only that the PV exists, its number, state, CoFo, date and content hash. No personal data. */
  async pvCheck(code: string): Promise<PvCheckV1> {
    const r = await this.pvs.check(code);
    if (!r) return { exists: false };
    return {
      exists: true,
      caseNumber: r.number,
      kind: r.kind,
      pvVersion: r.pv_version,
      status: r.status,
      caseState: r.state,
      contentHash: r.content_hash,
      // The CoFo and the date let the holder compare with the paper; they name no person.
      cofoCode: r.cofo_code,
      ...(r.cofo_name ? { cofoName: r.cofo_name } : {}),
      drawnUpOn: r.drawn_up_on,
    };
  }
}
