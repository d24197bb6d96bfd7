/**
 * Every Kafka topic of the platform that the stack creates, versioned. The stack runner and each service
 * create exactly these (auto-creation is off on the broker), so a topic that is not listed here does not
 * exist, except the reply topics that each caller instance creates for itself at start
 * (`replyTopicFor`), deletes at a clean stop, and that a later start removes when their owner is gone.
 *
 * Naming: `<service>.requests.v<N>` is the one request topic of a service: every request-reply message
 * of that service travels on it, its id (`land.case.file.v1`) in the `x-message` header.
 * `<service>.<aggregate>.<past-tense event>.v<N>` for events between services.
 * `gateway.replies.<instance>` is the reply topic of one caller instance.
 * Partition counts follow the rule in docs/ARCHITECTURE.md (Messaging).
 */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** What travels on it, for the README and for humans reading `stack:status`. */
  readonly description: string;
  /** Topic-level configuration set at creation and enforced on an existing topic; none = broker defaults. */
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * Up to 3 replicas of a service, each handling up to 4 partitions at once (each partition in order):
 * 3 x 4. A single replica then consumes all 12 concurrently, bounded by its PostgreSQL pool.
 */
export const REQUEST_PARTITIONS = 12;
/** A reply topic is read by one instance only, and replies need no order between calls. */
export const REPLY_PARTITIONS = 1;
export const EVENT_PARTITIONS = 3;

/**
 * Requests and replies carry personal data (party names): kept 1 hour at most. Kafka deletes whole
 * segments only, and checks every 5 minutes (`log.retention.check.interval.ms`), so a record lives up to
 * retention + segment age + check interval: 45 + 10 + 5 = 60 minutes.
 */
export const PERSONAL_DATA_TOPIC_CONFIG: Readonly<Record<string, string>> = Object.freeze({
  'retention.ms': String(45 * 60_000),
  'segment.ms': String(10 * 60_000),
});

/**
 * The largest record a request or reply topic takes: an attachment of 5 MiB (`ATTACHMENT_MAX_BYTES`)
 * travels as about 7 MB of base64 JSON, in a request (upload) or a reply (download). Event topics keep
 * the broker's default (1 MiB): events carry ids and counts, never files.
 */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Request and reply topics: the personal-data retention, and room for an attachment. */
export const REQUEST_REPLY_TOPIC_CONFIG: Readonly<Record<string, string>> = Object.freeze({
  ...PERSONAL_DATA_TOPIC_CONFIG,
  'max.message.bytes': String(MAX_MESSAGE_BYTES),
});

/**
 * Events carry no personal data (ids, codes, counts, dates: each service's tests read its topics to check
 * it) and are the reporting service's source of truth: `npm run reporting:rebuild` replays them from the
 * beginning and compares with each service. They are kept for good, not the broker's 7 days.
 */
export const EVENT_TOPIC_CONFIG: Readonly<Record<string, string>> = Object.freeze({ 'retention.ms': '-1' });

/** The services that answer request-reply messages, each with its one request topic. */
export const REQUEST_TOPICS = {
  land: 'land.requests.v1',
  security: 'security.requests.v1',
  anticorruption: 'anticorruption.requests.v1',
  reporting: 'reporting.requests.v1',
} as const;

export type RequestService = keyof typeof REQUEST_TOPICS;

export function isRequestService(s: string): s is RequestService {
  return Object.prototype.hasOwnProperty.call(REQUEST_TOPICS, s);
}

/** The request topic of a service; throws for a service that has none (a typo must not create a topic). */
export function requestTopicOf(service: string): string {
  if (!isRequestService(service)) throw new Error(`no request topic for service "${service}"`);
  return REQUEST_TOPICS[service];
}

/** Reply topics of caller instances share this prefix; anything else under it is an orphan candidate. */
export const REPLY_TOPIC_PREFIX = 'gateway.replies.';

/** The reply topic of one caller instance (`instance`: letters, digits, `-`, `.`, `_` only). */
export function replyTopicFor(instance: string): string {
  if (!/^[A-Za-z0-9._-]{1,200}$/.test(instance)) throw new Error(`bad reply instance id "${instance}"`);
  return `${REPLY_TOPIC_PREFIX}${instance}`;
}

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
    infrastructureRecorded: 'security.infrastructure.recorded.v1',
    trainingRecorded: 'security.training.recorded.v1',
  },
  anticorruption: {
    updateProposed: 'anticorruption.update.proposed.v1',
    updateReturned: 'anticorruption.update.returned.v1',
    updateValidated: 'anticorruption.update.validated.v1',
    sessionClosed: 'anticorruption.session.closed.v1',
    actionLate: 'anticorruption.action.late.v1',
    reminderDue: 'anticorruption.reminder.due.v1',
  },
  /** Used by the platform's own tests of the messaging layer; carries nothing of the domain. */
  platform: {
    probe: 'platform.probe.v1',
  },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type EventTopic = Leaves<typeof Events>;

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v as object)));
}

/** The service that answers a message id: its first segment (`land.case.file.v1` -> `land`). */
export function serviceOfMessage(id: string): RequestService {
  const service = id.slice(0, id.indexOf('.'));
  if (!isRequestService(service)) throw new Error(`message ${id} names no known service`);
  return service;
}

/** The topics the stack creates: one request topic per service and every event topic. */
export function allTopics(): TopicSpec[] {
  const requests = Object.entries(REQUEST_TOPICS).map(([service, name]) => ({
    name,
    partitions: REQUEST_PARTITIONS,
    description: `requests to ${service}`,
    config: REQUEST_REPLY_TOPIC_CONFIG,
  }));
  const events = leaves(Events).map((name) => ({
    name,
    partitions: EVENT_PARTITIONS,
    description: 'event',
    config: EVENT_TOPIC_CONFIG,
  }));
  return [...requests, ...events];
}
