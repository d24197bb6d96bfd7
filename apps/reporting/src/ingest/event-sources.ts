import { ACTIVITY_SOURCE_TYPE, Events } from '@prosmed/contracts';
import { isIsoDate, isPlaceCode } from '@prosmed/places';
import { COUNTRY } from '../shared/places';

/**
 * How the reporting service reads each event type it knows: the day the event is about, the place, and
 * (for records that other services change) the subject whose latest version alone counts. Indicators then
 * select and count these records by their definition (data, not code). A type not listed here is parked.
 */
export interface EventSource {
  /** Payload fields holding the day, first present wins (`YYYY-MM-DD` or an ISO timestamp). */
  dayFields: readonly string[];
  /** Payload field holding the place code; none: a national record (`ML`). */
  placeField?: string;
  /**
   * A record that later events of the same type replace (a CCS activity edited after it was recorded):
   * its id field and the field that orders its versions. Only the latest version counts.
   */
  subject?: { idField: string; versionField: string };
}

const land: EventSource = { dayFields: ['date'], placeField: 'placeCode' };
const ccs = (idField: string, dayFields: string[]): EventSource => ({
  dayFields,
  placeField: 'placeCode',
  subject: { idField, versionField: 'version' },
});
const national = (dayFields: string[]): EventSource => ({ dayFields });

export const EVENT_SOURCES: Readonly<Record<string, EventSource>> = {
  [Events.land.caseFiled]: land,
  [Events.land.pvRecorded]: land,
  [Events.land.homologationRequested]: land,
  [Events.land.homologationDecided]: land,
  [Events.land.caseReferred]: land,
  [Events.land.caseClosed]: land,
  [Events.security.activityRecorded]: ccs('activityId', ['startOn', 'occurredAt']),
  [Events.security.trainingRecorded]: ccs('trainingId', ['startOn', 'occurredAt']),
  [Events.security.infrastructureRecorded]: ccs('infrastructureId', ['handedOverOn', 'occurredAt']),
  // Each change of a grievance is its own record (received, referred, closed): indicators filter on `change`.
  [Events.security.grievanceUpdated]: { dayFields: ['date', 'occurredAt'], placeField: 'placeCode' },
  [Events.anticorruption.updateProposed]: national(['occurredAt']),
  [Events.anticorruption.updateReturned]: national(['occurredAt']),
  [Events.anticorruption.updateValidated]: national(['occurredAt']),
  [Events.anticorruption.sessionClosed]: national(['closedAt', 'periodTo']),
  [Events.anticorruption.actionLate]: national(['occurredAt']),
  [Events.anticorruption.reminderDue]: national(['occurredAt']),
  // The activities this service records itself go through the same path (see activities.service.ts).
  [ACTIVITY_SOURCE_TYPE]: {
    dayFields: ['startDate'],
    placeField: 'placeCode',
    subject: { idField: 'id', versionField: 'version' },
  },
};

/** The topics the consumer reads: every domain event topic of the catalogue (not the platform's probe). */
export function eventTopics(): string[] {
  const { platform: _probe, ...domains } = Events;
  return Object.values(domains).flatMap((d) => Object.values(d as Record<string, string>));
}

/** A record ready to be stored: what every indicator reads. */
export interface SourceRecordInput {
  messageId: string;
  eventType: string;
  day: string;
  placeCode: string;
  subject: string | null;
  subjectVersion: number | null;
  payload: Record<string, unknown>;
}

export type ParkReason = 'unknown-type' | 'unknown-version' | 'unreadable' | 'invalid-payload';
export type Classified =
  | { ok: true; record: SourceRecordInput }
  | { ok: false; reason: ParkReason; eventType: string | null; detail: string };

/** Reads a value at a dotted path (`parties.bySex.F`); undefined when any step is missing. */
export function at(payload: unknown, path: string): unknown {
  let v: unknown = payload;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key))
      return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

const DAY = /^(\d{4}-\d{2}-\d{2})(T.*)?$/;
const versionless = (t: string): string => t.replace(/\.v\d+$/, '');

/**
 * Decides what an incoming event is: a record to count, or a reason to park it. Never throws: a producer
 * ahead of this service (a new type, a v2) or a broken payload must not stop the consumer.
 */
export function classify(
  topic: string,
  headers: Record<string, string>,
  value: string | null,
  messageId: string,
): Classified {
  const eventType = headers['x-event-type'] || topic;
  const source = EVENT_SOURCES[eventType];
  if (!source || eventType !== topic) {
    const sameName = Object.keys(EVENT_SOURCES).some((t) => versionless(t) === versionless(eventType));
    return {
      ok: false,
      reason: sameName ? 'unknown-version' : 'unknown-type',
      eventType,
      detail: `${eventType} on ${topic}`,
    };
  }
  // PostgreSQL's jsonb cannot hold U+0000: such an event could never be stored, so it is parked here.
  if (value !== null && value.includes('\\u0000')) {
    return { ok: false, reason: 'unreadable', eventType, detail: 'NUL character' };
  }
  let payload: unknown;
  try {
    payload = value === null ? null : JSON.parse(value);
  } catch {
    return { ok: false, reason: 'unreadable', eventType, detail: 'not JSON' };
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return { ok: false, reason: 'unreadable', eventType, detail: 'not a JSON object' };
  }
  return toRecord(eventType, source, payload as Record<string, unknown>, messageId);
}

/** The record of a payload already known to be an object of a known type. */
export function toRecord(
  eventType: string,
  source: EventSource,
  payload: Record<string, unknown>,
  messageId: string,
): Classified {
  const rawDay = source.dayFields.map((f) => at(payload, f)).find((v) => typeof v === 'string');
  const day = typeof rawDay === 'string' ? DAY.exec(rawDay)?.[1] : undefined;
  if (!day || !isIsoDate(day)) {
    return {
      ok: false,
      reason: 'invalid-payload',
      eventType,
      detail: `no day in ${source.dayFields.join('/')}`,
    };
  }
  let placeCode = COUNTRY;
  if (source.placeField) {
    const p = at(payload, source.placeField);
    if (typeof p !== 'string' || !isPlaceCode(p)) {
      return { ok: false, reason: 'invalid-payload', eventType, detail: `bad place in ${source.placeField}` };
    }
    placeCode = p;
  }
  let subject: string | null = null;
  let subjectVersion: number | null = null;
  if (source.subject) {
    const id = at(payload, source.subject.idField);
    const version = at(payload, source.subject.versionField);
    if (
      typeof id !== 'string' ||
      typeof version !== 'number' ||
      !Number.isSafeInteger(version) ||
      version < 0
    ) {
      return {
        ok: false,
        reason: 'invalid-payload',
        eventType,
        detail: `no ${source.subject.idField}/version`,
      };
    }
    subject = id;
    subjectVersion = version;
  }
  return { ok: true, record: { messageId, eventType, day, placeCode, subject, subjectVersion, payload } };
}
