#!/usr/bin/env bash
# Server-time benchmark of the competence coverage report (issue 21: under 1 s with a staff
# register of 45,000) and of the largest unit's competence matrix, side by side on the demo
# (`serve --demo`'s data) and the region (`demo-data --scale region`: 45,000 employees and
# their completions), over loopback.
#
#   Benchmarks/coverage.sh [path/to/lindring]      (a release build: swift build -c release)
#
# Databases are made once under ${BENCH_DIR:-/tmp/lindring-bench} and reused; the region's is
# named region-21 because it needs issue 21's migrations and data.
set -euo pipefail
BIN=${1:-.build/release/lindring}
DIR=${BENCH_DIR:-/tmp/lindring-bench}
RUNS=${RUNS:-15}
mkdir -p "$DIR"

# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

run() { # name port
  local db="$DIR/$1.sqlite" port=$2 base="http://127.0.0.1:$2"
  DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" serve --port "$port" > "$DIR/$1.server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
  local token; token=$(DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" api-token --username oekonomi | tail -1)
  echo "== $1: $(sqlite3 "$db" "select count(*) from staff_register") employees, $(sqlite3 "$db" "select count(*) from staff_completions") completions recorded, $(sqlite3 "$db" "select count(*) from spict_checklists") SPICT-DK checklists"
  for by in department hospital municipality profession; do
    measure "GET /api/v1/learning/coverage?by=$by&level=basal" "$base/api/v1/learning/coverage?by=$by&level=basal" "Authorization: Bearer $token"
  done
  measure "GET /api/v1/learning/coverage?by=department&level=A" "$base/api/v1/learning/coverage?by=department&level=A" "Authorization: Bearer $token"
  local educator; educator=$(DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" api-token --username underviser | tail -1)
  local unit; unit=$(sqlite3 "$db" "select unit_id from staff_register group by unit_id order by count(*) desc limit 1")
  echo "   largest unit: $(sqlite3 "$db" "select count(*) from staff_register where unit_id = '$unit'") employees"
  measure "GET /api/v1/learning/matrix (the largest unit)" "$base/api/v1/learning/matrix?unit=$unit" "Authorization: Bearer $educator"
  measure "GET /healthz (the floor)" "$base/healthz" "Authorization: Bearer $token"
  kill "$pid"; wait "$pid" || true
}

prepare coverage-demo
prepare region-21 --scale region
run coverage-demo 18187
run region-21 18188
