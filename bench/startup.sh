#!/usr/bin/env bash
# Server start-up on the embedded default: AOT-processed (-Dspring.aot.enabled=true) with the JDK's
# AOT cache that the build makes (target/app/vaas.aot, from a training run in `package`); then
# the previous way (a cache trained without AOT processing, made here by a training run like the
# build's), AOT processing alone, and neither: the `Started VaasApplication in`
# figure of each of [runs] starts (default 5) of target/app/vaas-<version>.jar, on one data
# directory made by a first start that is not counted (so no run applies migrations).
# Usage: bench/startup.sh [runs]. VAAS_BENCH_PROFILE=<dir>: then one more start with the cache under
# async-profiler (CPU samples of every thread until the server stops): <dir>/startup.html, and the
# CPU time of the main thread and of the JIT compiler threads (from a start before that one).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
runs=${1:-5}
use_jdk25
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests package
jar=$(ls target/app/vaas-*.jar | head -n 1)
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
start() { # prints "<started in> <process running for>" of one start, then stops the server
  local log="$data/server.log" pid
  "$JAVA_HOME/bin/java" "$@" -jar "$jar" --server.port=18097 --vaas.data-dir="$data" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -qs "Started VaasApplication" "$log" && break; sleep 0.25; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sed -n 's/.*Started VaasApplication in \([0-9.]*\) seconds (process running for \([0-9.]*\)).*/\1 \2/p' "$log"
}
start >/dev/null
row() { # name, JVM options...
  local name=$1; shift
  local figures=()
  for _ in $(seq 1 "$runs"); do figures+=("$(start "$@")"); done
  printf '%s\n' "${figures[@]}" | sort -n | awk -v name="$name" -v n="$runs" '
    { s[NR] = $1; p[NR] = $2; all = all (NR > 1 ? ", " : "") $1 }
    END { m = int((n + 1) / 2); printf "| %s | %.2f s | %.2f s | %s |\n", name, s[m], p[m], all }'
}
echo "| JVM | Started … in (median of $runs) | process running for | each run |"
echo "|---|---|---|---|"
aot="-XX:AOTCache=target/app/vaas.aot -Dspring.aot.enabled=true"
row "$aot" $aot
# The previous way: a cache trained on the usual start.
"$JAVA_HOME/bin/java" -XX:AOTCacheOutput="$data/usual.aot" -Dspring.context.exit=onRefresh -jar "$jar" \
  --server.port=0 --vaas.data-dir="$data" >"$data/training.log" 2>&1
row "previous: -XX:AOTCache trained on the usual start" -XX:AOTCache="$data/usual.aot"
row "-Dspring.aot.enabled=true, no AOT cache" -Dspring.aot.enabled=true
row "neither"
if [ -n "${VAAS_BENCH_PROFILE:-}" ]; then
  mkdir -p "$VAAS_BENCH_PROFILE"; out=$(realpath "$VAAS_BENCH_PROFILE")
  profiler=$(async_profiler "$data")
  start $aot -agentpath:"$profiler=start,event=cpu,interval=1ms,threads,collapsed,file=$data/startup.collapsed" >/dev/null
  start $aot -agentpath:"$profiler=start,event=cpu,interval=1ms,threads,file=$out/startup.html" | \
    awk '{printf "profiled start: Started … in %s s\n", $1}'
  awk '{ n = $NF; split($0, f, ";"); t = f[1]; all += n
         if (t ~ /DestroyJavaVM|main/) m += n; else if (t ~ /C2 Compiler/) c2 += n; else if (t ~ /C1 Compiler/) c1 += n; else if (t ~ /GC|G1/) gc += n }
       END { printf "CPU until stopped (ms): all threads %d, main %d, C2 %d, C1 %d, GC %d\n", all, m, c2, c1, gc }' "$data/startup.collapsed"
fi
