#!/usr/bin/env bash
# HTTP load on region-scale data (issue 6), with wrk over loopback, in one run:
#   (a) GET /healthz                              the framework's ceiling on this machine
#   (b) GET /patients/{id}                        plan summary of random patients (signed in, HTML, audited)
#   (c) GET /patients?q=<name>                    patient search by name (signed in, HTML, audited)
#   (d) POST /api/v1/contacts                     contact creation, unique Idempotency-Keys (bearer token)
#   (e) GET /api/v1/advisory/statistics           the statistics for one year (bearer token)
# and prints requests per second, p50 and p99 for each, and each one's rate as a share of (a).
# Any answer that is not 2xx and any socket error is reported (and makes the script exit 1).
#
#   swift build -c release --product lindring
#   Benchmarks/load.sh [path/to/lindring …]
#
# Region-scale data (`lindring demo-data --scale region`) is made once per database and reused:
# SQLite under ${BENCH_DIR:-/tmp/lindring-load}, and PostgreSQL as well when DATABASE_URL is a
# postgres:// URL (its database should be empty or hold data made by this script). On PostgreSQL
# the audit key's file is AUDIT_KEY_FILE, or one per database under BENCH_DIR.
#
# Several binaries (`load.sh before/lindring after/lindring`) are measured in turn on the same data,
# for a side-by-side comparison; the first binary given loads the data.
#
# Settings (environment): DURATION per measurement (15s), WARMUP (3s), CONNECTIONS (32),
# THREADS (wrk threads, 2), FRACTION of the region's volume (1; several, e.g. "0.01 0.1 1", are
# measured one after the other, and DATABASE_URL should then hold `{fraction}`, replaced by the
# fraction with `_` for `.`, so that each has a database of its own), ONLY (the measurements to run,
# e.g. "search" or "healthz search"; all by default), ROUNDS (how many times the binaries are
# measured in turn, 1), WRITE_GROUP_MAX (passed to the server; 1 turns group commit off, for a
# before/after comparison).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BINS=()
for bin in "${@:-.build/release/lindring}"; do
  [ -x "$bin" ] || { echo "no binary at $bin (swift build -c release --product lindring)" >&2; exit 1; }
  BINS+=("$(realpath "$bin")")
done
DIR=${BENCH_DIR:-/tmp/lindring-load}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
FRACTIONS=${FRACTION:-1}
ONLY=${ONLY:-healthz summary search contacts statistics}
ROUNDS=${ROUNDS:-1}
LUA=$PWD/Benchmarks/wrk/lindring.lua
PG_URL=${DATABASE_URL:-}
mkdir -p "$DIR"
SERVER_PID=
trap '[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true' EXIT
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }
for measurement in $ONLY; do
  case $measurement in healthz|summary|search|contacts|statistics) ;; *) echo "ONLY: no measurement $measurement" >&2; exit 1 ;; esac
done

# query DATABASE_URL SQL: one value per line.
query() {
  case "$1" in
    sqlite://*) sqlite3 "${1#sqlite://}" "$2" ;;
    *) psql "$1" -Atqc "$2" ;;
  esac
}

# The demo users' passwords, printed when the data was loaded, kept per database.
users_file() { echo "$DIR/users-$(echo -n "$1" | md5sum | cut -c1-12)"; }

# on DATABASE_URL COMMAND…: runs the command on that database, with the audit key's file that
# PostgreSQL needs (SQLite keeps its key beside the database file).
on() {
  local url=$1
  shift
  case "$url" in
    postgres*) AUDIT_KEY_FILE=${AUDIT_KEY_FILE:-$DIR/audit-$(echo -n "$url" | md5sum | cut -c1-12).key} DATABASE_URL="$url" LOG_LEVEL=warning "$@" ;;
    *) DATABASE_URL="$url" LOG_LEVEL=warning "$@" ;;
  esac
}

# prepare NAME DATABASE_URL: region-scale data, once.
prepare() {
  local loaded
  loaded=$(query "$2" "select count(*) from users where username = 'r-00001'" 2>/dev/null || echo 0)
  if [ "$loaded" != "1" ]; then
    echo "== $1: loading region-scale data (fraction $FRACTION)…" >&2
    local started=$SECONDS
    on "$2" "${BINS[0]}" demo-data --scale region --fraction "$FRACTION" > "$(users_file "$2")"
    echo "== $1: loaded in $((SECONDS - started)) s" >&2
  fi
}

