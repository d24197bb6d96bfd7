import type { Violation, ViolationKind } from './oracle';
import {
  bodyLacks,
  hasAbsurdNumber,
  onlyPrototypeKeysUnknown,
  requestHasNul,
  requestHeadTooLarge,
  requestIsDeep,
  type SentRequest,
} from './triggers';

/**
 * Defects the fuzzer found that are still open, tolerated by the bounded run so that `npm test` stays
 * green while their owners fix them. Each is tolerated ONLY on the exact routes listed, for the exact kind
 * and code(s), and only when the request carries the trigger: the same route failing in another way still
 * fails the run. Remove an entry when its fix lands (the report prints how often each was met).
 * Reproductions and owners: FINDINGS.md.
 */
export interface KnownFinding {
  id: string;
  routes: string[];
  kind: ViolationKind;
  /** The violation's code: the answer's error code or status; for `invalid-accepted`, what was accepted. */
  codes: string[];
  trigger: string;
  matches: (r: SentRequest) => boolean;
  reason: string;
}

/** Every GET route: the fuzzer sends query strings (and so oversized URLs) to GETs only. */
const GET_ROUTES = [
  'GET /api/health',
  'GET /api/ready',
  'GET /metrics',
  'GET /api/public/pvs/check/{code}',
  'GET /api/v1/me',
  'GET /api/v1/cofos',
  'GET /api/v1/cofos/{code}',
  'GET /api/v1/tribunals',
  'GET /api/v1/tribunals/{code}',
  'GET /api/v1/cases',
  'GET /api/v1/cases/{caseId}',
  'GET /api/v1/homologations',
  'GET /api/v1/pvs/{pvId}.pdf',
  'GET /api/v1/places',
  'GET /api/v1/places/{code}',
];

/** Every route with a JSON body. */
const BODY_ROUTES = [
  'POST /api/v1/cases',
  'POST /api/v1/cases/{caseId}/steps',
  'POST /api/v1/cases/{caseId}/pvs',
  'POST /api/v1/cases/{caseId}/homologation-request',
  'POST /api/v1/cases/{caseId}/homologation-decision',
  'POST /api/v1/cases/{caseId}/referral',
  'POST /api/v1/cases/{caseId}/closure',
  'POST /api/v1/cofos',
  'PATCH /api/v1/cofos/{code}',
  'POST /api/v1/tribunals',
  'PATCH /api/v1/tribunals/{code}',
  'POST /api/v1/places/import',
];

export const KNOWN_FINDINGS: KnownFinding[] = [
  {
    id: 'F5-oversized-url-bare-431',
    routes: GET_ROUTES,
    kind: 'error-body',
    codes: ['431'],
    trigger: 'a request line and headers over 16 kB (a very long URL)',
    matches: requestHeadTooLarge,
    reason:
      "Node's HTTP parser answers 431 with an empty body before Express runs: the gateway does not handle the server's `clientError` to give the standard error body (gateway).",
  },
  {
    id: 'F6-prototype-keys-ignored',
    routes: BODY_ROUTES,
    kind: 'invalid-accepted',
    codes: ['unknown-field:__proto__', 'unknown-field:constructor', 'unknown-field:prototype'],
    trigger:
      'a body whose only unknown fields are `__proto__`, `constructor` or `prototype` keys (at any depth)',
    matches: onlyPrototypeKeysUnknown,
    reason:
      'The gateway refuses any other unknown field with 400 but lets these through (most likely dropped by class-transformer before the unknown-field check), so the request goes on to the service (gateway validation).',
  },
  {
    id: 'F7-undeclared-out-of-scope-logged-as-error',
    routes: ['GET /api/v1/cofos/{code}', 'GET /api/v1/tribunals/{code}'],
    kind: 'logged-error',
    codes: ['OUT_OF_SCOPE'],
    trigger: "a read of a CoFo or tribunal outside the caller's scope (a normal 403)",
    matches: () => true,
    reason:
      "The catalogue entries land.cofo.get.v1 and land.tribunal.get.v1 do not declare OUT_OF_SCOPE, which the land service answers: the gateway logs each such 403 at error level ('a service answered an error code its catalogue entry does not declare'), burying real errors (message catalogue).",
  },
];

/**
 * Findings fixed since the fuzzer first met them: not tolerated any more (a regression fails the run),
 * and counted in the report so that each run shows it still sends their triggers.
 */
export const FIXED_FINDINGS: { id: string; trigger: string; matches: (r: SentRequest) => boolean }[] = [
  { id: 'F1-nul-500 (fixed: 400 CONTROL_CHARACTER)', trigger: 'NUL in a text', matches: requestHasNul },
  {
    id: 'F2-deep-json-500 (fixed: 400 JSON_TOO_DEEP)',
    trigger: 'body deeper than 1,000 levels',
    matches: requestIsDeep,
  },
  {
    id: 'F3-case-without-land-500 (fixed: 400)',
    trigger: 'a filing without `land`',
    matches: (r) => r.route === 'POST /api/v1/cases' && bodyLacks(r, 'land'),
  },
  { id: 'F4-absurd-version (fixed: 400)', trigger: 'a number beyond 2^53', matches: hasAbsurdNumber },
];

/** The known finding that covers a violation of a request, if any. */
export function knownFindingFor(
  route: string,
  v: Violation,
  r: SentRequest,
  known: KnownFinding[] = KNOWN_FINDINGS,
): KnownFinding | undefined {
  return known.find(
    (k) => k.kind === v.kind && k.codes.includes(v.code) && k.routes.includes(route) && k.matches(r),
  );
}
