/**
 * Every Kafka topic of the platform, versioned. The stack runner creates exactly these topics
 * (auto-creation is off on the broker), so a topic that is not listed here does not exist.
 *
 * Naming: `<service>.<aggregate>.<action>.v<N>` for request-reply commands and queries (the reply goes to
 * the same name + `.reply`), `<service>.<aggregate>.<past-tense event>.v<N>` for events between services.
 */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** What travels on it, for the README and for humans reading `stack:status`. */
  readonly description: string;
}

/** Reply topics need at least as many partitions as gateway instances (each instance owns some). */
export const REPLY_PARTITIONS = 3;
export const REQUEST_PARTITIONS = 3;
export const EVENT_PARTITIONS = 3;

/** Request-reply patterns served by services and called by the gateway. */
export const Requests = {
  land: {
    cofoCreate: 'land.cofo.create.v1',
    cofoUpdate: 'land.cofo.update.v1',
    cofoList: 'land.cofo.list.v1',
    cofoGet: 'land.cofo.get.v1',
    tribunalCreate: 'land.tribunal.create.v1',
    tribunalUpdate: 'land.tribunal.update.v1',
    tribunalList: 'land.tribunal.list.v1',
    tribunalGet: 'land.tribunal.get.v1',
    caseFile: 'land.case.file.v1',
    caseList: 'land.case.list.v1',
    caseGet: 'land.case.get.v1',
    caseStep: 'land.case.step.v1',
    casePv: 'land.case.pv.v1',
    caseHomologationRequest: 'land.case.homologation-request.v1',
    caseHomologationDecide: 'land.case.homologation-decide.v1',
    caseRefer: 'land.case.refer.v1',
    caseClose: 'land.case.close.v1',
    homologationQueue: 'land.homologation.queue.v1',
    pvPdf: 'land.pv.pdf.v1',
    pvCheck: 'land.pv.check.v1',
    placeSearch: 'land.place.search.v1',
    placeGet: 'land.place.get.v1',
    placeImport: 'land.place.import.v1',
  },
  security: {
    activityRecord: 'security.activity.record.v1',
    activityList: 'security.activity.list.v1',
  },
  anticorruption: {
    actionList: 'anticorruption.action.list.v1',
    updatePropose: 'anticorruption.update.propose.v1',
  },
  reporting: {
    quarterlyGet: 'reporting.quarterly.get.v1',
  },
} as const;

/** Domain events published through each service's transactional outbox. */
export const Events = {
  land: {
    caseFiled: 'land.case.filed.v1',
    pvRecorded: 'land.pv.recorded.v1',
    homologationRequested: 'land.homologation.requested.v1',
    homologationDecided: 'land.homologation.decided.v1',
    caseReferred: 'land.case.referred.v1',
    caseClosed: 'land.case.closed.v1',
  },
  security: {
    activityRecorded: 'security.activity.recorded.v1',
    grievanceUpdated: 'security.grievance.updated.v1',
  },
  anticorruption: {
    updateValidated: 'anticorruption.update.validated.v1',
  },
  /** Used by the platform's own tests of the messaging layer; carries nothing of the domain. */
  platform: {
    probe: 'platform.probe.v1',
  },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type RequestTopic = Leaves<typeof Requests>;
export type EventTopic = Leaves<typeof Events>;

export const replyTopicOf = (request: string): string => `${request}.reply`;

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v as object)));
}

/** The full list the broker must have: every request topic, its reply topic, every event topic. */
export function allTopics(): TopicSpec[] {
  const requests = leaves(Requests).flatMap((name) => [
    { name, partitions: REQUEST_PARTITIONS, description: 'request' },
    { name: replyTopicOf(name), partitions: REPLY_PARTITIONS, description: `reply to ${name}` },
  ]);
  const events = leaves(Events).map((name) => ({ name, partitions: EVENT_PARTITIONS, description: 'event' }));
  return [...requests, ...events];
}