# measure LABEL URL [wrk options…] -- [script args…]: prints "LABEL rps p50 p99 not2xx socket_errors".
measure() {
  local label=$1 url=$2
  shift 2
  local options=()
  while [ "$1" != "--" ]; do options+=("$1"); shift; done
  shift
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${options[@]}" "$url" -- "$@" > /dev/null 2>&1 || true
  local line
  line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "${options[@]}" "$url" -- "$@" | grep '^RESULT')
  local rps p50 p99 bad sock
  rps=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<< "$line")
  p50=$(sed -E 's/.* p50_ms=([0-9.]+).*/\1/' <<< "$line")
  p99=$(sed -E 's/.* p99_ms=([0-9.]+).*/\1/' <<< "$line")
  bad=$(sed -E 's/.* not2xx=([0-9]+).*/\1/' <<< "$line")
  sock=$(sed -E 's/.* socket_errors=([0-9]+).*/\1/' <<< "$line")
  echo "$label $rps $p50 $p99 $bad $sock"
}

# run NAME DATABASE_URL PORT BINARY: starts the server, measures (a)–(e) (those in ONLY), stops it;
# writes $DIR/NAME.results.
run() {
  local name=$1 url=$2 port=$3 bin=$4 base="http://127.0.0.1:$3"
  on "$url" exec "$bin" serve --port "$port" > "$DIR/$name.server.log" 2>&1 & # exec: $! is the server's pid
  local pid=$!
  SERVER_PID=$pid
  for _ in $(seq 1 300); do curl -fs "$base/readyz" > /dev/null && break; sleep 0.2; done
  curl -fs "$base/readyz" > /dev/null || { echo "server did not start: $(tail -5 "$DIR/$name.server.log")" >&2; kill "$pid"; exit 1; }
  # Another process answering on the port would be measured instead.
  kill -0 "$pid" 2> /dev/null || { echo "server exited: $(tail -5 "$DIR/$name.server.log")" >&2; exit 1; }

  # The clinician of the palliative team at Rigshospitalet signs in; the advisor gets a token.
  local password jar csrf cookie token
  password=$(awk '$1 == "klinik" { print $2 }' "$(users_file "$url")")
  jar="$DIR/$name.cookies"
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=klinik" --data-urlencode "password=$password" \
    --data-urlencode "csrf=$csrf" "$base/login"
  cookie=$(awk '$6 ~ /lindring_session$/ { print $6 "=" $7 }' "$jar")
  [ -n "$cookie" ] || { echo "could not sign in as klinik" >&2; kill "$pid"; exit 1; }
  token=$(on "$url" "$bin" api-token --username raadgiver --label "load test" | tail -1)

  # 2,000 random patients on the team's care teams, and name parts to search for.
  query "$url" "select lower(cast(p.id as text)) from patients p join plan_care_team c on c.patient_id = p.id
                join units u on u.id = c.unit_id where u.code = 'RH-PAL' order by random() limit 2000" \
    | sed 's|^|/patients/|' > "$DIR/$name.summaries"
  printf '/patients?q=%s\n' pr%C3%B8vesen eksempel %C3%85se holm s%C3%B8ren skov bodil%20juul demosen kj%C3%A6r egon%20lind \
    > "$DIR/$name.searches"
  local yesterday today yearAgo
  yesterday=$(date -u -d 'yesterday 10:00' +%FT%TZ)
  today=$(TZ=Europe/Copenhagen date +%F)
  yearAgo=$(TZ=Europe/Copenhagen date -d '364 days ago' +%F)
  printf '{"startedAt":"%s","endedAt":"%s","callerRole":"relative","reasons":["pain"],"triage":"information","outcome":"resolved","situation":"Belastningstest."}' \
    "$yesterday" "$(date -u -d 'yesterday 10:12' +%FT%TZ)" > "$DIR/$name.contact.json"

  echo /healthz > "$DIR/$name.healthz"
  echo "/api/v1/advisory/statistics?from=$yearAgo&to=$today" > "$DIR/$name.statistics"
  local out="$DIR/$name.results"
  : > "$out"
  local only=" $ONLY "
  [[ "$only" != *" healthz "* ]] || measure healthz "$base" -s "$LUA" -- paths "$DIR/$name.healthz" >> "$out"
  [[ "$only" != *" summary "* ]] || measure summary "$base" -H "Cookie: $cookie" -s "$LUA" -- paths "$DIR/$name.summaries" >> "$out"
  [[ "$only" != *" search "* ]] || measure search "$base" -H "Cookie: $cookie" -s "$LUA" -- paths "$DIR/$name.searches" >> "$out"
  [[ "$only" != *" contacts "* ]] || measure contacts "$base" -H "Authorization: Bearer $token" -s "$LUA" -- post "$DIR/$name.contact.json" /api/v1/contacts >> "$out"
  [[ "$only" != *" statistics "* ]] || measure statistics "$base" -H "Authorization: Bearer $token" -s "$LUA" -- paths "$DIR/$name.statistics" >> "$out"
  echo "rss_peak_kb $(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")" >> "$out"
  kill "$pid"
  wait "$pid" || true
  SERVER_PID=
}

