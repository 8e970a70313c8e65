#!/usr/bin/env bash
# Holds N concurrent long-polls (default 10,000) on one server and reports its RSS and heap while
# they wait, and its peak RSS (VmHWM) then and after its rounds; then changes the config they
# render from on that server and times every answer from the write's acknowledgement
# (p50/p99/max). Then the same N wait on a second replica of the same database while the write goes
# to the first: the change reaches them through PostgreSQL. Each is done VAAS_BENCH_ROUNDS times
# (default 3), every connection waiting again after each change.
# Then, as the reference in the same run, Netty alone (bench/BareWake.java) holds the same N long-polls from
# the same client and answers them with the server's recorded 200 at each write, as many rounds
# (VAAS_BENCH_BARE=0 leaves it out).
# Usage: bench/waits.sh [n] — builds the jar (VAAS_BENCH_NO_BUILD=1 skips that), uses a fresh database on the local PostgreSQL.
# VAAS_BENCH_JVM: the servers' JVM options (default below). VAAS_BENCH_PROFILE=<dir>: async-profiler's
# CPU samples of the polled server in the last round, from its write until every answer is in
# (wake-1.html, wake-2.html; VAAS_BENCH_PROFILE_INTERVAL, default 1ms, between samples; VAAS_BENCH_PROFILE_EVENT=alloc: its heap allocations instead); bench/WakeSamples.java keeps the JFR samples taken inside the wakes. Each round also prints the CPU each process used meanwhile, and the time of day (UTC) its write was sent, to place the servers' GC and JIT log lines (-Xlog:gc,jit+compilation=debug:file=…:time in VAAS_BENCH_JVM) inside or outside its wake. VAAS_BENCH_HISTOGRAM=<prefix>: its class histogram while they wait.
# VAAS_BENCH_AGENTS_PORT=1: each server also listens on the agents' port (vaas.agents.port, Netty,
# its port + 100) and the long-polls wait there instead of on Tomcat. VAAS_BENCH_SAME_ONLY=1: only the
# rounds with the write on the polled server. VAAS_BENCH_CLIENT_THREADS=k: the client reads on k selector threads
# (default 1). VAAS_BENCH_WARMUP=s (default 30; 0 skips it): before the long-polls, each server
# serves s seconds of what a round needs besides the wake (writes of a config in another namespace,
# agents' fetches of the bundle rendered from it), as a server that has run a while has: the rounds
# then time the wake rather than the JIT's first compiles of the write path. VAAS_BENCH_WARM_POLLS=k
# (default 100; 0 for none): meanwhile k long-polls on each server wait in that namespace
# (bench/warm-polls.lua), so every warm-up write wakes them, as a fleet's server has woken its agents
# before: the rounds then time the wake rather than its own code's last compiles.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
n=${1:-10000}
port=18182
replica_port=18183
db="vaas_waits_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
jvm=${VAAS_BENCH_JVM:--Xmx512m}
use_jdk25
ulimit -n "$(ulimit -Hn)"
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests -Dvaas.aot.skip=true package
jar=$(server_jar)
create_db "$db"
work=$(mktemp -d)
master_key=$(head -c 32 /dev/urandom | base64)
pid=""; replica_pid=""; bare_pid=""
cleanup() {
  kill $pid $replica_pid $bare_pid 2>/dev/null || true; wait $pid $replica_pid $bare_pid 2>/dev/null || true
  drop_db "$db"
  rm -rf "$work"
}
trap cleanup EXIT
server() { # port, log
  VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" VAAS_DB_USER=postgres VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" \
    VAAS_MASTER_KEY="$master_key" VAAS_DATA_DIR="$work" \
    "$JAVA_HOME/bin/java" $jvm -jar "$jar" --server.port="$1" --logging.level.root=WARN \
    --server.tomcat.max-connections=$((n + 1000)) --server.tomcat.accept-count=4096 \
    ${VAAS_BENCH_AGENTS_PORT:+--vaas.agents.port=$(($1 + 100))} >"$2" 2>&1 &
}
server $port "$work/server.log"; pid=$!
await_health "$port"
server $replica_port "$work/replica.log"; replica_pid=$!
await_health "$replica_port"
api="http://127.0.0.1:$port/api/v1"; auth="Authorization: Bearer $admin"
# A namespace with the config app ({"n": 0}) and the bundle app that renders it into one file.
bundle_in() { # namespace
  curl -fs -X PUT -H "$auth" "$api/namespaces/$1" >/dev/null
  curl -fs -X PUT -H "$auth" -H 'Content-Type: application/json' -d '{"data":{"n":0}}' "$api/namespaces/$1/configs/app" >/dev/null
  curl -fs -X PUT -H "$auth" -H 'Content-Type: application/json' \
    -d '{"files":[{"area":"configuration","path":"n","template":"{{ config.app.n }}"}]}' "$api/namespaces/$1/bundles/app" >/dev/null
}
bundle_in bench
# A session for each long-poll, as a fleet has: one seed exchanged N times (some exchanges of a
# busy multi-use seed are refused with 503 and counted as used, hence the spare uses).
seed=$(curl -fs -X POST -H "$auth" -H 'Content-Type: application/json' -d "{\"uses\":$((2 * n))}" "$api/namespaces/bench/bundles/app/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
: >"$work/tokens"
while [ "$(wc -l <"$work/tokens")" -lt "$n" ]; do
  SEED=$seed OUT="$work/tokens" wrk -t2 -c16 -d5s -s bench/tokens.lua "$api/auth/token" >/dev/null
done
token=$(head -n 1 "$work/tokens")
warmup=${VAAS_BENCH_WARMUP:-30}
warm_polls=${VAAS_BENCH_WARM_POLLS:-100}
if [ "$warmup" != 0 ]; then
  bundle_in warm
  warm_seed=$(curl -fs -X POST -H "$auth" -H 'Content-Type: application/json' -d '{"uses":1}' "$api/namespaces/warm/bundles/app/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  warm_token=$(curl -fs --data-urlencode grant_type=urn:ietf:params:oauth:grant-type:token-exchange \
    --data-urlencode "subject_token=$warm_seed" --data-urlencode subject_token_type=urn:vaas:params:token-type:seed \
    "$api/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
  ADMIN=$admin wrk -t1 -c1 -d"${warmup}s" -s bench/warm-writes.lua "$api/namespaces/warm/configs/app" >"$work/warm-writes" &
  warm_pids=$!
  for p in $port $replica_port; do
    fetched=$p; [ -n "${VAAS_BENCH_AGENTS_PORT:-}" ] && fetched=$((p + 100))
    # Fails the run here if the warm-up's session cannot fetch.
    curl -fs -o /dev/null -H "Authorization: Bearer $warm_token" "http://127.0.0.1:$fetched/api/v1/agent/bundle"
    wrk -t1 -c1 -d"${warmup}s" -H "Authorization: Bearer $warm_token" "http://127.0.0.1:$fetched/api/v1/agent/bundle" >"$work/warm-fetches-$p" &
    warm_pids="$warm_pids $!"
    if [ "$warm_polls" != 0 ]; then
      wrk -t1 -c"$warm_polls" -d"${warmup}s" --timeout 60s -s bench/warm-polls.lua -H "Authorization: Bearer $warm_token" \
        "http://127.0.0.1:$fetched/api/v1/agent/bundle?wait=55" >"$work/warm-polls-$p" &
      warm_pids="$warm_pids $!"
    fi
  done
  wait $warm_pids
  rate() { awk '/Requests\/sec/ {printf "%.0f/s", $2} /Non-2xx/ {printf " (%s refused)", $NF}' "$1"; }
  echo "warm-up, ${warmup} s: writes $(rate "$work/warm-writes"); fetches $(rate "$work/warm-fetches-$port") on the server and $(rate "$work/warm-fetches-$replica_port") on the replica"
  [ "$warm_polls" = 0 ] || echo "warm-up's $warm_polls long-polls on each: answered $(rate "$work/warm-polls-$port") on the server and $(rate "$work/warm-polls-$replica_port") on the replica"
fi
status_mib() { echo $(( $(awk -v field="$2:" '$1 == field {print $2}' "/proc/$1/status") / 1024 )); } # pid, field
rss() { status_mib "$1" VmRSS; }
peak_rss() { status_mib "$1" VmHWM; } # the most RSS since the start
heap() { curl -fs "http://127.0.0.1:$1/actuator/prometheus" | awk '/^jvm_memory_used_bytes/ && /area="heap"/ {s+=$NF} END {printf "%.0f", s/1048576}'; }
round() { # name, server port, server pid, config value
  local polled=$2; [ -n "${VAAS_BENCH_AGENTS_PORT:-}" ] && polled=$(($2 + 100))
  local digest; digest=$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$polled/api/v1/agent/bundle" | sed 's/.*"digest":"\([^"]*\)".*/\1/')
  "$JAVA_HOME/bin/jcmd" "$3" GC.run >/dev/null 2>&1 || true
  local rss_before heap_before; rss_before=$(rss "$3"); heap_before=$(heap "$2")
  local idle_ticks; idle_ticks=$(cpu_ticks "$3"); sleep 10
  local cpu_before=$(( ($(cpu_ticks "$3") - idle_ticks) * 100 / $(getconf CLK_TCK) / 10 ))
  coproc WAITS { VAAS_BENCH_CPU="polled server=$3,other server=$([ "$3" = "$pid" ] && echo "$replica_pid" || echo "$pid"),postgres" "$JAVA_HOME/bin/java" -Xss256k bench/Waits.java "http://127.0.0.1:$polled" "$work/tokens" "$digest" "$n" 55 "$admin" "http://127.0.0.1:$port" "$4" "${VAAS_BENCH_ROUNDS:-3}" "http://127.0.0.1:$2"; }
  # The coprocess's descriptors, copied: bash closes them and unsets WAITS once it has ended.
  local held answered waits_pid=$WAITS_PID from_waits to_waits
  exec {from_waits}<&"${WAITS[0]}" {to_waits}>&"${WAITS[1]}"
  read -r held <&"$from_waits" || held=""
  echo "== $1: $held"
  if [[ $held != HELD* ]]; then
    local rc=0; wait "$waits_pid" || rc=$?
    echo "bench/Waits.java failed (exit $rc) before every long-poll was held"; exit 1
  fi
  "$JAVA_HOME/bin/jcmd" "$3" GC.run >/dev/null 2>&1 || true
  [ -n "${VAAS_BENCH_HISTOGRAM:-}" ] && "$JAVA_HOME/bin/jcmd" "$3" GC.class_histogram >"$VAAS_BENCH_HISTOGRAM-$4.txt" 2>&1
  echo "server while holding: RSS $(rss "$3") MiB (before: $rss_before MiB), heap used after a full GC $(heap "$2") MiB (before: $heap_before MiB), peak RSS so far $(peak_rss "$3") MiB, OS threads $(ls /proc/$3/task | wc -l)"
  local ticks_before; ticks_before=$(cpu_ticks "$3"); sleep 10
  echo "server CPU while they wait: $(( ($(cpu_ticks "$3") - ticks_before) * 100 / $(getconf CLK_TCK) / 10 ))% of a core over 10 s (before them: $cpu_before%)"
  local line rounds=${VAAS_BENCH_ROUNDS:-3}
  [ -n "${profiler:-}" ] && [ "$rounds" = 1 ] && profile_start "$3" "$profiler"
  echo go >&"$to_waits"
  while read -r line <&"$from_waits" && [ "$line" != DONE ]; do
    echo "$line"
    if [[ $line == READY* ]]; then
      # Only the last round is profiled: the wake with the server's code compiled.
      [ -n "${profiler:-}" ] && [[ $line == "READY round $rounds:"* ]] && profile_start "$3" "$profiler"
      echo go >&"$to_waits"
    fi
    [ -n "${profiler:-}" ] && [[ $line == "ANSWERED round $rounds:"* ]] && profile_stop "$3" "$profiler" "$(realpath "$VAAS_BENCH_PROFILE")/wake-$4"
  done
  # Its connections close once the profiler has stopped.
  (echo done >&"$to_waits") 2>/dev/null || true
  exec {from_waits}<&- {to_waits}>&-
  echo "server's peak RSS since its start (VmHWM, the warm-up and every round included): $(peak_rss "$3") MiB"
  wait "$waits_pid" || { echo "bench/Waits.java failed (exit $?): the figures above are not a complete run"; exit 1; }
}
profiler=""
if [ -n "${VAAS_BENCH_PROFILE:-}" ]; then mkdir -p "$VAAS_BENCH_PROFILE"; profiler=$(async_profiler "$work"); fi
echo "servers: java $jvm; $n long-polls (?wait=55) from bench/Waits.java (one thread, non-blocking sockets), each with a session of its own${VAAS_BENCH_AGENTS_PORT:+, waiting on the Netty agents port}"
round "the write on the same server" $port "$pid" 1
[ -n "${VAAS_BENCH_SAME_ONLY:-}" ] || round "the write on the other replica" $replica_port "$replica_pid" 2
# The reference, unless VAAS_BENCH_BARE=0: Netty alone (bench/BareWake.java, the Netty version Spring
# Boot manages) holds the same N long-polls from the same client and, at each write, answers them
# with the 200 vaas answered (its headers and body as recorded here, under a new ETag), doing
# nothing else: what the wake costs this machine's kernel, network stack and client without vaas.
if [ "${VAAS_BENCH_BARE:-1}" != 0 ]; then
  polled=$port; [ -n "${VAAS_BENCH_AGENTS_PORT:-}" ] && polled=$((port + 100))
  curl -fs -D "$work/headers-200" -o "$work/body.json" -H "Authorization: Bearer $token" -H 'Accept: application/json' \
    "http://127.0.0.1:$polled/api/v1/agent/bundle"
  etag=$(awk -F': ' 'tolower($1) == "etag" {print $2}' "$work/headers-200" | tr -d '\r')
  curl -s -D "$work/headers-304" -o /dev/null -H "Authorization: Bearer $token" -H 'Accept: application/json' \
    -H "If-None-Match: $etag" "http://127.0.0.1:$polled/api/v1/agent/bundle"
  netty_alone "$work/netty"
  bare_port=18184
  "$JAVA_HOME/bin/java" $jvm --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp "$work/netty/*" \
    bench/BareWake.java "$bare_port" "$work/body.json" "$work/headers-200" "$work/headers-304" >"$work/bare.log" 2>&1 &
  bare_pid=$!
  for _ in $(seq 1 120); do grep -qs STARTED "$work/bare.log" && break; sleep 0.25; done
  grep -qs STARTED "$work/bare.log" || { echo "bench/BareWake.java did not start:"; cat "$work/bare.log"; exit 1; }
  # The vaas servers stay up, idle: the client and the reference have the cores to themselves.
  echo "== Netty alone (bench/BareWake.java, java $jvm), the same $n long-polls and answer:"
  # Each round goes once all wait (bench/Waits.java reads its "go" only then).
  { yes go 2>/dev/null || true; } | VAAS_BENCH_CPU="polled server=$bare_pid" "$JAVA_HOME/bin/java" -Xss256k bench/Waits.java \
    "http://127.0.0.1:$bare_port" "$work/tokens" "${etag//\"/}" "$n" 55 "$admin" "http://127.0.0.1:$bare_port" bare \
    "${VAAS_BENCH_ROUNDS:-3}" | grep -v '^READY\|^DONE'
  kill "$bare_pid" 2>/dev/null || true; wait "$bare_pid" 2>/dev/null || true
fi
