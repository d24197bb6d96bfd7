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

export const KNOWN_FINDINGS: KnownFinding[] = [];

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
  {
    id: 'F5-oversized-url-bare-431 (fixed: 431 HEADERS_TOO_LARGE with the error body)',
    trigger: 'a request line and headers over 16 kB (a very long URL)',
    matches: requestHeadTooLarge,
  },
  {
    id: 'F6-prototype-keys-ignored (fixed: 400)',
    trigger: 'a `__proto__`, `constructor` or `prototype` key as the only unknown fields',
    matches: onlyPrototypeKeysUnknown,
  },
  {
    id: 'F7-undeclared-out-of-scope-logged-as-error (fixed: declared)',
    trigger: 'a read of one CoFo or tribunal (the log scan catches an error logged again)',
    matches: (r) => r.route === 'GET /api/v1/cofos/{code}' || r.route === 'GET /api/v1/tribunals/{code}',
  },
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
