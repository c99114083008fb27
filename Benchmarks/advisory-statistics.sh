#!/usr/bin/env bash
# Server-time benchmark of the advisory line's statistics (issue 4: under 1 s over 1,000,000
# contacts), measured side by side on a demo-sized database (a year at ~18 contacts a day) and
# a region-sized one (five years at ~548 a day: 1,000,000 contacts), over loopback.
#
#   Benchmarks/advisory-statistics.sh [path/to/lindring]      (a release build: swift build -c release)
#
# Databases are made once under ${BENCH_DIR:-/tmp/lindring-bench} and reused.
set -euo pipefail
BIN=${1:-.build/release/lindring}
DIR=${BENCH_DIR:-/tmp/lindring-bench}
RUNS=${RUNS:-10}
mkdir -p "$DIR"

# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

run() { # name port
  local db="$DIR/$1.sqlite" port=$2
  DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" serve --port "$port" > "$DIR/$1.server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  local token; token=$(DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" api-token --username raadgiver | tail -1)
  local contacts; contacts=$(sqlite3 "$db" "select count(*) from contacts")
  local last; last=$(sqlite3 "$db" "select max(local_date) from contacts")
  local first; first=$(sqlite3 "$db" "select min(local_date) from contacts")
  local yearAgo; yearAgo=$(date -d "$last -364 days" +%F)
  echo "== $1: $contacts contacts, $first … $last"
  measure "statistics, one year ($yearAgo … $last)" "http://127.0.0.1:$port/api/v1/advisory/statistics?from=$yearAgo&to=$last" "Authorization: Bearer $token"
  measure "statistics, everything ($first … $last)" "http://127.0.0.1:$port/api/v1/advisory/statistics?from=$first&to=$last" "Authorization: Bearer $token"
  measure "GET /healthz (the floor)" "http://127.0.0.1:$port/healthz" "Authorization: Bearer $token"
  kill "$pid"; wait "$pid" || true
}

prepare advisory-demo --contact-days 365 --contacts-per-day 18
prepare advisory-region --contact-days 1826 --contacts-per-day 548
run advisory-demo 18183
run advisory-region 18184
