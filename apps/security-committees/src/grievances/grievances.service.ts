import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, assertInScope, requirePermission, scopeOf } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  type CloseGrievanceDto,
  type ComplainantDto,
  type GrievanceDetailDto,
  type GrievanceDto,
  type GrievanceFollowUpDto,
  type GrievanceListQueryDto,
  type GrievanceState,
  type Identity,
  type PageV1,
  type RecordGrievanceDto,
  type ReferGrievanceDto,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { AggregateCommands, inTransaction, pageOf } from '@prosmed/persistence';
import { auditActor, historyView, securityAudit } from '../shared/audit';
import { CcsSeats } from '../shared/ccs-seats';
import { assertNotFuture, daysBetween } from '../shared/dates';
import { SECURITY_SETTINGS, type SecuritySettings } from '../shared/settings';
import { ccsOwner } from '../shared/sql';
import { GrievanceRepository } from './grievance-repository';
import { grievanceEvent, grievanceView, type GrievanceRow } from './grievance-rows';
import { nextGrievanceState, type GrievanceAction } from './grievance-state-machine';
import { IdentityCipher } from './identity-cipher';

const outbox = new OutboxWriter('security');
const notFound = () => domainError('GRIEVANCE_NOT_FOUND');

/** A complainant with at least one part, trimmed parts only; `null` for none. */
function complainantOf(c: ComplainantDto | null | undefined): ComplainantDto | null {
  if (c === null || c === undefined) return null;
  const who = { name: c.name ?? null, phone: c.phone ?? null, note: c.note ?? null };
  if (!who.name && !who.phone && !who.note) {
    throw domainError('COMPLAINANT_EMPTY', undefined, [{ field: 'complainant', code: 'empty' }]);
  }
  return who;
}

/**
 * Community security grievances. The complainant's identity is encrypted before it reaches SQL, and
 * decrypted only in `get` for the secretary of the grievance's CCS. Replies to commands never carry it:
 * the command log keeps each reply 48 h in clear, so the identity must not be in one.
 */
