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
#   Benchmarks/load.sh [path/to/lindring]
#
# Region-scale data (`lindring demo-data --scale region`) is made once per database and reused:
# SQLite under ${BENCH_DIR:-/tmp/lindring-load}, and PostgreSQL as well when DATABASE_URL is a
# postgres:// URL (its database should be empty or hold data made by this script).
#
# Settings (environment): DURATION per measurement (15s), WARMUP (3s), CONNECTIONS (32),
# THREADS (wrk threads, 2), FRACTION of the region's volume (1), WRITE_GROUP_MAX (passed to the
# server; 1 turns group commit off, for a before/after comparison).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=$(realpath "${1:-.build/release/lindring}")
DIR=${BENCH_DIR:-/tmp/lindring-load}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-3s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
FRACTION=${FRACTION:-1}
LUA=$PWD/Benchmarks/wrk/lindring.lua
PG_URL=${DATABASE_URL:-}
mkdir -p "$DIR"
SERVER_PID=
trap '[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true' EXIT
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "no binary at $BIN (swift build -c release --product lindring)" >&2; exit 1; }

# query DATABASE_URL SQL: one value per line.
query() {
  case "$1" in
    sqlite://*) sqlite3 "${1#sqlite://}" "$2" ;;
    *) psql "$1" -Atqc "$2" ;;
  esac
}

# The demo users' passwords, printed when the data was loaded, kept per database.
users_file() { echo "$DIR/users-$(echo -n "$1" | md5sum | cut -c1-12)"; }

# prepare NAME DATABASE_URL: region-scale data, once.
prepare() {
  local loaded
  loaded=$(query "$2" "select count(*) from users where username = 'r-00001'" 2>/dev/null || echo 0)
  if [ "$loaded" != "1" ]; then
    echo "== $1: loading region-scale data (fraction $FRACTION)…" >&2
    local started=$SECONDS
    DATABASE_URL="$2" LOG_LEVEL=warning "$BIN" demo-data --scale region --fraction "$FRACTION" > "$(users_file "$2")"
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

# run NAME DATABASE_URL PORT: starts the server, measures (a)–(e), stops it; appends to $DIR/NAME.results.
run() {
  local name=$1 url=$2 port=$3 base="http://127.0.0.1:$3"
  DATABASE_URL="$url" LOG_LEVEL=warning "$BIN" serve --port "$port" > "$DIR/$name.server.log" 2>&1 &
  local pid=$!
  SERVER_PID=$pid
  for _ in $(seq 1 300); do curl -fs "$base/readyz" > /dev/null && break; sleep 0.2; done
  curl -fs "$base/readyz" > /dev/null || { echo "server did not start: $(tail -5 "$DIR/$name.server.log")" >&2; kill "$pid"; exit 1; }

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
  token=$(DATABASE_URL="$url" LOG_LEVEL=warning "$BIN" api-token --username raadgiver --label "load test" | tail -1)

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
  measure healthz "$base" -s "$LUA" -- paths "$DIR/$name.healthz" >> "$out"
  measure summary "$base" -H "Cookie: $cookie" -s "$LUA" -- paths "$DIR/$name.summaries" >> "$out"
  measure search "$base" -H "Cookie: $cookie" -s "$LUA" -- paths "$DIR/$name.searches" >> "$out"
  measure contacts "$base" -H "Authorization: Bearer $token" -s "$LUA" -- post "$DIR/$name.contact.json" /api/v1/contacts >> "$out"
  measure statistics "$base" -H "Authorization: Bearer $token" -s "$LUA" -- paths "$DIR/$name.statistics" >> "$out"
  echo "rss_peak_kb $(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")" >> "$out"
  kill "$pid"
  wait "$pid" || true
  SERVER_PID=
}

report() { # NAME…: one table, the databases side by side
  python3 - "$DIR" "$@" <<'PY'
import sys
d, names = sys.argv[1], sys.argv[2:]
labels = {"healthz": "(a) GET /healthz", "summary": "(b) plan summary, random patients", "search": "(c) patient search by name",
          "contacts": "(d) contact creation (POST)", "statistics": "(e) statistics, one year"}
results = {}
for name in names:
    rows = {}
    for line in open(f"{d}/{name}.results"):
        parts = line.split()
        rows[parts[0]] = parts[1:]
    results[name] = rows
header = "| measurement | " + " | ".join(f"{n}: req/s | p50 ms | p99 ms | share of (a)" for n in names) + " |"
print(header)
print("|" + "---|" * (1 + 4 * len(names)))
bad = 0
for key, label in labels.items():
    cells = []
    for name in names:
        rps, p50, p99, not2xx, sock = results[name][key]
        share = float(rps) / float(results[name]["healthz"][0]) * 100
        cells.append(f"{float(rps):,.0f} | {float(p50):.1f} | {float(p99):.1f} | {share:.1f}%")
        bad += int(not2xx) + int(sock)
        if int(not2xx) or int(sock):
            cells[-1] += f" ({not2xx} not 2xx, {sock} socket errors)"
    print(f"| {label} | " + " | ".join(cells) + " |")
print()
for name in names:
    print(f"{name}: server's peak resident memory {int(results[name]['rss_peak_kb'][0]) / 1024:.0f} MB")
print(f"answers that were not 2xx, and socket errors: {bad}")
sys.exit(1 if bad else 0)
PY
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; fraction $FRACTION; WRITE_GROUP_MAX=${WRITE_GROUP_MAX:-default}"
names=(sqlite)
prepare sqlite "sqlite://$DIR/region-$FRACTION.sqlite"
if [[ "$PG_URL" == postgres* ]]; then
  names+=(postgresql)
  prepare postgresql "$PG_URL"
fi
run sqlite "sqlite://$DIR/region-$FRACTION.sqlite" 18301
if [[ "$PG_URL" == postgres* ]]; then run postgresql "$PG_URL" 18302; fi
report "${names[@]}"
