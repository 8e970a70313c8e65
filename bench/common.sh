# Shared by the bench scripts (sourced, not run): the JDK, Debian tools, the server jar, a
# database of its own on the local PostgreSQL, and waiting for a server to answer.

# Exports JAVA_HOME of a JDK 25 or newer: the one set, else the one this machine has.
use_jdk25() {
  for jdk in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64; do
    if [ -n "$jdk" ] && [ -x "$jdk/bin/java" ] && "$jdk/bin/java" -version 2>&1 | grep -q 'version "2[5-9]'; then
      export JAVA_HOME=$jdk; return
    fi
  done
}

# The delivery benches' bundle, made through the API base URL with the admin token: namespace
# bench, a config, two secrets and five files (4 KiB of JSON manifest), padded with a config of
# about VAAS_BENCH_BUNDLE_KIB KiB more when that is set; prints an access token of a session of its
# own for it. Further arguments: curl options (--cacert for an HTTPS server).
delivery_bundle() { # api, admin token, work directory, curl options...
  local api=$1 auth="Authorization: Bearer $2" work=$3 json='Content-Type: application/json'; shift 3
  local c=(curl -fs "$@")
  "${c[@]}" -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null
  "${c[@]}" -X PUT -H "$auth" -H "$json" -d '{"data":{"port":3306,"db":{"name":"shop","pool":20,"timeout_ms":5000},"log":{"level":"info","format":"json"}}}' "$api/namespaces/bench/configs/mariadb" >/dev/null
  "${c[@]}" -X PUT -H "$auth" -H "$json" -d '{"value":"correct-horse-battery-staple"}' "$api/namespaces/bench/secrets/db_password" >/dev/null
  "${c[@]}" -X PUT -H "$auth" -H "$json" -d "{\"valueBase64\":\"$(head -c 1700 /dev/urandom | base64 -w0)\"}" "$api/namespaces/bench/secrets/tls_key" >/dev/null
  local padding=""
  if [ "${VAAS_BENCH_BUNDLE_KIB:-0}" -gt 0 ]; then
    # A config of that many KiB of short keys, as a JSON file of its own in the bundle.
    python3 -c "import json,sys; n=int(sys.argv[1]); print(json.dumps({'data': {'k%05d' % i: 'v' * 24 for i in range(n * 1024 // 40)}}))" \
      "$VAAS_BENCH_BUNDLE_KIB" >"$work/padding.json"
    "${c[@]}" -X PUT -H "$auth" -H "$json" --data-binary @"$work/padding.json" "$api/namespaces/bench/configs/padding" >/dev/null
    padding='{"area":"configuration","path":"padding.json","config":"padding","format":"json"},'
  fi
  "${c[@]}" -X PUT -H "$auth" -H "$json" -d '{"files":['"$padding"'
    {"area":"configuration","path":"my.cnf","template":"[mysqld]\nport={{ config.mariadb.port }}\ndatabase={{ config.mariadb.db.name }}\nmax_connections={{ config.mariadb.db.pool }}\n"},
    {"area":"configuration","path":"app.yaml","config":"mariadb","format":"yaml"},
    {"area":"configuration","path":"ENV","env":{"config":"mariadb"}},
    {"area":"secret","path":"ENV","env":{"secrets":["db_password"]}},
    {"area":"secret","path":"tls/server.key","secret":"tls_key"}]}' "$api/namespaces/bench/bundles/app" >/dev/null
  local seed
  seed=$("${c[@]}" -X POST -H "$auth" -H "$json" -d '{}' "$api/namespaces/bench/bundles/app/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  exchange_seed "$api" "$seed" "$@"
}

# nginx serving <work>/www (made here, readable by its workers, which run as nobody) as static
# files with ETags on 127.0.0.1:<port>; further arguments are added to its listen directive and to its
# server block (for TLS: "ssl" and the certificate's directives). Its pid in <work>/nginx.pid.
start_nginx() { # work directory, port, listen flags, server directives
  local work=$1 on=$2 listen=${3:-} directives=${4:-}
  mkdir -p "$work/www" "$work/nginx"
  chmod 755 "$work" "$work/www"
  cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work/nginx; proxy_temp_path $work/nginx; fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
  server { listen 127.0.0.1:$on $listen; root $work/www; etag on; $directives }
}
CONF
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$work/nginx.conf" -p "$work"
}

