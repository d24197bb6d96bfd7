#!/usr/bin/env bash
# Every test of the platform: static checks, unit tests, then integration and end-to-end tests against the
# real PostgreSQL, Kafka and Keycloak (started by the stack runner when not running, reused otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "lint (no warnings allowed)"
npx eslint . --max-warnings 0
step "format"
npx prettier --check . --log-level warn
step "types"
npx tsc -p tsconfig.json --noEmit

stack_was_up=1
npx tsx deploy/local/cli.ts status >/dev/null 2>&1 || stack_was_up=0
if [ "$stack_was_up" = 0 ]; then
  step "stack (not running: starting it)"
  npx tsx deploy/local/cli.ts up
  # On CI, leave the machine as it was found; locally keep the stack for the next run.
  if [ "${CI:-}" = "true" ]; then trap 'npx tsx deploy/local/cli.ts down || true' EXIT; fi
fi

mkdir -p .run
step "tests (unit, then integration against the real stack)"
set +e
npx jest --selectProjects unit integration --runInBand --json --outputFile=.run/jest-results.json
status=$?
set -e
node -e '
  const r = require("./.run/jest-results.json");
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
'
exit $status
