#!/usr/bin/env bash
# Server-time benchmark of the two pages issue 3 sets targets for (plan summary and patient
# search, < 50 ms with 100,000 patients), measured side by side on a demo-sized database
# (200 patients) and a region-sized one (100,000), with wrk on loopback.
#
#   Benchmarks/patient-pages.sh [path/to/lindring]      (a release build: swift build -c release)
#
# Databases are made once under ${BENCH_DIR:-/tmp/lindring-bench} and reused.
set -euo pipefail
BIN=${1:-.build/release/lindring}
DIR=${BENCH_DIR:-/tmp/lindring-bench}
DURATION=${DURATION:-10s}
mkdir -p "$DIR"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }

prepare() { # name patients
  local db="$DIR/$1.sqlite"
  if [ ! -f "$db" ]; then
    echo "creating $1 ($2 patients)…" >&2
    DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" demo-data --patients "$2" > "$DIR/$1.users"
  fi
}

run() { # name port
  local db="$DIR/$1.sqlite" port=$2
  DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" serve --port "$port" > "$DIR/$1.server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  local password; password=$(awk '$1 == "klinik" { print $2 }' "$DIR/$1.users")
  local jar="$DIR/$1.cookies"; rm -f "$jar"
  local csrf; csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "username=klinik&password=$password&csrf=$csrf" "http://127.0.0.1:$port/login"
  local cookie; cookie=$(awk '$6 == "lindring_session" { print $6 "=" $7 }' "$jar")
  local patient; patient=$(sqlite3 "$db" "select p.id from patients p join units u on u.id = p.registering_unit_id where u.code = 'RH-PAL' order by p.name limit 1 offset 7")
  echo "== $1: GET /patients/{id} (plan summary)"
  wrk -t1 -c2 -d"$DURATION" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/patients/$patient" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
  echo "== $1: GET /patients?q=eksempel (search by part of a name)"
  wrk -t1 -c2 -d"$DURATION" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/patients?q=eksempel" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
  echo "== $1: GET /patients?q=zzzz (no match: the whole name index is scanned)"
  wrk -t1 -c2 -d"$DURATION" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/patients?q=zzzz" | grep -E "Latency|50%|99%|Requests/sec|Non-2xx"
  kill "$pid"; wait "$pid" || true
}

prepare demo 200
prepare region 100000
run demo 18181
run region 18182
