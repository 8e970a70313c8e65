#!/usr/bin/env bash
# Bundle delivery over TLS beside nginx serving the same bytes over TLS, in one run: the server with
# server.ssl (a P-256 certificate for localhost made here by openssl) answers HTTPS on its port
# (Tomcat) and on the agents' port (Netty, the server's own TLS), and nginx serves the rendered
# bundle as a static file with the same certificate. wrk (2 threads, keep-alive connections: the
# handshakes are in the warm-up, the measured part is the records' encryption) measures req/s, p50,
# p99 and the server's CPU per request for the 200 and the 304 (If-None-Match), as bench/delivery.sh
# does in plain HTTP.
# Usage: bench/delivery-tls.sh [seconds] [connections] — installs nginx, wrk and openssl from Debian
# if missing, builds the jar (VAAS_BENCH_NO_BUILD=1 skips that), uses a fresh database on the local
# PostgreSQL that it drops afterwards. VAAS_BENCH_JVM adds JVM options; VAAS_BENCH_BUNDLE_KIB pads the
# bundle as in bench/delivery.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
duration=${1:-20}
connections=${2:-64}
warmup=${VAAS_BENCH_WARMUP:-10}
port=18443
agents_port=18444
nginx_port=18445
db="vaas_delivery_tls_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
install_missing wrk nginx openssl
use_jdk25
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests package
jar=$(server_jar)
create_db "$db"
work=$(mktemp -d)
pid=""
cleanup() {
  kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  drop_db "$db"
  rm -rf "$work"
}
trap cleanup EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/key.pem" -out "$work/crt.pem" 2>/dev/null
chmod 644 "$work/key.pem" # nginx reads it as root; its workers never do
VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" VAAS_DB_USER=postgres VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" \
  VAAS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" VAAS_DATA_DIR="$work" \
  "$JAVA_HOME/bin/java" -Xmx1g ${VAAS_BENCH_JVM:-} -jar "$jar" --server.port=$port --logging.level.root=WARN \
  --server.ssl.certificate="file:$work/crt.pem" --server.ssl.certificate-private-key="file:$work/key.pem" \
  --vaas.agents.port=$agents_port >"$work/server.log" 2>&1 &
pid=$!
tls=(--cacert "$work/crt.pem")
for _ in $(seq 1 60); do curl -fs "${tls[@]}" "https://localhost:$port/actuator/health" >/dev/null && break; sleep 1; done
curl -fs "${tls[@]}" "https://localhost:$port/actuator/health" >/dev/null || { echo "the server did not start:"; tail -20 "$work/server.log"; exit 1; }
api="https://localhost:$port/api/v1"
token=$(delivery_bundle "$api" "$admin" "$work" "${tls[@]}")

# nginx serves the very bytes vaas answers with, over TLS with the same certificate.
start_nginx "$work" "$nginx_port" ssl \
  "ssl_certificate $work/crt.pem; ssl_certificate_key $work/key.pem; ssl_protocols TLSv1.2 TLSv1.3;"
curl -fs "${tls[@]}" -H "Authorization: Bearer $token" "$api/agent/bundle" -o "$work/www/bundle.json"
digest=$(sed 's/.*"digest":"\([^"]*\)".*/\1/' "$work/www/bundle.json")
chmod 644 "$work/www/bundle.json"
sleep 1
nginx_etag=$(curl -fsI "${tls[@]}" "https://localhost:$nginx_port/bundle.json" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
answer=$(curl -s "${tls[@]}" -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "https://localhost:$agents_port/api/v1/agent/bundle")
[ "$answer" = 200 ] || { echo "the agents' port did not answer 200 over verified TLS: $answer"; exit 1; }
protocol() { openssl s_client -brief -connect "127.0.0.1:$1" </dev/null 2>&1 | awk -F': ' '/Protocol version/ {print $2}'; }
row_pids() { # the server processes of a row: the vaas server, or nginx's workers
  if [[ $1 == nginx* ]]; then pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' '; else echo "$pid"; fi
}
nginx_rps=""
rows=()
agents="https://localhost:$agents_port/api/v1/agent/bundle"
echo "over TLS ($(protocol $agents_port) on the agents' port, $(protocol $port) on the server's, $(protocol $nginx_port) on nginx; P-256 certificate): bundle $(wc -c <"$work/www/bundle.json") bytes of JSON; wrk -t2 -c$connections, ${duration}s after ${warmup}s warm-up"
echo "| path | req/s | p50 | p99 | server CPU per request (µs) | non-2xx/3xx |"
echo "|---|---|---|---|---|---|"
wrk_row "vaas 200, agents' port (Netty, TLS)" "$agents" "Authorization: Bearer $token"
wrk_row "vaas 200, server's port (Tomcat, TLS)" "$api/agent/bundle" "Authorization: Bearer $token"
wrk_row "nginx 200 (same bytes, TLS)" "https://localhost:$nginx_port/bundle.json"
shares=$(share); rows=()
wrk_row "vaas 304, agents' port (Netty, TLS)" "$agents" "Authorization: Bearer $token" "If-None-Match: \"$digest\""
wrk_row "vaas 304, server's port (Tomcat, TLS)" "$api/agent/bundle" "Authorization: Bearer $token" "If-None-Match: \"$digest\""
wrk_row "nginx 304 (If-None-Match, TLS)" "https://localhost:$nginx_port/bundle.json" "If-None-Match: $nginx_etag"
echo
echo "$shares"
share
