# What the server-time benchmarks share (sourced, not run): making a database once, timing
# a URL with curl and signing in through the form. Each script sets BIN, DIR and RUNS first.

prepare() { # name [demo-data arguments…]: the database $DIR/name.sqlite, made once
  local db="$DIR/$1.sqlite" name=$1
  shift
  if [ ! -f "$db" ]; then
    echo "creating $name…" >&2
    DATABASE_URL="sqlite://$db" LOG_LEVEL=warning "$BIN" demo-data "$@" > "$DIR/$name.users"
  fi
}

measure() { # label url header: RUNS requests, median and max
  local out; out=$(mktemp)
  for _ in $(seq 1 "$RUNS"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$3" "$2" >> "$out"
  done
  local bad; bad=$(awk '$1 != 200' "$out" | wc -l)
  awk '{ printf "%.1f\n", $2 * 1000 }' "$out" | sort -n | awk -v label="$1" -v bad="$bad" '
    { t[NR] = $1 }
    END { printf "%-58s median %7.1f ms   max %7.1f ms   (%d runs, %d not 200)\n", label, t[int((NR + 1) / 2)], t[NR], NR, bad }'
  rm -f "$out"
}

login() { # port username password → the session cookie
  local jar; jar=$(mktemp)
  local csrf; csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$1/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"//')
  curl -s -o /dev/null -c "$jar" -b "$jar" -d "username=$2&password=$3&csrf=$csrf" "http://127.0.0.1:$1/login"
  awk '$6 == "lindring_session" { print $6 "=" $7 }' "$jar"
  rm -f "$jar"
}
