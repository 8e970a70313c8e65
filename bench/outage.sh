#!/usr/bin/env bash
# A database outage, for real: the server runs on a PostgreSQL cluster of this script's own
# (initdb in a temporary directory, as the postgres user when run as root), which it stops with
# `pg_ctl stop -m fast` and starts again. Prints how long requests take while the database is
# away (an operator read and write: 503; an agent's cached bundle: 200 and 304), and how long
# after `pg_ctl start` returns until an operator read, readiness and a seed exchange work again.
# Usage: bench/outage.sh [rounds]   (default 5 outages; figures are the median and the worst)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
rounds=${1:-5}
port=18183
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

use_jdk25
./mvnw -q -B -DskipTests package
jar=$(server_jar)
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d)
pg=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work"; pg=(runuser -u postgres --); fi
pgport=18184
"${pg[@]}" "$bin/initdb" -D "$work/data" -A trust -U postgres --no-sync -E UTF8 >/dev/null
pg_up() {
  "${pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/pg.log" -w -o "-p $pgport -k $work -c listen_addresses=127.0.0.1" start >/dev/null
}
pg_down() { "${pg[@]}" "$bin/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null; }
pg_up

cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pg_down 2>/dev/null || true
  rm -rf "$work"
}
VAAS_DB_URL="jdbc:postgresql://127.0.0.1:$pgport/postgres" VAAS_DB_USER=postgres VAAS_DB_PASSWORD= \
  VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" VAAS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" VAAS_DATA_DIR="$work" \
  "$JAVA_HOME/bin/java" -Xmx512m -jar "$jar" --server.port=$port --logging.level.root=WARN >"$work/server.log" 2>&1 &
pid=$!
trap cleanup EXIT
await_health "$port"

base="http://127.0.0.1:$port"
api="$base/api/v1"
auth="Authorization: Bearer $admin"
json='Content-Type: application/json'
curl -fs -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null
curl -fs -X PUT -H "$auth" -H "$json" -d '{"data":{"port":1}}' "$api/namespaces/bench/configs/app" >/dev/null
curl -fs -X PUT -H "$auth" -H "$json" \
  -d '{"files":[{"area":"configuration","path":"port","template":"{{ config.app.port }}"}]}' \
  "$api/namespaces/bench/bundles/app" >/dev/null
seed() {
  curl -fs -X POST -H "$auth" -H "$json" -d '{}' "$api/namespaces/bench/bundles/app/seeds" |
    sed 's/.*"token":"\([^"]*\)".*/\1/'
}
token=$(exchange_seed "$api" "$(seed)")
etag=$(curl -fs -D - -o /dev/null -H "Authorization: Bearer $token" "$api/agent/bundle" | tr -d '\r' |
  sed -n 's/^[Ee][Tt]ag: //p')
sleep 2 # the server reads revocations every second; what it rendered before is then served

# "status seconds" of one request
timed() { curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$@"; }

results="$work/results"
for round in $(seq 1 "$rounds"); do
  unused=$(seed)
  pg_down
  for _ in 1 2 3; do
    echo "read $(timed -H "$auth" "$api/namespaces/bench/configs/app")" >>"$results"
    echo "write $(timed -X PUT -H "$auth" -H "$json" -d '{"data":{"port":2}}' "$api/namespaces/bench/configs/app")" >>"$results"
    echo "bundle200 $(timed -H "Authorization: Bearer $token" "$api/agent/bundle")" >>"$results"
    echo "bundle304 $(timed -H "Authorization: Bearer $token" -H "If-None-Match: $etag" "$api/agent/bundle")" >>"$results"
    echo "readiness $(timed "$base/actuator/health/readiness")" >>"$results"
  done
  pg_up
  started=$(date +%s.%N)
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$api/namespaces/bench/configs/app")" = 200 ]; do sleep 0.05; done
  echo "recover_read 000 $(echo "$(date +%s.%N) - $started" | bc)" >>"$results"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/health/readiness")" = 200 ]; do sleep 0.05; done
  echo "recover_ready 000 $(echo "$(date +%s.%N) - $started" | bc)" >>"$results"
  until [ -n "$(exchange_seed "$api" "$unused")" ]; do sleep 0.05; done
  echo "recover_exchange 000 $(echo "$(date +%s.%N) - $started" | bc)" >>"$results"
  sleep 2
done

echo "== $rounds outages of the server's PostgreSQL (pg_ctl stop -m fast / start), $(date -u +%F)"
printf '%-18s %-10s %-10s %-10s\n' what statuses median max
for what in read write bundle200 bundle304 readiness recover_read recover_ready recover_exchange; do
  statuses=$(awk -v w="$what" '$1==w {print $2}' "$results" | sort -u | tr '\n' ',' | sed 's/,$//')
  awk -v w="$what" '$1==w {print $3}' "$results" | sort -n | awk -v w="$what" -v s="$statuses" '
    {v[NR]=$1} END {printf "%-18s %-10s %-10.3f %-10.3f\n", w, s, v[int((NR+1)/2)], v[NR]}'
done
