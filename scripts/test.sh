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
# The web app: API types generated from docs/openapi.json, tsc -p apps/web, vite build (the browser tests need dist).
step "web app (npm run web:build)"
npm run -s web:build
export PROSMED_WEB_BUILT=1
if ! command -v "${CHROMIUM_PATH:-chromium}" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    step "Chromium for the browser tests (Debian's, not found: installing it)"
    apt-get update && apt-get install -y chromium
  else
    echo "No Chromium for the browser tests: run 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi

stack_was_up=1
npx tsx deploy/local/cli.ts status >/dev/null 2>&1 || stack_was_up=0
if [ "$stack_was_up" = 0 ]; then
  if [ "${CI:-}" = "true" ]; then
    # CI starts from nothing, as a fresh clone should: a new Kafka (its own state folder) and a new
    # platform database, both removed at the end, so no earlier run's data can change a count. Keycloak
    # keeps its database (the realm file is synced into it on every start). Locally the stack and its data
    # are kept between runs, and the tests must pass on a database that earlier runs have filled.
    ci_state=$(mktemp -d -t prosmed-ci-state.XXXXXX)
    export PROSMED_STATE="$ci_state" PROSMED_DB="prosmed_ci_$$"
    cleanup() {
      node -e '
        const { Client } = require("pg");
        const c = new Client({ host: process.env.PGHOST || "127.0.0.1", port: Number(process.env.PGPORT || 5432),
          user: process.env.PGUSER || "postgres", password: process.env.PGPASSWORD || "", database: "postgres" });
        c.connect().then(() => c.query(`DROP DATABASE IF EXISTS "${process.env.PROSMED_DB}" WITH (FORCE)`))
          .catch((e) => console.error(`could not drop ${process.env.PROSMED_DB}: ${e.message}`)).finally(() => c.end());
      ' || true
      npx tsx deploy/local/cli.ts down || true
      rm -rf "$ci_state"
    }
    trap cleanup EXIT
  fi
  step "stack (not running: starting it)"
  npx tsx deploy/local/cli.ts up
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
