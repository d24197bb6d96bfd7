import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, assertInScope, requirePermission } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  Events,
  type CaseListQueryDto,
  type CaseSummaryV1,
  type CaseV1,
  type CloseCaseDto,
  type FileCaseDto,
  type InstructionStepDto,
  type PageV1,
  type ReferCaseDto,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { inTransaction, type AuditRow } from '@prosmed/persistence';
import { auditActor, landAudit } from '../shared/audit';
import { PLACE_CHECKER, type PlaceChecker, type PlaceRef } from '../shared/place-checker';
import { assertInTerritory } from '../shared/place-territory';
import { searchKey } from '../shared/text-search';
import { caseEvent, CaseCommands } from './case-commands';
import { CaseRepository } from './case-repository';
import {
  assertBothSides,
  assertNotBeforeFiling,
  assertNotBeforePv,
  assertNotFuture,
  caseNumber,
  partyCounts,
  today,
} from './case-rules';
import { caseView } from './case-rows';
import { caseOwner } from './case-scope';
import { CASES_SETTINGS, type CasesSettings } from './cases.settings';
import { PvRepository } from './pvs/pv-repository';

const outbox = new OutboxWriter('land');

/**
 * Land cases (DOMAIN.md section 1): filing, reads, instruction, referral and closure. PVs and
 * homologation are in `pvs/`, the printed PV in `printing/`; every command on an existing case goes
 * through `CaseCommands` (lock, scope, version, state machine, audit, event).
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLACE_CHECKER) private readonly places: PlaceChecker,
    @Inject(CASES_SETTINGS) private readonly settings: CasesSettings,
    private readonly cases: CaseRepository,
    private readonly commands: CaseCommands,
    private readonly pvs: PvRepository,
  ) {}

  async file(rc: RequestContext, dto: FileCaseDto): Promise<CaseV1> {
    // Scope first: the CoFo comes from the body, but it must be the secretary's own (token attribute).
    assertInScope(requirePermission(rc.identity, 'case:write'), { cofo: dto.cofoCode });
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

    return inTransaction(this.dataSource, async (tx) => {
      const cofo = await this.cases.cofo(tx, dto.cofoCode);
      if (!cofo) throw domainError('COFO_NOT_FOUND', { code: dto.cofoCode });
      assertInTerritory(await this.places.current(), 'land.villageCode', dto.land.villageCode, cofo);
      const seq = await this.cases.nextSeq(tx, dto.cofoCode, year);
      const number = caseNumber(dto.cofoCode, year, seq);
      const row = await this.cases.insert(tx, {
        number,
        cofoCode: dto.cofoCode,
        tribunalCode: cofo.tribunalCode,
        year,
        seq,
        disputeType: dto.disputeType,
        filedOn: dto.filedOn,
        summary: dto.summary,
        villageCode: dto.land.villageCode,
        landDescription: dto.land.description,
        surfaceHa: dto.land.surfaceHa ?? null,
        gps: dto.land.gps ?? null,
        partyCounts: counts,
        search: `${searchKey(number)} ${search}`,
        createdBy: rc.identity.username,
      });
      const parties = await this.cases.insertParties(tx, row.id, dto.parties);
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
      await outbox.add(tx, caseEvent(rc, Events.land.caseFiled, row, dto.filedOn));
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

  async get(rc: RequestContext, caseId: string): Promise<CaseV1> {
    const scope = requirePermission(rc.identity, 'case:read');
    const row = await this.cases.find(this.cases.reader, caseId, false);
    assertFoundInScope(scope, row, caseOwner, domainError('CASE_NOT_FOUND'));
    return this.cases.view(this.cases.reader, row);
  }

  list(rc: RequestContext, q: CaseListQueryDto): Promise<PageV1<CaseSummaryV1>> {
    const scope = requirePermission(rc.identity, 'case:read');
    return this.cases.list(scope, q, q.limit ?? DEFAULT_PAGE_SIZE);
  }

  recordStep(rc: RequestContext, dto: InstructionStepDto): Promise<CaseV1> {
    return this.commands.run(rc, dto, { type: 'record-step' }, 'case:write', async (tx, row) => {
      assertNotFuture('date', dto.date);
      assertNotBeforeFiling('date', dto.date, row.filed_on);
      if (dto.partyId && !(await this.cases.partyOfCase(tx, row.id, dto.partyId))) {
        throw domainError('PARTY_UNKNOWN', { partyId: dto.partyId }, [
          { field: 'partyId', code: 'unknownParty' },
        ]);
      }
      await this.cases.insertStep(tx, row.id, dto, rc.identity.username);
      return { action: `case.step.${dto.kind}`, date: dto.date };
    });
  }

  /** Recorded by either side: the CoFo's secretary, or the clerk of the tribunal the case was sent to. */
  refer(rc: RequestContext, dto: ReferCaseDto): Promise<CaseV1> {
    return this.commands.run(rc, dto, { type: 'refer' }, 'case:refer', async (tx, row) => {
      assertNotFuture('referredOn', dto.referredOn);
      // The state machine let the referral through: a PV de non-conciliation is in force.
      const pv = await this.pvs.inForce(tx, row.id);
      if (pv) assertNotBeforePv('referredOn', dto.referredOn, pv.drawn_up_on);
      row.referral_court = dto.court;
      row.referral_on = dto.referredOn;
      row.referral_recorded_at = new Date();
      return { action: 'case.referred', date: dto.referredOn, event: Events.land.caseReferred };
    });
  }

  close(rc: RequestContext, dto: CloseCaseDto): Promise<CaseV1> {
    return this.commands.run(
      rc,
      dto,
      { type: 'close', reason: dto.reason },
      'case:write',
      async (_tx, row) => {
        row.closed_reason = dto.reason;
        return {
          action: `case.closed.${dto.reason}`,
          reason: dto.comment ?? null,
          date: today(),
          event: Events.land.caseClosed,
        };
      },
    );
  }
}