# The CPU time (user and system, clock ticks) of these processes, all their threads.
cpu_ticks() {
  local total=0 p
  for p in "$@"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo "$total"
}

# One table row of the delivery benches: wrk -t2 -c$connections for $warmup s, then $duration s
# measured: req/s, p50, p99, and the CPU per request of the processes that the sourcing script's
# row_pids names for the row; the script's row_hook (if it has one) runs with start and stop around
# the measured part. The rate is kept in rows[] (and in nginx_rps for a row named nginx…).
wrk_row() { # name, url, headers...
  local name=$1 url=$2; shift 2
  local args=(); for h in "$@"; do args+=(-H "$h"); done
  wrk -t2 -c"$connections" -d"${warmup}s" "${args[@]}" "$url" >/dev/null
  local pids ticks; pids=$(row_pids "$name"); ticks=$(cpu_ticks $pids)
  if declare -F row_hook >/dev/null; then row_hook start "$name"; fi
  local out; out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "${args[@]}" "$url")
  if declare -F row_hook >/dev/null; then row_hook stop "$name"; fi
  ticks=$(( $(cpu_ticks $pids) - ticks ))
  local rps p50 p99 non2xx requests cpu
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  [ "${requests:-0}" -gt 0 ] || { echo "wrk answered nothing for $name:"; echo "$out"; exit 1; }
  cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')
  [[ $name == nginx* ]] && nginx_rps=$rps
  printf '| %-36s | %10s | %8s | %8s | %6s | %s |\n' "$name" "$rps" "$p50" "$p99" "$cpu" "${non2xx:-0}"
  rows+=("$name|$rps")
}

# The rows kept by wrk_row, other than nginx's, as shares of the nginx row's rate.
share() {
  for row in "${rows[@]}"; do
    [[ $row == nginx* ]] && continue
    awk -v n="${row%%|*}" -v r="${row##*|}" -v g="$nginx_rps" 'BEGIN { printf "%s: %.0f%% of nginx\n", n, 100 * r / g }'
  done
}

# Installs from Debian each named tool that is neither on PATH nor in /usr/sbin.
install_missing() {
  local missing=""
  for tool in "$@"; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || missing="$missing $tool"
  done
  if [ -n "$missing" ]; then apt-get update -qq && apt-get install -y -qq $missing >/dev/null; fi
}

# The packaged server jar (not the agent's).
server_jar() {
  ls target/vaas-*.jar | grep -v -e original -e agent | head -n 1
}

create_db() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $1"
}

drop_db() {
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" || true
}

# Waits up to 60 s for the server on the port to report healthy; fails (status 1) if it does not.
await_health() {
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$1/actuator/health" >/dev/null && return 0; sleep 1; done
  echo "the server on port $1 did not report healthy within 60 s" >&2
  return 1
}

