#!/usr/bin/env bash
# Server-time benchmark of the working group's indicators (issue 23): the API's rows for a year by
# hospital, municipality and diagnosis group, the page, and the drill-down, side by side on the
# demo (`serve --demo`'s data) and the region (`demo-data --scale region`: 100,000 patients, 20,000
# plans with their referrals, a million advisory contacts), over loopback.
#
#   Benchmarks/indicators.sh [path/to/lindring]      (a release build: swift build -c release)
#
# Databases are made once under ${BENCH_DIR:-/tmp/lindring-bench} and reused.
set -euo pipefail
BIN=${1:-.build/release/lindring}
DIR=${BENCH_DIR:-/tmp/lindring-bench}
RUNS=${RUNS:-15}
mkdir -p "$DIR"
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)"; exit 1; }

# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

run() { # name port
  local db="$DIR/$1.sqlite" port=$2 base="http://127.0.0.1:$2"
  DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" serve --port "$port" > "$DIR/$1.server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 150); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
  local token nurse year
  token="Authorization: Bearer $(DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" api-token --username oekonomi | tail -1)"
  nurse="Cookie: $(login "$port" klinik "$(awk '$1 == "klinik" { print $2 }' "$DIR/$1.users")")"
  year="from=$(date -d '1 year ago' +%F)&to=$(date -d 'yesterday' +%F)"
  echo "== $1: $(sqlite3 "$db" "select count(*) from referrals") referrals, $(sqlite3 "$db" "select count(*) from plans") plans, $(sqlite3 "$db" "select count(*) from contacts") advisory contacts, $(sqlite3 "$db" "select count(*) from inbox_items") inbox items"
  measure "GET /api/v1/indicators?…&by=hospital (a year)" "$base/api/v1/indicators?$year&by=hospital" "$token"
  measure "GET /api/v1/indicators?…&by=municipality (a year)" "$base/api/v1/indicators?$year&by=municipality" "$token"
  measure "GET /api/v1/indicators?…&by=diagnosisGroup (a year)" "$base/api/v1/indicators?$year&by=diagnosisGroup" "$token"
  measure "GET /indicators (the page, by municipality)" "$base/indicators?$year&by=municipality&group=101" "$nurse"
  measure "GET /indicators/referralsReached/patients (drill-down)" "$base/indicators/referralsReached/patients?$year&by=hospital&group=RH" "$nurse"
  measure "GET /healthz (the floor)" "$base/healthz" "$token"
  kill "$pid"; wait "$pid" || true
}

prepare indicators-demo
prepare region-23 --scale region
run indicators-demo 18189
run region-23 18190
