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

prepare() { # name days per-day
  local db="$DIR/$1.sqlite"
  if [ ! -f "$db" ]; then
    echo "creating $1 ($2 days × ~$3 contacts)…" >&2
    DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" demo-data --contact-days "$2" --contacts-per-day "$3" > "$DIR/$1.users"
  fi
}

measure() { # label url token
  local out; out=$(mktemp)
  for _ in $(seq 1 "$RUNS"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $3" "$2" >> "$out"
  done
  local bad; bad=$(awk '$1 != 200' "$out" | wc -l)
  awk '{ printf "%.1f\n", $2 * 1000 }' "$out" | sort -n | awk -v label="$1" -v bad="$bad" '
    { t[NR] = $1 }
    END { printf "%-46s median %7.1f ms   max %7.1f ms   (%d runs, %d not 200)\n", label, t[int((NR + 1) / 2)], t[NR], NR, bad }'
  rm -f "$out"
}

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
  measure "statistics, one year ($yearAgo … $last)" "http://127.0.0.1:$port/api/v1/advisory/statistics?from=$yearAgo&to=$last" "$token"
  measure "statistics, everything ($first … $last)" "http://127.0.0.1:$port/api/v1/advisory/statistics?from=$first&to=$last" "$token"
  measure "GET /healthz (the floor)" "http://127.0.0.1:$port/healthz" "$token"
  kill "$pid"; wait "$pid" || true
}

prepare advisory-demo 365 18
prepare advisory-region 1826 548
run advisory-demo 18183
run advisory-region 18184
