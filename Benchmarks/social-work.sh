#!/usr/bin/env bash
# Server-time benchmark of social work's lists and reports (issue 20): the worklist, the team's
# caseload, a family's page and the capacity report over five years, measured side by side on the
# demo (`serve --demo`'s data: 40 families) and the region (`demo-data --scale region`: the demo
# plus five years of the team's families, 100,000 patients, 3 million audit entries), over loopback.
#
#   Benchmarks/social-work.sh [path/to/lindring]      (a release build: swift build -c release)
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
  for _ in $(seq 1 100); do curl -fs "$base/readyz" >/dev/null && break; sleep 0.2; done
  local worker lead token family
  worker="Cookie: $(login "$port" socialraadgiver "$(awk '$1 == "socialraadgiver" { print $2 }' "$DIR/$1.users")")"
  lead="Cookie: $(login "$port" familieraadgiver "$(awk '$1 == "familieraadgiver" { print $2 }' "$DIR/$1.users")")"
  token="Authorization: Bearer $(DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" api-token --username socialraadgiver | tail -1)"
  # The case with the most applications: the longest page.
  family=$(sqlite3 "$db" "select family_id from applications group by family_id order by count(*) desc limit 1")
  echo "== $1: $(sqlite3 "$db" "select count(*) from families") families, $(sqlite3 "$db" "select count(*) from applications") applications, $(sqlite3 "$db" "select count(*) from patients") patients, $(sqlite3 "$db" "select count(*) from audit_entries") audit entries"
  measure "GET /social-work (her worklist, the caseload)" "$base/social-work" "$worker"
  measure "GET /social-work?worklist=team" "$base/social-work?worklist=team" "$worker"
  measure "GET /api/v1/social-work/worklist" "$base/api/v1/social-work/worklist" "$token"
  measure "GET /api/v1/families (the caseload)" "$base/api/v1/families" "$token"
  measure "GET /social-work/families/{id} (most applications)" "$base/social-work/families/$family" "$worker"
  measure "GET /social-work/capacity (the last 12 months)" "$base/social-work/capacity" "$lead"
  measure "GET /social-work/capacity?from=2022-01-01&to=2026-12-31" "$base/social-work/capacity?from=2022-01-01&to=2026-12-31" "$lead"
  measure "GET /social-work/capacity.csv (five years)" "$base/social-work/capacity.csv?from=2022-01-01&to=2026-12-31" "$lead"
  measure "GET / (home page, the navigation's badge)" "$base/" "$worker"
  measure "GET /healthz (the floor)" "$base/healthz" "$worker"
  kill "$pid"; wait "$pid" || true
}

prepare social-work-demo
prepare region --scale region
run social-work-demo 18185
run region 18186
