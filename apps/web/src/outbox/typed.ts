// `submit` checked against the contract: the path template must be a route of docs/openapi.json with this
// method, its `{params}` and its JSON body must be the ones documented. A contract change fails tsc here.
import type { paths } from '../api/schema';
import { submit, type SubmitResult, type WriteMethod } from './outbox';
import { fillPath } from './path';

type Method = 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The routes that have this method. */
export type PathWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

type BodyOf<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : undefined;
type ParamsOf<O> = O extends { parameters: { path: infer Q } } ? (Q extends undefined ? never : Q) : never;

/**
 * A write through the outbox, typed by the contract:
 * `submitTo('post', '/api/v1/cases', { body, label, kind })`,
 * `submitTo('post', '/api/v1/cases/{caseId}/steps', { params: { caseId }, body, label, kind })`.
 */
export function submitTo<M extends Method, P extends PathWith<M>>(
  method: M,
  path: P,
  opts: {
    params?: ParamsOf<Op<P, M>>;
    body: BodyOf<Op<P, M>>;
    label: string;
    kind: string;
  },
): Promise<SubmitResult> {
  return submit({
    method: method.toUpperCase() as WriteMethod,
    path: fillPath(path, (opts.params ?? {}) as Record<string, string | number>),
    body: opts.body,
    label: opts.label,
    kind: opts.kind,
  });
}
