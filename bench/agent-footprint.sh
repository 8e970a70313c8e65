#!/usr/bin/env bash
# vaas-agent's footprint, measured: jar size, jlink runtime size, one-shot `fetch` wall time on the
# jlink runtime (each run a fresh root and a new session), and the RSS of an idle `watch` sidecar
# with the flags of deploy/agent.Dockerfile. Usage: bench/agent-footprint.sh [fetch runs]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
runs=${1:-10}
port=18185
db="vaas_agent_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
use_jdk25
./mvnw -q -B -DskipTests package
jar=$(ls target/vaas-*-agent.jar | head -n 1)
server_jar=$(server_jar)
work=$(mktemp -d)
sh deploy/agent-runtime.sh "$work/runtime" >/dev/null
flags=(${VAAS_AGENT_FLAGS:--XX:+UseSerialGC -Xmx48m -Xss256k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=8m -XX:CICompilerCount=1 -XX:MaxMetaspaceSize=32m -XX:TrimNativeHeapInterval=1000})
create_db "$db"
cleanup() {
  kill "$pid" ${watch:-} 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  drop_db "$db"
  rm -rf "$work" /dev/shm/vaas-footprint-*
}
VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" VAAS_DB_USER=postgres VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" \
  VAAS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" VAAS_DATA_DIR="$work" \
  "$JAVA_HOME/bin/java" -jar "$server_jar" --server.port=$port --logging.level.root=WARN >"$work/server.log" 2>&1 &
pid=$!
trap cleanup EXIT
await_health "$port"
api="http://127.0.0.1:$port/api/v1"; auth="Authorization: Bearer $admin"; json='Content-Type: application/json'
curl -fs -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null
curl -fs -X PUT -H "$auth" -H "$json" -d '{"data":{"port":3306}}' "$api/namespaces/bench/configs/app" >/dev/null
curl -fs -X PUT -H "$auth" -H "$json" -d '{"value":"s3cr3t"}' "$api/namespaces/bench/secrets/pw" >/dev/null
curl -fs -X PUT -H "$auth" -H "$json" -d '{"files":[{"area":"configuration","path":"app.conf","template":"port={{ config.app.port }}\n"},{"area":"secret","path":"ENV","env":{"secrets":["pw"]}}]}' "$api/namespaces/bench/bundles/app" >/dev/null
seed=$(curl -fs -X POST -H "$auth" -H "$json" -d '{"uses":1000}' "$api/namespaces/bench/bundles/app/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
echo "$seed" >"$work/seed"

echo "agent jar: $(stat -c %s "$jar") bytes; jlink runtime: $(du -sm "$work/runtime" | cut -f1) MB"
# An AOT cache (JDK 25, JEP 483/514) from one training fetch: classes loaded and linked ahead of time.
"$work/runtime/bin/java" "${flags[@]}" -XX:AOTCacheOutput="$work/agent.aot" -jar "$jar" fetch \
  --server "http://127.0.0.1:$port" --root /dev/shm/vaas-footprint-training --seed-file "$work/seed" 2>/dev/null || true
if [ -f "$work/agent.aot" ]; then flags+=(-XX:AOTCache="$work/agent.aot"); fi
echo "AOT cache: $( [ -f "$work/agent.aot" ] && echo "$(du -sm "$work/agent.aot" | cut -f1) MB" || echo none)"
total=0
for i in $(seq 1 "$runs"); do
  root=/dev/shm/vaas-footprint-$i
  start=$(date +%s%N)
  "$work/runtime/bin/java" "${flags[@]}" -jar "$jar" fetch --server "http://127.0.0.1:$port" --root "$root" \
    --seed-file "$work/seed" 2>/dev/null
  total=$(( total + $(date +%s%N) - start ))
done
echo "fetch wall time, mean of $runs runs (jlink runtime, exchange + fetch + verify + write + report): $(( total / runs / 1000000 )) ms"
root=/dev/shm/vaas-footprint-watch
"$work/runtime/bin/java" "${flags[@]}" -jar "$jar" watch --server "http://127.0.0.1:$port" --root "$root" \
  --seed-file "$work/seed" 2>/dev/null &
watch=$!
sleep 15
echo "idle watch RSS after 15 s: $(( $(awk '/VmRSS/ {print $2}' /proc/$watch/status) / 1024 )) MB (flags: ${flags[*]})"
