#!/usr/bin/env bash
# Bundle delivery beside nginx serving the same rendered bundle as a static file, in one run:
# req/s, p50 and p99 for the 200 path and the 304 (If-None-Match) path, measured with wrk, on
# two replicas of one database: one with the direct delivery path (the default) that also listens
# on the agents' port (vaas.agents.port, Netty: rows "agents' port"), and one with
# vaas.agents.direct-delivery=false (the same endpoint through Spring Security and Spring MVC).
# Usage: bench/delivery.sh [seconds] [connections] — installs nginx and wrk from Debian if missing,
# builds the jar (VAAS_BENCH_NO_BUILD=1 skips that), and uses a fresh database on the local PostgreSQL that it drops afterwards.
# VAAS_BENCH_JVM adds JVM options, VAAS_BENCH_ARGS server arguments. VAAS_BENCH_BUNDLE_KIB pads
# the bundle with a config of about that many KiB more (default 0: the 4 KiB bundle).
# VAAS_BENCH_PROFILE=<dir> profiles the direct path's server with async-profiler (Maven Central's
# tools.profiler:async-profiler, CPU samples) during the measured part of its 200 and 304 rows and
# writes one flame graph per row there (200.html, 304.html, agents-port-200.html,
# agents-port-304.html; the stacks as text in *.collapsed).
# Every row gives the CPU time its server's processes spent per request during the measured run
# (from /proc: user and system, all threads; with VAAS_BENCH_PROFILE the profiled rows' figures include
# the profiler's own cost). Each block also has Tomcat alone (bench/BareTomcat.java: the jar's own Tomcat on virtual threads,
# one servlet answering vaas's recorded answer, headers and body), to tell Tomcat's share of the
# gap to nginx from vaas's, and Netty alone (bench/BareNetty.java: the Netty version Spring Boot
# manages answering the same), to tell what another web server would leave of Tomcat's share.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
duration=${1:-20}
connections=${2:-64}
port=18184
framework_port=18185
nginx_port=18280
bare_port=18186
netty_port=18187
agents_port=18188
db="vaas_delivery_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
install_missing wrk nginx
use_jdk25
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests package
jar=$(server_jar)
create_db "$db"
work=$(mktemp -d)
cleanup() {
  kill "$pid" "$framework_pid" $bare_pid $netty_pid 2>/dev/null || true; wait "$pid" "$framework_pid" $bare_pid $netty_pid 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  drop_db "$db"
  rm -rf "$work"
}
master_key=$(head -c 32 /dev/urandom | base64)
server() { # port, log, extra arguments...
  local on=$1 log=$2; shift 2
  VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" VAAS_DB_USER=postgres VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" \
    VAAS_MASTER_KEY="$master_key" VAAS_DATA_DIR="$work" \
    "$JAVA_HOME/bin/java" -Xmx1g ${VAAS_BENCH_JVM:-} -jar "$jar" --server.port="$on" --logging.level.root=WARN \
    ${VAAS_BENCH_ARGS:-} "$@" >"$log" 2>&1 &
}
pid=""; framework_pid=""; bare_pid=""; netty_pid=""
trap cleanup EXIT
server $port "$work/server.log" --vaas.agents.port=$agents_port; pid=$!
await_health "$port"
server $framework_port "$work/framework.log" --vaas.agents.direct-delivery=false; framework_pid=$!
await_health "$framework_port"

api="http://127.0.0.1:$port/api/v1"
token=$(delivery_bundle "$api" "$admin" "$work")

