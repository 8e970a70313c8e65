#!/usr/bin/env bash
# Holds N concurrent long-polls on one server (default 2000) and reports the server's heap and
# RSS while they wait, then changes a config and reports how fast all of them answered.
# Usage: bench/waits.sh [n] — builds the jar, uses a fresh database on the local PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
n=${1:-2000}
port=18182
db="vaas_waits_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
use_jdk25
[ -e target/vaas-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -B -DskipTests package
jar=$(server_jar)
create_db "$db"
work=$(mktemp -d)
cleanup() {
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  drop_db "$db"
  rm -rf "$work"
}
VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" VAAS_DB_USER=postgres VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" \
  VAAS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" VAAS_DATA_DIR="$work" \
  "$JAVA_HOME/bin/java" -Xmx512m -jar "$jar" --server.port=$port --logging.level.root=WARN \
  --server.tomcat.max-connections=5000 >"$work/server.log" 2>&1 &
pid=$!
trap cleanup EXIT
await_health "$port"
api="http://127.0.0.1:$port/api/v1"; auth="Authorization: Bearer $admin"
curl -fs -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null
curl -fs -X PUT -H "$auth" -H 'Content-Type: application/json' -d '{"data":{"n":0}}' "$api/namespaces/bench/configs/app" >/dev/null
curl -fs -X PUT -H "$auth" -H 'Content-Type: application/json' \
  -d '{"files":[{"area":"configuration","path":"n","template":"{{ config.app.n }}"}]}' "$api/namespaces/bench/bundles/app" >/dev/null
seed=$(curl -fs -X POST -H "$auth" -H 'Content-Type: application/json' -d '{}' "$api/namespaces/bench/bundles/app/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
token=$(exchange_seed "$api" "$seed")
digest=$(curl -fs -H "Authorization: Bearer $token" "$api/agent/bundle" | sed 's/.*"digest":"\([^"]*\)".*/\1/')
rss_before=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
heap() { curl -fs "http://127.0.0.1:$port/actuator/prometheus" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} END {printf "%.0f", s/1048576}'; }
heap_before=$(heap)
coproc WAITS { "$JAVA_HOME/bin/java" bench/Waits.java "http://127.0.0.1:$port" "$token" "$digest" "$n" 55 "$admin"; }
read -r held <&"${WAITS[0]}"
echo "$held"
threads=$(ls /proc/$pid/task | wc -l)
echo "server while holding: RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MiB (before: $(( rss_before / 1024 )) MiB), heap used $(heap) MiB (before: $heap_before MiB), OS threads $threads"
echo go >&"${WAITS[1]}"
read -r answered <&"${WAITS[0]}"
echo "$answered"
