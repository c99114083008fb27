#!/usr/bin/env bash
# Server-time benchmark of the competence coverage report (issue 21: under 1 s with a staff
# register of 45,000), side by side on the demo (`serve --demo`'s data) and the region
# (`demo-data --scale region`: 45,000 employees and their completions), over loopback.
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

prepare() { # name [demo-data arguments…]
  local db="$DIR/$1.sqlite" name=$1
  shift
  if [ ! -f "$db" ]; then
    echo "creating $name…" >&2
    DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" demo-data "$@" > "$DIR/$name.users"
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
    END { printf "%-58s median %7.1f ms   max %7.1f ms   (%d runs, %d not 200)\n", label, t[int((NR + 1) / 2)], t[NR], NR, bad }'
  rm -f "$out"
}

run() { # name port
  local db="$DIR/$1.sqlite" port=$2 base="http://127.0.0.1:$2"
  DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" serve --port "$port" > "$DIR/$1.server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
  local token; token=$(DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" api-token --username oekonomi | tail -1)
  echo "== $1: $(sqlite3 "$db" "select count(*) from staff_register") employees, $(sqlite3 "$db" "select count(*) from staff_completions") completions recorded, $(sqlite3 "$db" "select count(*) from spict_checklists") SPICT-DK checklists"
  for by in department hospital municipality profession; do
    measure "GET /api/v1/learning/coverage?by=$by&level=basal" "$base/api/v1/learning/coverage?by=$by&level=basal" "$token"
  done
  measure "GET /api/v1/learning/coverage?by=department&level=A" "$base/api/v1/learning/coverage?by=department&level=A" "$token"
  measure "GET /healthz (the floor)" "$base/healthz" "$token"
  kill "$pid"; wait "$pid" || true
}

prepare coverage-demo
prepare region-21 --scale region
run coverage-demo 18187
run region-21 18188
