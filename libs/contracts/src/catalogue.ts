import type { ErrorCode } from './error-catalogue';
import type { RequestService } from './topics';

/** The services that answer requests; each reads one request topic (`REQUEST_TOPICS`). */
export type ServiceName = RequestService;

/** A class with a no-argument constructor: the class-validator class of a request *is* its type. */
export type MessageClass<T = object> = new () => T;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a message is offered over HTTP by the gateway. The gateway builds the route, its validation and its
 * OpenAPI operation from this alone; only HTTP that truly differs (a file, an HTML page) has a named hook.
 */
export interface HttpBinding<Req, Res> {
  method: HttpMethod;
  /**
   * Path under `/api/v1` (or under `/api/public` for `permission: 'public'`), `:name` segments naming
   * fields of the request class (`cases/:caseId/steps`). For GET, the other fields come from the query
   * string; otherwise from the JSON body.
   */
  path: string;
  /** 200 unless given (201 for a creation). */
  status?: number;
  /** Swagger tag (the users' words). */
  tag: string;
  /** One line, in French, the users' language. */
  summary: string;
  description?: string;
  /**
   * A request that passes validation, path fields included: Swagger proposes it as it is ("Try it out"),
   * and a test sends it as a user allowed to call the route and checks it is never `VALIDATION_FAILED`.
   */
  example: NoInfer<Req>;
  /** `Location` header of a creation, relative to `/api/v1`. */
  location?: (result: NoInfer<Res>) => string;
  /**
   * The answer is not JSON: `file` (the reply is a `FileReply`, sent as bytes with its content type) or
   * `html-or-json` (a named gateway hook renders HTML when the client asks for it, JSON otherwise).
   */
  render?: 'file' | 'html-or-json';
  /**
   * The route takes a file: the raw request body (any content type, `curl --data-binary @photo.jpg`), at
   * most `maxBytes` (413 beyond; empty is refused), with `fileName` in the query string. The gateway
   * checks the permission first, then reads the body, sends it as base64 in `content` with the path and
   * query fields, and validates the whole with the request class (which extends `FileUploadDto`).
   * POST or PUT only; `maxBytes` at most `ATTACHMENT_MAX_BYTES`.
   */
  upload?: { maxBytes: number };
}

/** The reply of a message whose HTTP answer is a file (a printable PV). */
export interface FileReply {
  base64: string;
  filename: string;
  /** `application/pdf` when absent. */
  contentType?: string;
}

export interface MessageSpec<Req, Res> {
  service: ServiceName;
  /** `<aggregate>.<action>`, e.g. `case.file`. */
  name: string;
  version: number;
  /** Commands change state (the service records their idempotency key with the write); queries do not. */
  kind: 'command' | 'query';
  request: MessageClass<Req>;
  /** The response class, documented in OpenAPI; `null` when the answer is a file. */
  response: MessageClass<Res> | readonly [MessageClass<Res>] | null;
  /** Every domain error code the handler may answer (the generic ones are added by the gateway). */
  errors: readonly ErrorCode[];
  /** A permission of `@prosmed/auth` (`case:write`), or `public` for a route anyone may call. */
  permission: string;
  /**
   * Kafka key: commands key by the aggregate they change, so changes to one record are handled in order;
   * queries have none and spread over the partitions.
   */
  key?: (request: NoInfer<Req>) => string;
  http?: HttpBinding<Req, Res>;
}

export interface MessageDef<Req = object, Res = unknown> extends MessageSpec<Req, Res> {
  /** `<service>.<name>.v<version>`: the dispatch key in the `x-message` header and the metrics label. */
  readonly id: string;
}

/** Declares a message once: wire id, classes, errors, permission, key and HTTP route. */
export function defineMessage<Req extends object, Res>(spec: MessageSpec<Req, Res>): MessageDef<Req, Res> {
  return Object.freeze({ ...spec, id: `${spec.service}.${spec.name}.v${spec.version}` });
}

/** Path fields of a binding, in order: `cases/:caseId/pvs/:pvId` -> `['caseId', 'pvId']`. */
export function pathFieldsOf(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]);
}

/**
 * Any catalogue entry, whatever its classes: what the dispatcher, the gateway and the tests take. (`key`
 * and `location` take the request and reply as arguments, so a precise entry is not a `MessageDef<object>`.)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMessageDef = MessageDef<any, any>;
