#!/usr/bin/env bash
# Cost curve of bundle delivery against bundle size: GET /api/v1/agent/bundle (the JSON manifest, a
# 200 each time) for bundles of about 1 KiB, 100 KiB, 1 MiB (one file of 880 KiB of JSON, under the
# 1 MiB file budget) and 8 MiB (eight such files, under the 8 MiB output
# budget: a bundle cannot hold 10 MiB), beside nginx serving the very same bytes as a static file,
# with wrk (2 threads, 16 connections, 10 s after 5 s of warm-up each).
# Usage: bench/curve-fetch.sh — writes bench/results/fetch-size.tsv and fetch-size.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
port=18187
nginx_port=18281
db="vaas_fetch_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
install_missing wrk nginx
use_jdk25
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests -Dvaas.aot.skip=true package
create_db "$db"
work=$(mktemp -d)
cleanup() {
  kill "${server_pid:-}" 2>/dev/null || true; wait "${server_pid:-}" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  drop_db "$db"; rm -rf "$work"
}
trap cleanup EXIT
start_server $port "$db" "$admin" "$work"
api="http://127.0.0.1:$port/api/v1"; auth="Authorization: Bearer $admin"; json='Content-Type: application/json'
curl -fs -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null

start_nginx "$work" "$nginx_port"

# A bundle of `files` JSON files rendered from configs of about `kib` KiB each.
bundle() { # name, files, KiB per file
  local name=$1 files=$2 kib=$3 list=""
  for i in $(seq 1 "$files"); do
    python3 -c "import json,sys; n=int(sys.argv[1]); print(json.dumps({'data': {'k%06d' % i: 'v' * 24 for i in range(max(1, n * 1024 // 40))}}))" \
      "$kib" >"$work/config.json"
    curl -fs -X PUT -H "$auth" -H "$json" --data-binary @"$work/config.json" "$api/namespaces/bench/configs/$name-$i" >/dev/null
    list="$list${list:+,}{\"area\":\"configuration\",\"path\":\"part-$i.json\",\"config\":\"$name-$i\",\"format\":\"json\"}"
  done
  curl -fs -X PUT -H "$auth" -H "$json" -d "{\"files\":[$list]}" "$api/namespaces/bench/bundles/$name" >/dev/null
}
run() { # url, headers...: req/s, p50, p99 (ms) and transfer (MiB/s) of wrk
  local url=$1; shift
  local args=(); for h in "$@"; do args+=(-H "$h"); done
  wrk -t2 -c16 -d5s "${args[@]}" "$url" >/dev/null
  local out; out=$(wrk -t2 -c16 -d10s --latency "${args[@]}" "$url")
  awk '
    function ms(v) { n = v + 0; if (v ~ /us$/) return n / 1000; if (v ~ /ms$/) return n; if (v ~ /s$/) return n * 1000; return n }
    function mib(v) { n = v + 0; if (v ~ /GB$/) return n * 1024; if (v ~ /MB$/) return n; if (v ~ /KB$/) return n / 1024; return n / 1048576 }
    /Requests\/sec/ { rps = $2 } /Transfer\/sec/ { tps = mib($2) } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    END { printf "%.0f %.2f %.2f %.1f\n", rps, p50, p99, tps }' <<<"$out"
}
table=bench/results/fetch-size.tsv
echo "bytes vaas_req_s nginx_req_s vaas_p99_ms nginx_p99_ms" >"$table"
echo "| bundle (manifest bytes) | vaas req/s | vaas p50 / p99 | vaas MiB/s | nginx req/s | nginx p50 / p99 | nginx MiB/s | vaas / nginx |"
echo "|---|---|---|---|---|---|---|---|"
for size in "1k 1 1" "100k 1 100" "1m 1 880" "8m 8 880"; do
  read -r name files kib <<<"$size"
  bundle "$name" "$files" "$kib"
  seed=$(curl -fs -X POST -H "$auth" -H "$json" -d '{}' "$api/namespaces/bench/bundles/$name/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
  token=$(exchange_seed "$api" "$seed")
  curl -fs -H "Authorization: Bearer $token" "$api/agent/bundle" -o "$work/www/$name.json"
  chmod 644 "$work/www/$name.json"
  bytes=$(stat -c %s "$work/www/$name.json")
  read -r v_rps v_p50 v_p99 v_tps <<<"$(run "$api/agent/bundle" "Authorization: Bearer $token")"
  read -r n_rps n_p50 n_p99 n_tps <<<"$(run "http://127.0.0.1:$nginx_port/$name.json")"
  echo "$bytes $v_rps $n_rps $v_p99 $n_p99" >>"$table"
  share=$(awk -v v="$v_rps" -v n="$n_rps" 'BEGIN { printf "%.0f%%", 100 * v / n }')
  echo "| $name ($bytes) | $v_rps | $v_p50 / $v_p99 ms | $v_tps | $n_rps | $n_p50 / $n_p99 ms | $n_tps | $share |"
done
plot "$table" bench/results/fetch-size.svg "Bundle fetch (JSON manifest): req/s and p99 (ms) against manifest bytes" \
  "manifest bytes" "req/s, ms" log
echo "table: $table; plot: bench/results/fetch-size.svg"
