/**
 * How the authorisation matrix (authz-matrix.e2e-spec.ts) calls one route of the OpenAPI document, keyed
 * `METHOD /path/{param}`. Write routes get an empty body: a caller the table allows gets 400
 * VALIDATION_FAILED from the gateway's own validation (nothing is created), one it denies gets 403
 * FORBIDDEN_ROLE before validation. Each service keeps its rows in its own file of this folder.
 */
export type RouteRows = Record<string, { params?: Record<string, string>; query?: string; body?: unknown }>;

/** A well-formed id of nothing: allowed readers get 404 (or 403 OUT_OF_SCOPE when scoped). */
export const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
