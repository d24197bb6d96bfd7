import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, assertInScope, requirePermission } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  type ActivityDetailDto,
  type ActivityDto,
  type ActivityListQueryDto,
  type PageV1,
  type RecordActivityDto,
  type UpdateActivityDto,
  type UpdateRecommendationDto,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { inTransaction } from '@prosmed/persistence';
import { CcsSeats } from '../shared/ccs-seats';
import { auditActor, historyView, securityAudit } from '../shared/audit';
import { assertNotFuture, assertRange } from '../shared/dates';
import { PlaceRules } from '../shared/place-rules';
import { ccsOwner, type Tx } from '../shared/sql';
import { ActivityRepository, type ActivityFields } from './activity-repository';
import { activityEvent, activityView, type ActivityRow } from './activity-rows';
import { assertSubCounts } from './participant-rules';

const outbox = new OutboxWriter('security');
const notFound = () => domainError('ACTIVITY_NOT_FOUND');

/**
 * Activities of a CCS (DOMAIN.md section 2): recorded and corrected by its secretary, read within scope.
 * Every write: permission and scope first, then in one transaction the checks, the row, its audit row and
 * its event (counts and codes only).
 */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly activities: ActivityRepository,
    private readonly seats: CcsSeats,
    private readonly places: PlaceRules,
  ) {}

  async record(rc: RequestContext, dto: RecordActivityDto): Promise<ActivityDto> {
    // The CCS comes from the body but must be the secretary's own (token attribute).
    assertInScope(requirePermission(rc.identity, 'activity:write'), { ccs: dto.ccsCode });
    const endOn = dto.endOn ?? dto.startOn;
    assertNotFuture('startOn', dto.startOn);
    assertRange(dto.startOn, endOn);
    assertSubCounts(dto.participants);
    return inTransaction(this.dataSource, async (tx) => {
      await this.seats.forRecord(tx, dto.ccsCode, dto.startOn, { field: 'placeCode', code: dto.placeCode });
      const row = await this.activities.insert(
        tx,
        {
          ccs_code: dto.ccsCode,
          type: dto.type,
          type_label: dto.type === 'other' ? (dto.typeLabel ?? null) : null,
          start_on: dto.startOn,
          end_on: endOn,
          place_code: dto.placeCode,
          theme: dto.theme,
          forces: dto.forces,
          p_total: dto.participants.total,
          p_women: dto.participants.women,
          p_youth: dto.participants.youth,
          p_fds: dto.participants.fds,
          p_children: dto.participants.children ?? null,
          outcomes: dto.outcomes ?? null,
          recommendations: (dto.recommendations ?? []).map((text) => ({
            id: randomUUID(),
            text,
            state: 'pending',
            note: null,
            updatedAt: new Date().toISOString(),
          })),
        },
        rc.identity.username,
      );
      await this.audit(tx, rc, row, 'activity.recorded');
      await outbox.add(tx, activityEvent(rc, row, 'recorded'));
      return activityView(row);
    });
  }

  async update(rc: RequestContext, dto: UpdateActivityDto): Promise<ActivityDto> {
    const { activityId, version, ...c } = dto;
    if (Object.values(c).every((v) => v === undefined)) {
      throw domainError('VALIDATION_FAILED', undefined, [{ field: 'body', code: 'noChanges' }]);
    }
    return this.edit(rc, activityId, version, async (tx, row) => {
      const f: ActivityFields = { ...row };
      if (c.type !== undefined) f.type = c.type;
      if (c.typeLabel !== undefined || c.type !== undefined) f.type_label = c.typeLabel ?? row.type_label;
      if (f.type !== 'other') f.type_label = null;
      else if (!f.type_label) {
        throw domainError('VALIDATION_FAILED', undefined, [{ field: 'typeLabel', code: 'isDefined' }]);
      }
      if (c.startOn !== undefined) f.start_on = c.startOn;
      if (c.endOn !== undefined) f.end_on = c.endOn;
      assertNotFuture('startOn', f.start_on);
      assertRange(f.start_on, f.end_on);
      if (c.placeCode !== undefined) {
        this.places.assertInCcs('placeCode', c.placeCode, await this.seats.seat(tx, row.ccs_code));
        f.place_code = c.placeCode;
      }
      if (c.theme !== undefined) f.theme = c.theme;
      if (c.forces !== undefined) f.forces = c.forces;
      if (c.participants !== undefined) {
        assertSubCounts(c.participants);
        f.p_total = c.participants.total;
        f.p_women = c.participants.women;
        f.p_youth = c.participants.youth;
        f.p_fds = c.participants.fds;
        f.p_children = c.participants.children ?? null;
      }
      if (c.outcomes !== undefined) f.outcomes = c.outcomes;
      return { fields: f, action: 'activity.updated', change: 'updated' as const };
    });
  }

  recommendation(rc: RequestContext, dto: UpdateRecommendationDto): Promise<ActivityDto> {
    return this.edit(rc, dto.activityId, dto.version, (_tx, row) => {
      const target = row.recommendations.find((r) => r.id === dto.recommendationId);
      if (!target) {
        throw domainError('RECOMMENDATION_NOT_FOUND', undefined, [
          { field: 'recommendationId', code: 'unknownRecommendation' },
        ]);
      }
      const recommendations = row.recommendations.map((r) =>
        r.id === dto.recommendationId
          ? { ...r, state: dto.state, note: dto.note ?? r.note, updatedAt: new Date().toISOString() }
          : r,
      );
      return Promise.resolve({
        fields: { ...row, recommendations },
        action: `activity.recommendation.${dto.state}`,
        change: 'recommendation-updated' as const,
      });
    });
  }

  async get(rc: RequestContext, activityId: string): Promise<ActivityDetailDto> {
    const scope = requirePermission(rc.identity, 'activity:read');
    const row = await this.activities.find(this.activities.reader, activityId, false);
    assertFoundInScope(scope, row, ccsOwner, notFound());
    const history = await securityAudit.history(this.activities.reader, 'activity', row.id);
    return { ...activityView(row), history: historyView(history) };
  }

  list(rc: RequestContext, q: ActivityListQueryDto): Promise<PageV1<ActivityDto>> {
    const scope = requirePermission(rc.identity, 'activity:read');
    return this.activities.list(scope, q, q.limit ?? DEFAULT_PAGE_SIZE);
  }

  /** A change to an existing activity: locked, in scope, at the version read, audited, and its event. */
  private edit(
    rc: RequestContext,
    id: string,
    version: number,
    work: (
      tx: Tx,
      row: ActivityRow,
    ) => Promise<{ fields: ActivityFields; action: string; change: 'updated' | 'recommendation-updated' }>,
  ): Promise<ActivityDto> {
    const scope = requirePermission(rc.identity, 'activity:write');
    return inTransaction(this.dataSource, async (tx) => {
      const row = await this.activities.find(tx, id, true);
      // Scope before version: a conflict must not tell an outsider that the record exists.
      assertFoundInScope(scope, row, ccsOwner, notFound());
      if (row.version !== version)
        throw domainError('VERSION_CONFLICT', { expected: version, actual: row.version });
      const done = await work(tx, row);
      const saved = await this.activities.save(tx, row.id, done.fields);
      await this.audit(tx, rc, saved, done.action, row);
      await outbox.add(tx, activityEvent(rc, saved, done.change));
      return activityView(saved);
    });
  }

  private audit(
    tx: Tx,
    rc: RequestContext,
    row: ActivityRow,
    action: string,
    before?: ActivityRow,
  ): Promise<void> {
    return securityAudit.record(tx, {
      ...auditActor(rc),
      action,
      entityType: 'activity',
      entityId: row.id,
      before: before ? activityView(before) : undefined,
      after: activityView(row),
    });
  }
}
