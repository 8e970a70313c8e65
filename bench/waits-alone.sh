#!/usr/bin/env bash
# What a waiting long-poll costs the web server alone, beside bench/waits.sh's figure for the
# server: Tomcat alone (bench/BareTomcat.java, the jar's own Tomcat as the server runs it, each
# poll asynchronous without a thread) and Netty alone (bench/BareNetty.java, the Netty version
# Spring Boot manages) each hold N requests (default 10,000), sent by wrk on N connections as
# GET /bundle?wait=… with the current ETag; the script reads each server's RSS (and Java heap in
# use after a full GC) before the polls and once all N connections are open and waiting.
# Usage: bench/waits-alone.sh [n] — builds the jar (VAAS_BENCH_NO_BUILD=1 skips that). VAAS_BENCH_JVM:
# the servers' JVM options (default -Xmx1500m: Tomcat alone needs about 800 MiB of heap for 10,000).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
n=${1:-10000}
hold=120
tomcat_port=18196
netty_port=18197
jvm=${VAAS_BENCH_JVM:--Xmx1500m}
install_missing wrk
use_jdk25
ulimit -n "$(ulimit -Hn)"
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests -Dvaas.aot.skip=true package
work=$(mktemp -d)
pids=()
cleanup() {
  # SIGKILL: a server out of heap may not end on SIGTERM, and these keep nothing.
  kill -9 "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A small manifest-like answer with an ETag, in the form bench/BareTomcat.java reads.
printf '{"bundle":"bench/app","revision":1,"digest":"bench","files":[]}\n' >"$work/body.json"
printf 'HTTP/1.1 200\r\nETag: "bench"\r\nContent-Type: application/json\r\nCache-Control: no-cache\r\n\r\n' >"$work/headers-200"
printf 'HTTP/1.1 304\r\nETag: "bench"\r\nCache-Control: no-cache\r\n\r\n' >"$work/headers-304"
tomcat_alone "$(server_jar)" "$work/tomcat"
netty_alone "$work/netty"
mkdir -p "$work/tomcat/base"

start() { # name, log, java arguments...
  local name=$1 log=$2; shift 2
  "$JAVA_HOME/bin/java" $jvm "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do grep -qs STARTED "$log" && return 0; sleep 0.25; done
  echo "$name did not start:"; cat "$log"; exit 1
}
rss() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }
heap() { # MiB of Java heap in use right after a full GC
  timeout 60 "$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null || { echo "no answer from the server (out of heap? see VAAS_BENCH_JVM)" >&2; exit 1; }
  timeout 60 "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit } }'
}
established() { ss -Htn state established "( sport = :$1 )" | wc -l; }

measure() { # name, port, pid
  local name=$1 port=$2 pid=$3 url="http://127.0.0.1:$2/bundle"
  # Warm the path up, then the figures with nothing waiting.
  wrk -t2 -c64 -d5s -H 'If-None-Match: "bench"' "$url" >/dev/null
  local heap0 rss0; heap0=$(heap "$pid"); rss0=$(rss "$pid")
  wrk -t2 -c"$n" -d"${hold}s" --timeout "$((hold + 30))s" -H 'If-None-Match: "bench"' "$url?wait=$hold" >"$work/wrk-$name" 2>&1 &
  local client=$!
  local deadline=$((SECONDS + 60)) open=0
  while [ "$SECONDS" -lt "$deadline" ]; do
    open=$(established "$port")
    [ "$open" -ge "$n" ] && break
    sleep 0.5
  done
  [ "$open" -ge "$n" ] || { echo "$name: only $open of $n connections open after 60 s"; exit 1; }
  # The requests are held once sent: the poll's count of connections stays at n while wrk waits.
  local heap1 rss1; heap1=$(heap "$pid"); rss1=$(rss "$pid")
  printf '| %-14s | %6d | %9d | %9d | %7.1f | %9d | %9d | %7.1f |\n' "$name" "$open" "$rss0" "$rss1" \
    "$(awk -v a="$rss0" -v b="$rss1" -v n="$n" 'BEGIN { print (b - a) * 1024 / n }')" "$heap0" "$heap1" \
    "$(awk -v a="$heap0" -v b="$heap1" -v n="$n" 'BEGIN { print (b - a) * 1024 / n }')"
  kill "$client" 2>/dev/null || true; wait "$client" 2>/dev/null || true
}

start "bench/BareTomcat.java" "$work/tomcat.log" -cp "$work/tomcat/*" bench/BareTomcat.java "$tomcat_port" \
  "$work/body.json" "$work/headers-200" "$work/headers-304" "$work/tomcat/base"
tomcat_pid=${pids[-1]}
start "bench/BareNetty.java" "$work/netty.log" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -cp "$work/netty/*" bench/BareNetty.java "$netty_port" "$work/body.json" "$work/headers-200" "$work/headers-304"
netty_pid=${pids[-1]}

echo "$n waiting long-polls (wrk -t2 -c$n, ?wait=$hold), JVM $jvm"
echo "| server | open | RSS before (MiB) | RSS waiting (MiB) | RSS per poll (KB) | heap before (MiB) | heap waiting (MiB) | heap per poll (KB) |"
echo "|---|---|---|---|---|---|---|---|"
measure "Tomcat alone" "$tomcat_port" "$tomcat_pid"
measure "Netty alone" "$netty_port" "$netty_pid"
