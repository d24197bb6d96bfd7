import { randomUUID } from 'node:crypto';
import {
  SecurityMessages,
  messageIds,
  type InfrastructureDetailDto,
  type InfrastructureDto,
  type PageV1,
  type TrainingDetailDto,
  type TrainingDto,
} from '@prosmed/contracts';
import { demoIdentity, runTag, startSecurity, type SecurityHarness } from './security-harness';

const S = messageIds(SecurityMessages);
let h: SecurityHarness;

beforeAll(async () => {
  h = await startSecurity();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const segou = () => demoIdentity('ccs.segou');
const nara = () => demoIdentity('ccs.nara');
const manager = () => demoIdentity('manager');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe('infrastructures and trainings of a CCS (real PostgreSQL and Kafka)', () => {
  it('records an infrastructure, then its handover, audited and published without its name', async () => {
    const name = `Commissariat de police de Nara ${runTag}`;
    const built = await h.call<InfrastructureDto>(
      S.infrastructureRecord,
      { ccsCode: 'CCS-NARA', name, type: 'police-station', works: 'built', placeCode: 'ML2-NAR-NAR-NAR' },
      nara(),
    );
    expect(built).toMatchObject({ handedOverOn: null, version: 1 });
    const handed = await h.call<InfrastructureDto>(
      S.infrastructureUpdate,
      {
        infrastructureId: built.id,
        version: 1,
        handedOverOn: daysAgo(3),
        receivingMinistry: 'Ministère de la sécurité et de la protection civile',
      },
      nara(),
    );
    expect(handed).toMatchObject({ handedOverOn: daysAgo(3), version: 2 });
    const detail = await h.call<InfrastructureDetailDto>(
      S.infrastructureGet,
      { infrastructureId: built.id },
      manager(),
    );
    expect(detail.history.map((e) => e.action)).toEqual([
      'infrastructure.recorded',
      'infrastructure.handed-over',
    ]);
    const events: { topic: string; payload: Record<string, unknown> }[] = await h.db.query(
      `SELECT "topic", "payload" FROM "security"."outbox" WHERE "key" = $1 ORDER BY "created_at"`,
      [built.id],
    );
    expect(events.map((e) => [e.topic, e.payload.change, e.payload.handedOverOn])).toEqual([
      ['security.infrastructure.recorded.v1', 'recorded', null],
      ['security.infrastructure.recorded.v1', 'updated', daysAgo(3)],
    ]);
    expect(JSON.stringify(events)).not.toContain(runTag);
    const handedOver: PageV1<InfrastructureDto> = await h.call(
      S.infrastructureList,
      { handedOver: true, ccsCode: 'CCS-NARA', from: daysAgo(3), limit: 100 },
      manager(),
    );
    expect(handedOver.items.map((i) => i.id)).toContain(built.id);
    expect((await h.fail(S.infrastructureGet, { infrastructureId: built.id }, segou())).code).toBe(
      'OUT_OF_SCOPE',
    );
    expect(
      (await h.fail(S.infrastructureUpdate, { infrastructureId: built.id, version: 2, name: 'x' }, segou()))
        .code,
    ).toBe('OUT_OF_SCOPE');
    expect(
      (await h.fail(S.infrastructureUpdate, { infrastructureId: built.id, version: 1, name: 'x' }, nara()))
        .code,
    ).toBe('VERSION_CONFLICT');
    expect(
      (
        await h.fail(
          S.infrastructureUpdate,
          { infrastructureId: randomUUID(), version: 1, name: 'x' },
          manager(),
        )
      ).code,
    ).toBe('FORBIDDEN_ROLE');
  });

  it('records a training by sex and body, with totals (the report’s 25 OPJ)', async () => {
    const t = await h.call<TrainingDto>(
      S.trainingRecord,
      {
        ccsCode: 'CCS-SEGOU',
        topic: 'opj',
        title: `Conduite des enquêtes ${runTag}`,
        startOn: daysAgo(20),
        endOn: daysAgo(7),
        placeCode: 'ML-SEG-SEG-SEG',
        trainees: [
          { body: 'police', women: 1, men: 14 },
          { body: 'gendarmerie', women: 0, men: 10 },
        ],
      },
      segou(),
    );
    expect(t.totals).toEqual({ women: 1, men: 24, total: 25 });
    const [event]: { payload: Record<string, unknown> }[] = await h.db.query(
      `SELECT "payload" FROM "security"."outbox" WHERE "key" = $1`,
      [t.id],
    );
    expect(event.payload).toMatchObject({ topic: 'opj', totals: { total: 25 }, ccsCode: 'CCS-SEGOU' });
    expect(JSON.stringify(event.payload)).not.toContain(runTag);
    const detail = await h.call<TrainingDetailDto>(S.trainingGet, { trainingId: t.id }, manager());
    expect(detail.history.map((e) => e.action)).toEqual(['training.recorded']);
    const opj: PageV1<TrainingDto> = await h.call(
      S.trainingList,
      { topic: 'opj', placeCode: 'ML2-SEG', from: daysAgo(30), limit: 100 },
      segou(),
    );
    expect(opj.items.map((x) => x.id)).toContain(t.id);
    expect((await h.fail(S.trainingGet, { trainingId: t.id }, nara())).code).toBe('OUT_OF_SCOPE');
    const twice = await h.fail(
      S.trainingRecord,
      {
        ccsCode: 'CCS-SEGOU',
        topic: 'opj',
        title: 'x',
        startOn: daysAgo(2),
        placeCode: 'ML-SEG-SEG-SEG',
        trainees: [
          { body: 'police', women: 1, men: 1 },
          { body: 'police', women: 0, men: 2 },
        ],
      },
      segou(),
    );
    expect(twice).toMatchObject({ code: 'TRAINEE_BODY_REPEATED', details: [{ field: 'trainees[1].body' }] });
  });
});
