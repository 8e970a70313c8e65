#!/usr/bin/env bash
# Cost curve of agent sessions: the server's memory (RSS, and heap in use after a full GC) and the
# time of the fleet list's first page (GET /namespaces/{ns}/agents: 1,000 sessions, newest first)
# and of the page after the 50,000th (following the Link headers) as sessions grow to 1,000, 10,000, 50,000
# and 100,000, each made by a real seed exchange (wrk with single-use.lua going round 64 seeds of
# 5,000 uses each: one seed for all would make every exchange wait for that seed's row; the server
# at -Xmx1g on a fresh database of the local PostgreSQL).
# Usage: bench/curve-sessions.sh [largest] — writes bench/results/sessions.tsv and sessions.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
largest=${1:-100000}
port=18188
db="vaas_sessions_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
install_missing wrk
use_jdk25
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests -Dvaas.aot.skip=true package
create_db "$db"
work=$(mktemp -d)
cleanup() {
  kill "${server_pid:-}" 2>/dev/null || true; wait "${server_pid:-}" 2>/dev/null || true
  drop_db "$db"; rm -rf "$work"
}
trap cleanup EXIT
start_server $port "$db" "$admin" "$work"
api="http://127.0.0.1:$port/api/v1"; auth="Authorization: Bearer $admin"; json='Content-Type: application/json'
curl -fs -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null
curl -fs -X PUT -H "$auth" -H "$json" -d '{"data":{"port":3306}}' "$api/namespaces/bench/configs/app" >/dev/null
curl -fs -X PUT -H "$auth" -H "$json" -d '{"files":[{"area":"configuration","path":"app.conf","template":"port={{ config.app.port }}\n"}]}' \
  "$api/namespaces/bench/bundles/app" >/dev/null
for _ in $(seq 1 64); do
  curl -fs -X POST -H "$auth" -H "$json" -d '{"uses":5000,"ttl":"PT24H"}' "$api/namespaces/bench/bundles/app/seeds" \
    | sed 's/.*"token":"\([^"]*\)".*/\1/'
  echo
done >"$work/seeds"
sessions() { psql -At -h 127.0.0.1 -U postgres -d "$db" -c "select count(*) from agent_sessions"; }
memory() { # RSS and heap in use after a full GC, in MiB
  "$JAVA_HOME/bin/jcmd" "$server_pid" GC.run >/dev/null
  local rss heap
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status")
  heap=$("$JAVA_HOME/bin/jcmd" "$server_pid" GC.heap_info | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%.0f", v / 1024 } }')
  echo "$rss $heap"
}
table=bench/results/sessions.tsv
echo "sessions rss_mib heap_after_gc_mib first_page_ms" >"$table"
echo "| sessions | RSS | heap in use after GC | GET …/agents, first page (bytes) | the page after 50,000 |"
echo "|---|---|---|---|---|"
read -r rss heap <<<"$(memory)"
echo "0 $rss $heap 0" >>"$table"
echo "| 0 | $rss MiB | $heap MiB | | |"
for target in 1000 10000 50000 100000; do
  [ "$target" -le "$largest" ] || break
  while [ "$(sessions)" -lt "$target" ]; do
    need=$(( target - $(sessions) ))
    SEEDS="$work/seeds" THREADS=2 wrk -t2 -c16 -d"$(( need / 1000 + 1 ))s" -s bench/single-use.lua "$api/auth/token" >/dev/null
  done
  count=$(sessions)
  read -r rss heap <<<"$(memory)"
  list=$(curl -fs -o "$work/agents.json" -w '%{time_total}' -H "$auth" "$api/namespaces/bench/agents")
  list_ms=$(awk -v t="$list" 'BEGIN { printf "%.0f", t * 1000 }')
  deep=""
  if [ "$count" -gt 51000 ]; then   # follow the Link headers to the 51st page
    next="/api/v1/namespaces/bench/agents"
    for _ in $(seq 1 50); do
      next=/api/v1/namespaces/bench/$(curl -fs -D - -o /dev/null -H "$auth" "http://127.0.0.1:$port$next" | sed -n 's/^[Ll]ink: <\([^>]*\)>.*/\1/p' | tr -d '\r')
    done
    deep="$(curl -fs -o /dev/null -w '%{time_total}' -H "$auth" "http://127.0.0.1:$port$next" | awk '{ printf "%.0f ms", $1 * 1000 }')"
  fi
  echo "$count $rss $heap $list_ms" >>"$table"
  echo "| $count | $rss MiB | $heap MiB | $list_ms ms ($(stat -c %s "$work/agents.json")) | $deep |"
done
plot "$table" bench/results/sessions.svg "Sessions: server RSS and heap after GC (MiB), first page of the fleet list (ms)" \
  "sessions" "MiB / ms"
echo "table: $table; plot: bench/results/sessions.svg"
