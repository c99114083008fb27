#!/usr/bin/env bash
# Server-time benchmark of the budget (issue 22): the initiatives, an allocation and its year's
# follow-up, whose activity figures are counted from the other modules' records, side by side on
# the demo (`serve --demo`'s data: a year of advisory contacts, 40 families) and the region
# (`demo-data --scale region`: a million advisory contacts, 20,000 completions, 390 families), over
# loopback. The region's database is issue 21's (`coverage.sh` makes it) copied, when there is one.
#
#   Benchmarks/budget.sh [path/to/lindring]      (a release build: swift build -c release)
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
  local token finance allocation
  token="Authorization: Bearer $(DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" api-token --username oekonomi | tail -1)"
  finance="Cookie: $(login "$port" oekonomi "$(awk '$1 == "oekonomi" { print $2 }' "$DIR/$1.users")")"
  allocation=$(sqlite3 "$db" "select id from budget_allocations order by created_at limit 1")
  if [ -z "$allocation" ]; then
    # A database made before the budget: the palliation package with two years of monthly actuals.
    allocation=$(curl -s -H "$token" -H "Content-Type: application/json" "$base/api/v1/budget/allocations" -d '{"name": "Palliationspakken 2025",
      "organisation": "Region Hovedstaden", "decidedOn": "2024-09-19", "parts": [
      {"code": "24-7", "name": "Rådgivning", "activity": "advisoryLine", "budgets": {"2025": {"salaries": "1600000"}, "2026": {"salaries": "1500000"}}},
      {"code": "PABU", "name": "Socialrådgivning", "activity": "paediatricSocialWork", "budgets": {"2025": {"salaries": "800000"}, "2026": {"salaries": "800000"}}},
      {"code": "UDD", "name": "Uddannelse", "activity": "training", "budgets": {"2025": {"otherOperations": "200000"}, "2026": {"otherOperations": "200000"}}}]}' \
      | sed 's/.*"id":"\([^"]*\)".*/\1/')
    { echo "month,part,costType,amount"; for y in 2025 2026; do for m in 01 02 03 04 05 06 07 08 09 10 11; do
      echo "$y-$m,24-7,salaries,130000.50"; echo "$y-$m,PABU,salaries,66000"; echo "$y-$m,UDD,otherOperations,15000"; done; done; } \
      | curl -s -o /dev/null -H "$token" -H "Content-Type: text/csv" --data-binary @- "$base/api/v1/budget/allocations/$allocation/actuals"
  fi
  echo "== $1: $(sqlite3 "$db" "select count(*) from contacts") advisory contacts, $(sqlite3 "$db" "select count(*) from families") families, $(sqlite3 "$db" "select (select count(*) from learning_offer_completions) + (select count(*) from staff_completions)") completions, $(sqlite3 "$db" "select count(*) from budget_actuals") actuals"
  measure "GET /api/v1/budget/initiatives" "$base/api/v1/budget/initiatives" "$token"
  measure "GET /budget (the overview)" "$base/budget" "$finance"
  measure "GET /api/v1/budget/allocations/{id}/follow-up?year=2026" "$base/api/v1/budget/allocations/$allocation/follow-up?year=2026" "$token"
  measure "GET /api/v1/budget/allocations/{id}/follow-up?year=2025" "$base/api/v1/budget/allocations/$allocation/follow-up?year=2025" "$token"
  measure "GET /budget/allocations/{id}?year=2026 (the page)" "$base/budget/allocations/$allocation?year=2026" "$finance"
  measure "GET /healthz (the floor)" "$base/healthz" "$token"
  kill "$pid"; wait "$pid" || true
}

prepare budget-demo
if [ ! -f "$DIR/region-22.sqlite" ] && [ -f "$DIR/region-21.sqlite" ]; then
  cp "$DIR/region-21.sqlite" "$DIR/region-22.sqlite" && cp "$DIR/region-21.users" "$DIR/region-22.users"
fi
prepare region-22 --scale region
run budget-demo 18187
run region-22 18188
