import { Events } from '@prosmed/contracts';
import { isDataError } from './event-consumer';
import { at, classify, eventTopics } from './event-sources';

const land = {
  caseId: 'c1',
  placeCode: 'ML-SEG-SEG-SEG',
  date: '2023-11-15',
  parties: { total: 2, bySex: { F: 1, M: 1, group: 0 } },
};
const json = (v: unknown) => JSON.stringify(v);

describe('classify: what an incoming event is', () => {
  it('reads a known event into a record: its day, place and payload', () => {
    const c = classify(Events.land.caseFiled, { 'x-event-type': Events.land.caseFiled }, json(land), 'm1');
    expect(c).toEqual({
      ok: true,
      record: {
        messageId: 'm1',
        eventType: 'land.case.filed.v1',
        day: '2023-11-15',
        placeCode: 'ML-SEG-SEG-SEG',
        subject: null,
        subjectVersion: null,
        payload: land,
      },
    });
  });

  it('parks a version it does not know, and a type it does not know', () => {
    expect(
      classify(Events.land.caseFiled, { 'x-event-type': 'land.case.filed.v2' }, json(land), 'm'),
    ).toMatchObject({
      ok: false,
      reason: 'unknown-version',
      eventType: 'land.case.filed.v2',
    });
    expect(
      classify(Events.land.caseFiled, { 'x-event-type': 'land.case.archived.v1' }, json(land), 'm'),
    ).toMatchObject({
      ok: false,
      reason: 'unknown-type',
    });
    expect(classify('land.case.archived.v1', {}, json(land), 'm')).toMatchObject({
      ok: false,
      reason: 'unknown-type',
    });
  });

  it('parks what it cannot read, never throws', () => {
    expect(classify(Events.land.caseFiled, {}, '{not json', 'm')).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    expect(classify(Events.land.caseFiled, {}, null, 'm')).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(classify(Events.land.caseFiled, {}, '[1,2]', 'm')).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    expect(classify(Events.land.caseFiled, {}, json({ ...land, date: 'hier' }), 'm')).toMatchObject({
      ok: false,
      reason: 'invalid-payload',
    });
    expect(classify(Events.land.caseFiled, {}, json({ ...land, date: '2023-02-30' }), 'm')).toMatchObject({
      ok: false,
      reason: 'invalid-payload',
    });
    expect(classify(Events.land.caseFiled, {}, json({ ...land, caseId: 'a\u0000b' }), 'm')).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
    expect(classify(Events.land.caseFiled, {}, json({ ...land, placeCode: 'Ségou' }), 'm')).toMatchObject({
      ok: false,
      reason: 'invalid-payload',
    });
  });

  it('keys records that later versions replace, and takes the day of a timestamp', () => {
    const ccs = {
      activityId: 'a1',
      version: 3,
      placeCode: 'ML-SEG-SEG',
      startOn: '2023-11-20',
      participants: { total: 5 },
    };
    expect(classify(Events.security.activityRecorded, {}, json(ccs), 'm')).toMatchObject({
      ok: true,
      record: { subject: 'a1', subjectVersion: 3, day: '2023-11-20' },
    });
    const snlcc = { updateId: 'u', occurredAt: '2023-12-01T10:00:00.000Z' };
    expect(classify(Events.anticorruption.updateValidated, {}, json(snlcc), 'm')).toMatchObject({
      ok: true,
      record: { placeCode: 'ML', day: '2023-12-01' },
    });
  });

  it('subscribes to every domain event topic and reads dotted paths', () => {
    expect(eventTopics()).toEqual(expect.arrayContaining(Object.values(Events.land)));
    expect(eventTopics()).not.toContain(Events.platform.probe);
    expect(at(land, 'parties.bySex.F')).toBe(1);
    expect(at(land, 'parties.nothing.F')).toBeUndefined();
    expect(at(land, 'constructor')).toBeUndefined();
  });
});

describe('isDataError: what the consumer parks instead of retrying', () => {
  it('parks what PostgreSQL refuses as data (SQLSTATE 22), retries everything else', () => {
    expect(isDataError({ code: '22003' })).toBe(true);
    expect(isDataError({ driverError: { code: '22P02' } })).toBe(true);
    expect(isDataError({ code: '57P01' })).toBe(false);
    expect(isDataError(new Error('connect ECONNREFUSED'))).toBe(false);
  });
});
