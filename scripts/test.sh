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

# Fault tests: broker, land service, gateway and PostgreSQL killed mid-load on a private broker and
# PostgreSQL (the shared stack is never touched); 2 to 3 minutes. Every acknowledged write exactly once.
step "fault tests (npm run test:faults)"
set +e
npx tsx test/faults/run.ts 2>&1 | tee .run/faults.log
faults_status=${PIPESTATUS[0]}
set -e
[ "$faults_status" = 0 ] || status=1

node -e '
  const r = require("./.run/jest-results.json");
  const log = require("fs").readFileSync(".run/faults.log", "utf8");
  const m = [...log.matchAll(/^(\d+) passed, (\d+) failed$/gm)].pop();
  const fp = m ? Number(m[1]) : 0;
  const ff = m ? Number(m[2]) : 1;
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\n${r.numPassedTests + fp} passed, ${r.numFailedTests + ff} failed` + (skipped ? `, ${skipped} skipped` : ""));
'
exit $status