@Injectable()
export class GrievancesService {
  private readonly cipher: IdentityCipher;
  private readonly commands: AggregateCommands<GrievanceRow, GrievanceState, GrievanceAction>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SECURITY_SETTINGS) private readonly settings: SecuritySettings,
    private readonly grievances: GrievanceRepository,
    private readonly seats: CcsSeats,
  ) {
    this.cipher = new IdentityCipher(settings.identityKeys);
    this.commands = new AggregateCommands<GrievanceRow, GrievanceState, GrievanceAction>({
      dataSource,
      entityType: 'grievance',
      audit: securityAudit,
      outbox,
      lock: (tx, id) => grievances.find(tx, id, true),
      transition: nextGrievanceState,
      save: (tx, row, to) => grievances.save(tx, row, to),
    });
  }

  async record(rc: RequestContext, dto: RecordGrievanceDto): Promise<GrievanceDto> {
    assertInScope(requirePermission(rc.identity, 'grievance:write'), { ccs: dto.ccsCode });
    assertNotFuture('receivedOn', dto.receivedOn);
    const who = complainantOf(dto.complainant);
    const id = randomUUID();
    return inTransaction(this.dataSource, async (tx) => {
      await this.seats.forRecord(tx, dto.ccsCode, dto.receivedOn, {
        field: 'placeCode',
        code: dto.placeCode,
      });
      const row = await this.grievances.insert(tx, {
        id,
        ccsCode: dto.ccsCode,
        receivedOn: dto.receivedOn,
        channel: dto.channel,
        category: dto.category,
        placeCode: dto.placeCode,
        summary: dto.summary,
        complainant: who ? this.cipher.encrypt(who, `grievance:${id}`) : null,
        createdBy: rc.identity.username,
      });
      // The fact that an identity was recorded, never its value.
      await securityAudit.record(tx, {
        ...auditActor(rc),
        action: 'grievance.received',
        entityType: 'grievance',
        entityId: id,
        toState: 'received',
        after: {
          category: dto.category,
          channel: dto.channel,
          placeCode: dto.placeCode,
          receivedOn: dto.receivedOn,
          identityRecorded: who !== null,
        },
      });
      await outbox.add(tx, grievanceEvent(rc, row, 'received', dto.receivedOn));
      return this.view(row);
    });
  }

  refer(rc: RequestContext, dto: ReferGrievanceDto): Promise<GrievanceDto> {
    return this.run(rc, dto, 'refer', (row) => {
      this.assertDate('referredOn', dto.referredOn, row);
      row.referral_service = dto.service;
      row.referred_on = dto.referredOn;
      if (dto.note) row.notes = [...row.notes, { date: dto.referredOn, kind: 'referral', note: dto.note }];
      return { action: 'grievance.referred', reason: dto.service, date: dto.referredOn, change: 'referred' };
    });
  }

  followUp(rc: RequestContext, dto: GrievanceFollowUpDto): Promise<GrievanceDto> {
    return this.run(rc, dto, 'follow-up', (row) => {
      this.assertDate('date', dto.date, row);
      row.notes = [...row.notes, { date: dto.date, kind: 'follow-up', note: dto.note }];
      return { action: 'grievance.follow-up', reason: null, date: dto.date, change: 'follow-up' };
    });
  }

  close(rc: RequestContext, dto: CloseGrievanceDto): Promise<GrievanceDto> {
    return this.run(rc, dto, 'close', (row) => {
      this.assertDate('closedOn', dto.closedOn, row);
      row.outcome = dto.outcome;
      row.closed_on = dto.closedOn;
      if (dto.note) row.notes = [...row.notes, { date: dto.closedOn, kind: 'closure', note: dto.note }];
      return { action: 'grievance.closed', reason: dto.outcome, date: dto.closedOn, change: 'closed' };
    });
  }

  async get(rc: RequestContext, grievanceId: string): Promise<GrievanceDetailDto> {
    const scope = requirePermission(rc.identity, 'grievance:read');
    const tx = this.grievances.reader;
    const row = await this.grievances.find(tx, grievanceId, false);
    assertFoundInScope(scope, row, ccsOwner, notFound());
    const history = historyView(await securityAudit.history(tx, 'grievance', row.id));
    const detail: GrievanceDetailDto = { ...this.view(row), history };
    if (this.isSecretaryOf(rc.identity, row.ccs_code)) {
      const stored = await this.grievances.complainantOf(tx, row.id);
      detail.complainant =
        stored === null ? null : this.cipher.decrypt<ComplainantDto>(stored, `grievance:${row.id}`);
    }
    return detail;
  }

  async list(rc: RequestContext, q: GrievanceListQueryDto): Promise<PageV1<GrievanceDto>> {
    const scope = requirePermission(rc.identity, 'grievance:read');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const overdueBefore = new Date(Date.now() - this.settings.grievanceOverdueDays * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const rows = await this.grievances.list(scope, q, limit, overdueBefore);
    return pageOf(
      rows,
      limit,
      (r) => [r.received_on, r.id],
      (r) => this.view(r),
    );
  }

  /** The secretary of this CCS: the one reader of a complainant's identity (her write scope, not a role). */
  private isSecretaryOf(identity: Identity, ccsCode: string): boolean {
    const write = scopeOf(identity, 'grievance:write');
    return !write.all && write.ccs.includes(ccsCode);
  }

  private view(row: GrievanceRow): GrievanceDto {
    return grievanceView(row, this.settings.grievanceOverdueDays);
  }

  private assertDate(field: string, date: string, row: GrievanceRow): void {
    assertNotFuture(field, date);
    if (daysBetween(row.received_on, date) < 0) {
      throw domainError('GRIEVANCE_DATE_BEFORE_RECEIPT', { field, date, receivedOn: row.received_on }, [
        { field, code: 'beforeReceipt' },
      ]);
    }
  }

  /** A transition through the one table: lock, scope, version, state machine, work, save, audit, event. */
  private run(
    rc: RequestContext,
    target: { grievanceId: string; version: number },
    action: GrievanceAction,
    work: (row: GrievanceRow) => {
      action: string;
      reason: string | null;
      date: string;
      change: 'referred' | 'follow-up' | 'closed';
    },
  ): Promise<GrievanceDto> {
    const scope = requirePermission(rc.identity, 'grievance:write');
    return this.commands.run({
      id: target.grievanceId,
      version: target.version,
      action,
      actor: auditActor(rc),
      authorize: (row) => assertFoundInScope(scope, row, ccsOwner, notFound()),
      work: (_tx, row) => {
        const done = work(row);
        return Promise.resolve({
          action: done.action,
          reason: done.reason,
          events: (after: GrievanceRow) => [grievanceEvent(rc, after, done.change, done.date)],
        });
      },
      result: (_tx, after) => Promise.resolve(this.view(after)),
    });
  }
}