# The access token for a seed, exchanged at the API base URL (further arguments: curl options).
exchange_seed() {
  curl -fs "${@:3}" -X POST -d "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=$2&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed" \
    "$1/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

# The jar's own Tomcat (tomcat-embed-core and the annotations API) into the folder, for
# bench/BareTomcat.java.
tomcat_alone() { # server jar, folder
  mkdir -p "$2"
  unzip -q -o -j "$1" 'BOOT-INF/lib/tomcat-embed-core-*.jar' 'BOOT-INF/lib/jakarta.annotation-api-*.jar' -d "$2"
}

# Netty as Spring Boot manages it (the version of the project's parent), with epoll, from Maven
# Central into the folder, for bench/BareNetty.java: through a throwaway POM.
netty_alone() { # folder
  local boot
  boot=$(sed -n '/<parent>/,/<\/parent>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml)
  mkdir -p "$1"
  cat >"$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>$boot</version><relativePath/></parent>
  <groupId>bench</groupId><artifactId>netty-alone</artifactId><version>0</version>
  <dependencies>
    <dependency><groupId>io.netty</groupId><artifactId>netty-codec-http</artifactId></dependency>
    <dependency><groupId>io.netty</groupId><artifactId>netty-transport-native-epoll</artifactId><classifier>linux-x86_64</classifier></dependency>
  </dependencies>
</project>
POM
  ./mvnw -q -B -f "$1/pom.xml" dependency:copy-dependencies -DoutputDirectory="$1" >/dev/null
}

# async-profiler (Maven Central's tools.profiler:async-profiler) into the folder, once; prints the
# path of its agent library.
async_profiler() {
  [ -f "$1/linux-x64/libasyncProfiler.so" ] || {
    ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.5 -DoutputDirectory="$1" -Dmdep.stripVersion=true
    (cd "$1" && unzip -q -o async-profiler.jar 'linux-x64/*')
  }
  echo "$1/linux-x64/libasyncProfiler.so"
}

# CPU samples of a running JVM (pid, agent library) between profile_start and profile_stop, which
# writes a flame graph (<out>.html) and the stacks as text (<out>.collapsed). One sample per
# VAAS_BENCH_PROFILE_INTERVAL of CPU (default 1ms; e.g. 200us for more samples of a short wake).
# VAAS_BENCH_PROFILE_EVENT=alloc samples the heap's allocations instead (one per 512 KiB allocated,
# weighed by size), to see what fills the young generation.
profile_start() {
  local how="event=cpu,interval=${VAAS_BENCH_PROFILE_INTERVAL:-1ms}"
  [ "${VAAS_BENCH_PROFILE_EVENT:-cpu}" = alloc ] && how="event=alloc,alloc=512k"
  "$JAVA_HOME/bin/jcmd" "$1" JVMTI.agent_load "$2" "\"start,$how\"" >/dev/null
}
profile_stop() { # pid, library, output path without extension
  "$JAVA_HOME/bin/jcmd" "$1" JVMTI.agent_load "$2" "\"dump,collapsed,file=$3.collapsed\"" >/dev/null
  "$JAVA_HOME/bin/jcmd" "$1" JVMTI.agent_load "$2" "\"stop,file=$3.html\"" >/dev/null
}

# Starts the packaged server in the background on a database of the local PostgreSQL, with the
# admin token and data directory given; JVM options from VAAS_BENCH_JVM. Sets server_pid.
start_server() { # port, database, admin token, work directory, server arguments...
  local on=$1 database=$2 token=$3 dir=$4; shift 4
  VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" VAAS_DB_USER=postgres VAAS_BOOTSTRAP_ADMIN_TOKEN="$token" \
    VAAS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" VAAS_DATA_DIR="$dir" \
    "$JAVA_HOME/bin/java" ${VAAS_BENCH_JVM:--Xmx1g} -jar "$(server_jar)" --server.port="$on" --logging.level.root=WARN \
    "$@" >"$dir/server-$on.log" 2>&1 &
  server_pid=$!
  await_health "$on"
}

# A plot (SVG) of a table of whitespace-separated columns: x in column 1, one line per further
# column, each named in the table's first line. Installs gnuplot from Debian if missing.
plot() { # table, svg, title, x label, y label, "log" for logarithmic axes
  command -v gnuplot >/dev/null || { apt-get update -qq && apt-get install -y -qq gnuplot-nox >/dev/null; }
  local columns; columns=$(head -n 1 "$1" | wc -w)
  gnuplot <<PLOT
set terminal svg size 720,420 dynamic noenhanced font "sans,12"
set output "$2"
set title "$3"
set xlabel "$4"
set ylabel "$5"
set key outside right
set grid
$( [ "${6:-}" = log ] && echo "set logscale xy" )
plot for [i=2:$columns] "$1" using 1:i with linespoints title columnheader(i)
PLOT
}
