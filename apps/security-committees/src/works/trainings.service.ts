import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertFoundInScope, assertInScope, requirePermission } from '@prosmed/auth';
import {
  DEFAULT_PAGE_SIZE,
  domainError,
  Events,
  Headers,
  type PageV1,
  type RecordTrainingDto,
  type TraineesDto,
  type TrainingDetailDto,
  type TrainingDto,
  type TrainingEventV1,
  type TrainingListQueryDto,
  type TrainingTopic,
} from '@prosmed/contracts';
import { OutboxWriter, type RequestContext } from '@prosmed/messaging';
import { inTransaction, keyset, pageOf, type KeyColumn } from '@prosmed/persistence';
import { auditActor, historyView, securityAudit } from '../shared/audit';
import { CcsSeats } from '../shared/ccs-seats';
import { assertNotFuture, assertRange } from '../shared/dates';
import { PlaceRules } from '../shared/place-rules';
import { ccsOwner, ccsScopeSql, sqlParams, type Tx } from '../shared/sql';

const outbox = new OutboxWriter('security');

interface TrainingRow {
  id: string;
  ccs_code: string;
  topic: TrainingTopic;
  topic_label: string | null;
  title: string;
  start_on: string;
  end_on: string;
  place_code: string;
  trainees: TraineesDto[];
  women: number;
  men: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `t."id", t."ccs_code", t."topic", t."topic_label", t."title", t."start_on"::text AS "start_on",
  t."end_on"::text AS "end_on", t."place_code", t."trainees", t."women", t."men", t."version", t."created_at", t."updated_at"`;
const NEWEST_FIRST: KeyColumn[] = [
  { sql: 't."start_on"', type: 'date' },
  { sql: 't."id"', type: 'uuid' },
];

function view(r: TrainingRow): TrainingDto {
  return {
    id: r.id,
    ccsCode: r.ccs_code,
    topic: r.topic,
    topicLabel: r.topic_label,
    title: r.title,
    startOn: r.start_on,
    endOn: r.end_on,
    placeCode: r.place_code,
    trainees: r.trainees,
    totals: { women: r.women, men: r.men, total: r.women + r.men },
    version: r.version,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Each body once: two rows for the police would be counted twice by a report. */
export function assertBodiesOnce(trainees: readonly TraineesDto[]): void {
  const seen = new Set<string>();
  trainees.forEach((t, i) => {
    if (seen.has(t.body)) {
      throw domainError('TRAINEE_BODY_REPEATED', { body: t.body }, [
        { field: `trainees[${i}].body`, code: 'repeated' },
      ]);
    }
    seen.add(t.body);
  });
}

/** Trainings of FDS and justice staff (the report's 25 OPJ trained), by sex and by body. */
@Injectable()
export class TrainingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seats: CcsSeats,
    private readonly places: PlaceRules,
  ) {}

  async record(rc: RequestContext, dto: RecordTrainingDto): Promise<TrainingDto> {
    assertInScope(requirePermission(rc.identity, 'activity:write'), { ccs: dto.ccsCode });
    const endOn = dto.endOn ?? dto.startOn;
    assertNotFuture('startOn', dto.startOn);
    assertRange(dto.startOn, endOn);
    assertBodiesOnce(dto.trainees);
    const trainees = dto.trainees.map((t) => ({ body: t.body, women: t.women, men: t.men }));
    const women = trainees.reduce((n, t) => n + t.women, 0);
    const men = trainees.reduce((n, t) => n + t.men, 0);
    return inTransaction(this.dataSource, async (tx) => {
      await this.seats.forRecord(tx, dto.ccsCode, dto.startOn, { field: 'placeCode', code: dto.placeCode });
      const [row]: TrainingRow[] = await tx.query(
        `INSERT INTO "security"."training" AS t ("ccs_code", "topic", "topic_label", "title", "start_on", "end_on",
           "place_code", "trainees", "women", "men", "created_by")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11) RETURNING ${COLUMNS}`,
        [
          dto.ccsCode,
          dto.topic,
          dto.topic === 'other' ? (dto.topicLabel ?? null) : null,
          dto.title,
          dto.startOn,
          endOn,
          dto.placeCode,
          JSON.stringify(trainees),
          women,
          men,
          rc.identity.username,
        ],
      );
      const after = view(row);
      await securityAudit.record(tx, {
        ...auditActor(rc),
        action: 'training.recorded',
        entityType: 'training',
        entityId: row.id,
        after,
      });
      const payload: TrainingEventV1 = {
        trainingId: row.id,
        change: 'recorded',
        ccsCode: row.ccs_code,
        placeCode: row.place_code,
        version: row.version,
        occurredAt: new Date().toISOString(),
        topic: row.topic,
        startOn: row.start_on,
        endOn: row.end_on,
        trainees,
        totals: after.totals,
      };
      await outbox.add(tx, {
        topic: Events.security.trainingRecorded,
        key: row.id,
        payload,
        headers: { [Headers.requestId]: rc.requestId },
      });
      return after;
    });
  }

  async get(rc: RequestContext, id: string): Promise<TrainingDetailDto> {
    const scope = requirePermission(rc.identity, 'activity:read');
    const tx: Tx = this.dataSource.manager;
    const rows: TrainingRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM "security"."training" t WHERE t."id" = $1`,
      [id],
    );
    assertFoundInScope(scope, rows[0], ccsOwner, domainError('TRAINING_NOT_FOUND'));
    const history = historyView(await securityAudit.history(tx, 'training', id));
    return { ...view(rows[0]), history };
  }

  async list(rc: RequestContext, q: TrainingListQueryDto): Promise<PageV1<TrainingDto>> {
    const scope = requirePermission(rc.identity, 'activity:read');
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const { params, p } = sqlParams();
    const where: string[] = [];
    const scoped = ccsScopeSql(scope, 't."ccs_code"', p);
    if (scoped) where.push(scoped);
    if (q.ccsCode) where.push(`t."ccs_code" = ${p(q.ccsCode)}`);
    if (q.topic) where.push(`t."topic" = ${p(q.topic)}`);
    if (q.placeCode) where.push(this.places.withinSql('t."place_code"', q.placeCode, p));
    if (q.from) where.push(`t."end_on" >= ${p(q.from)}::date`);
    if (q.to) where.push(`t."start_on" <= ${p(q.to)}::date`);
    const page = keyset({ columns: NEWEST_FIRST, direction: 'DESC', limit, cursor: q.cursor }, p);
    if (page.where) where.push(page.where);
    const rows: TrainingRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "security"."training" t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${page.orderBy} ${page.limit}`,
      params,
    );
    return pageOf(rows, limit, (r) => [r.start_on, r.id], view);
  }
}