report() { # RUN…, each NAME:DATABASE:FRACTION:BINARY:ROUND: one table per fraction
  python3 - "$DIR" "${#BINS[@]}" "$ROUNDS" "$@" <<'PY'
import sys
d, nbins, rounds, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), [r.split(":") for r in sys.argv[4:]]
labels = {"healthz": "(a) GET /healthz", "summary": "(b) plan summary, random patients", "search": "(c) patient search by name",
          "contacts": "(d) contact creation (POST)", "statistics": "(e) statistics, one year"}
results = {}
for name, *_ in runs:
    rows = {}
    for line in open(f"{d}/{name}.results"):
        parts = line.split()
        rows[parts[0]] = parts[1:]
    results[name] = rows
bad = 0
def cell(name, key):
    global bad
    rps, p50, p99, not2xx, sock = results[name][key]
    share = f"{float(rps) / float(results[name]['healthz'][0]) * 100:.1f}%" if "healthz" in results[name] else "–"
    text = f"{float(rps):,.0f} | {float(p50):.1f} | {float(p99):.1f} | {share}"
    bad += int(not2xx) + int(sock)
    if int(not2xx) or int(sock):
        text += f" ({not2xx} not 2xx, {sock} socket errors)"
    return text
for fraction in dict.fromkeys(r[2] for r in runs):
    here = [r for r in runs if r[2] == fraction]
    print(f"fraction {fraction}:")
    print()
    if nbins == 1 and rounds == 1:  # the databases side by side
        print("| measurement | " + " | ".join(f"{db}: req/s | p50 ms | p99 ms | share of (a)" for _, db, *_ in here) + " |")
        print("|" + "---|" * (1 + 4 * len(here)))
        for key, label in labels.items():
            if all(key in results[name] for name, *_ in here):
                print(f"| {label} | " + " | ".join(cell(name, key) for name, *_ in here) + " |")
    else:  # one line per database, binary and round
        print("| measurement | database | binary | round | req/s | p50 ms | p99 ms | share of (a) |")
        print("|---|---|---|---|---|---|---|---|")
        for key, label in labels.items():
            for name, db, _, binary, round in here:
                if key in results[name]:
                    print(f"| {label} | {db} | {binary} | {round} | {cell(name, key)} |")
    print()
for name, db, fraction, binary, round in runs:
    print(f"{db}, fraction {fraction}, binary {binary}, round {round}: server's peak resident memory {int(results[name]['rss_peak_kb'][0]) / 1024:.0f} MB")
print(f"answers that were not 2xx, and socket errors: {bad}")
sys.exit(1 if bad else 0)
PY
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; fraction $FRACTIONS; WRITE_GROUP_MAX=${WRITE_GROUP_MAX:-default}"
for i in "${!BINS[@]}"; do echo "binary $((i + 1)): ${BINS[$i]}"; done
runs=()
for FRACTION in $FRACTIONS; do
  databases=("sqlite sqlite://$DIR/region-$FRACTION.sqlite 18301")
  if [[ "$PG_URL" == postgres* ]]; then
    [[ "$PG_URL" == *"{fraction}"* || $(wc -w <<< "$FRACTIONS") == 1 ]] \
      || { echo "with several fractions, DATABASE_URL must hold {fraction}" >&2; exit 1; }
    databases+=("postgresql ${PG_URL//\{fraction\}/${FRACTION//./_}} 18302")
  fi
  for database in "${databases[@]}"; do
    read -r db url port <<< "$database"
    prepare "$db" "$url"
  done
  for database in "${databases[@]}"; do
    read -r db url port <<< "$database"
    for round in $(seq 1 "$ROUNDS"); do
      for i in "${!BINS[@]}"; do
        name=$db-$FRACTION-$((i + 1))-$round
        run "$name" "$url" "$port" "${BINS[$i]}"
        runs+=("$name:$db:$FRACTION:$((i + 1)):$round")
      done
    done
  done
done
report "${runs[@]}"
