#!/usr/bin/env bash
# Config writes while anyone floods the server with bad agent tokens: times 100 sequential
# config writes (PUT, each appending its audit event) alone, then during 25 s of wrk sending a
# bad bearer token to GET /api/v1/agent/session, and reports the refusals answered per second.
# Then 30 s of seed guessing from the address of a valid agent, which exchanges its seed 200
# times meanwhile: how many bad exchanges a second were answered, how, and how many valid ones
# succeeded.
# Usage: bench/refusal-flood.sh [connections] — installs wrk from Debian if missing, builds the
# jar, uses a fresh database on the local PostgreSQL that it drops afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
connections=${1:-32}
port=18186
db="vaas_flood_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
install_missing wrk
use_jdk25
./mvnw -q -B -DskipTests package
jar=$(server_jar)
create_db "$db"
work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
  drop_db "$db"
  rm -rf "$work"
}
trap cleanup EXIT
VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" VAAS_DB_USER=postgres VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" \
  VAAS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" VAAS_DATA_DIR="$work" \
  "$JAVA_HOME/bin/java" -Xmx1g -jar "$jar" --server.port=$port --logging.level.root=WARN >"$work/server.log" 2>&1 &
pid=$!
await_health "$port"
api="http://127.0.0.1:$port/api/v1"
curl -fs -X PUT -H "Authorization: Bearer $admin" "$api/namespaces/flood" >/dev/null

writes() { # p50, p90 and max of 100 sequential config writes
  for i in $(seq 1 100); do
    curl -s -o /dev/null -w "%{time_total}\n" -X PUT -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "{\"data\":{\"n\":$i$RANDOM}}" "$api/namespaces/flood/configs/app"
  done | sort -n | awk '{a[NR]=$1} END {printf "p50 %.1f ms, p90 %.1f ms, max %.1f ms", a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, a[NR]*1000}'
}
writes >/dev/null   # warm-up
echo "config writes alone:          $(writes)"
wrk -t1 -c"$connections" -d25s -H "Authorization: Bearer not-a-token" "$api/agent/session" >"$work/wrk.out" &
flood=$!
sleep 3
echo "config writes during flood:   $(writes)"
wait "$flood"
echo "refusals answered (401):      $(awk '/Requests\/sec/ {print $2}' "$work/wrk.out") req/s, wrk -t1 -c$connections"
count() {
  curl -fs -H "Authorization: Bearer $admin" "$api/audit?action=agent.authenticate&size=1" | sed 's/.*"totalEvents":\([0-9]*\).*/\1/'
}
sent=$(awk '/requests in/ {print $1}' "$work/wrk.out")
at_end=$(count); last=$at_end; waited=0
while [ "$waited" -lt 180 ]; do
  sleep 5; waited=$((waited + 5)); now=$(count)
  [ "$now" = "$last" ] && break
  last=$now
done
echo "refusal events in the audit log: $at_end at the end of the flood, $last after ${waited} s; wrk sent $sent"

# Seed guessing from the address of valid agents (all on 127.0.0.1 here, as behind one NAT
# gateway), with the default throttle: wrk sends well-formed seeds that were never issued while
# one agent exchanges its valid multi-use seed over and over from the same address.
curl -fs -X PUT -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"files":[]}' \
  -o /dev/null "$api/namespaces/flood/bundles/app"
seed=$(curl -fs -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"uses":1000000}' "$api/namespaces/flood/bundles/app/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
"$JAVA_HOME/bin/java" -cp target/classes bench/Guesses.java 5000 >"$work/guesses"
GUESSES="$work/guesses" wrk -t1 -c"$connections" -d30s -s bench/guess.lua "$api/auth/token" >"$work/guess.out" &
flood=$!
sleep 5
valid() { # status and seconds of each of 200 sequential valid exchanges
  for _ in $(seq 1 200); do
    curl -s -o /dev/null -w "%{http_code} %{time_total}\n" -X POST \
      -d "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=$seed&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed" \
      "$api/auth/token"
  done
}
valid >"$work/valid.out"
sample=$(curl -s -o /dev/null -w "%{http_code} Retry-After: %header{retry-after}" -X POST \
  -d "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=$(head -n 1 "$work/guesses")&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed" \
  "$api/auth/token")
wait "$flood"
echo "bad exchanges answered:       $(grep RESULT "$work/guess.out"), wrk -t1 -c$connections"
echo "a guess during the flood:     $sample"
echo "valid exchanges, same address: $(awk '$1 == 200 {ok++} END {printf "%d of %d succeeded", ok, NR}' "$work/valid.out"), $(sort -k2 -n "$work/valid.out" | awk '{a[NR]=$2} END {printf "p50 %.1f ms, p90 %.1f ms, max %.1f ms", a[int(NR*0.5)]*1000, a[int(NR*0.9)]*1000, a[NR]*1000}')"