# nginx serves the very bytes vaas answers with.
start_nginx "$work" "$nginx_port"
curl -fs -H "Authorization: Bearer $token" "$api/agent/bundle" -o "$work/www/bundle.json"
digest=$(sed 's/.*"digest":"\([^"]*\)".*/\1/' "$work/www/bundle.json")
chmod 644 "$work/www/bundle.json"
sleep 1
nginx_etag=$(curl -fsI "http://127.0.0.1:$nginx_port/bundle.json" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')

# Tomcat alone (bench/BareTomcat.java, the jar's own Tomcat) answers vaas's recorded 200 and 304.
curl -fs -D "$work/headers-200" -o /dev/null -H "Authorization: Bearer $token" "$api/agent/bundle"
curl -s -D "$work/headers-304" -o /dev/null -H "Authorization: Bearer $token" -H "If-None-Match: \"$digest\"" "$api/agent/bundle"
head -n 1 "$work/headers-200" | grep -q ' 200' && head -n 1 "$work/headers-304" | grep -q ' 304' || {
  echo "vaas did not answer 200 and 304 to record:"; head -n 1 "$work/headers-200" "$work/headers-304"; exit 1; }
mkdir -p "$work/bare/base"
tomcat_alone "$jar" "$work/bare"
"$JAVA_HOME/bin/java" -Xmx1g ${VAAS_BENCH_JVM:-} -cp "$work/bare/*" bench/BareTomcat.java "$bare_port" "$work/www/bundle.json" \
  "$work/headers-200" "$work/headers-304" "$work/bare/base" >"$work/bare.log" 2>&1 &
bare_pid=$!
for _ in $(seq 1 120); do grep -qs STARTED "$work/bare.log" && break; sleep 0.25; done
grep -qs STARTED "$work/bare.log" || { echo "bench/BareTomcat.java did not start:"; cat "$work/bare.log"; exit 1; }

# Netty alone (bench/BareNetty.java, the Netty version Spring Boot manages) answers the same.
netty_alone "$work/netty/lib"
"$JAVA_HOME/bin/java" -Xmx1g ${VAAS_BENCH_JVM:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$work/netty/lib/*" bench/BareNetty.java "$netty_port" "$work/www/bundle.json" "$work/headers-200" "$work/headers-304" \
  >"$work/netty.log" 2>&1 &
netty_pid=$!
for _ in $(seq 1 120); do grep -qs STARTED "$work/netty.log" && break; sleep 0.25; done
grep -qs STARTED "$work/netty.log" || { echo "bench/BareNetty.java did not start:"; cat "$work/netty.log"; exit 1; }

warmup=${VAAS_BENCH_WARMUP:-10}
nginx_rps=""
profiler=""
if [ -n "${VAAS_BENCH_PROFILE:-}" ]; then
  mkdir -p "$VAAS_BENCH_PROFILE"
  profiler=$(async_profiler "$work")
fi
row_hook() { # start|stop, row name: async-profiler attached to the direct path's server
  [ -n "$profiler" ] || return 0
  local graph
  case "$2" in
    "vaas 200 (JSON manifest)") graph=200 ;; "vaas 304 (If-None-Match)") graph=304 ;;
    "vaas 200, agents' port (Netty)") graph=agents-port-200 ;; "vaas 304, agents' port (Netty)") graph=agents-port-304 ;;
    *) return 0 ;;
  esac
  if [ "$1" = start ]; then profile_start "$pid" "$profiler"; else profile_stop "$pid" "$profiler" "$(realpath "$VAAS_BENCH_PROFILE")/$graph"; fi
}
row_pids() { # the server processes of a row: the vaas replica, Tomcat alone, or nginx's workers
  case "$1" in
    *"Security + MVC"*) echo "$framework_pid" ;;
    vaas*) echo "$pid" ;;
    Tomcat*) echo "$bare_pid" ;;
    Netty*) echo "$netty_pid" ;;
    nginx*) pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ' ;;
  esac
}
rows=()
framework="http://127.0.0.1:$framework_port/api/v1/agent/bundle"
agents="http://127.0.0.1:$agents_port/api/v1/agent/bundle"
echo "bundle: $(wc -c <"$work/www/bundle.json") bytes of JSON, $(grep -o "\"path\":" "$work/www/bundle.json" | wc -l) files; wrk -t2 -c$connections, ${duration}s after ${warmup}s warm-up"
echo "| path | req/s | p50 | p99 | server CPU per request (µs) | non-2xx/3xx |"
echo "|---|---|---|---|---|---|"
wrk_row "vaas 200 (JSON manifest)" "$api/agent/bundle" "Authorization: Bearer $token"
wrk_row "vaas 200, agents' port (Netty)" "$agents" "Authorization: Bearer $token"
wrk_row "vaas 200, through Security + MVC" "$framework" "Authorization: Bearer $token"
wrk_row "Tomcat alone, 200 (same answer)" "http://127.0.0.1:$bare_port/bundle" "Authorization: Bearer $token"
wrk_row "Netty alone, 200 (same answer)" "http://127.0.0.1:$netty_port/bundle" "Authorization: Bearer $token"
wrk_row "nginx 200 (same bytes)" "http://127.0.0.1:$nginx_port/bundle.json"
shares=$(share); rows=()
wrk_row "vaas 304 (If-None-Match)" "$api/agent/bundle" "Authorization: Bearer $token" "If-None-Match: \"$digest\""
wrk_row "vaas 304, agents' port (Netty)" "$agents" "Authorization: Bearer $token" "If-None-Match: \"$digest\""
wrk_row "vaas 304, through Security + MVC" "$framework" "Authorization: Bearer $token" "If-None-Match: \"$digest\""
wrk_row "Tomcat alone, 304 (same answer)" "http://127.0.0.1:$bare_port/bundle" "Authorization: Bearer $token" "If-None-Match: \"$digest\""
wrk_row "Netty alone, 304 (same answer)" "http://127.0.0.1:$netty_port/bundle" "Authorization: Bearer $token" "If-None-Match: \"$digest\""
wrk_row "nginx 304 (If-None-Match)" "http://127.0.0.1:$nginx_port/bundle.json" "If-None-Match: $nginx_etag"
echo
echo "$shares"
share
