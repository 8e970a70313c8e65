#!/usr/bin/env bash
# Cost curve of the bundle list: GET /namespaces/{ns}/bundles?limit=100 (the first page, the page
# after the middle name, the last page) as one namespace grows to 1,000, 10,000 and 100,000 bundles,
# measured with wrk (2 threads, 4 connections, 10 s after 3 s of warm-up). The bundles are copies of
# one saved through the API (rows and revision, made by PostgreSQL: saving 100,000 through the API
# would measure the writer, not the list).
# Usage: bench/curve-bundles.sh — writes bench/results/bundles.tsv and bundles.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
port=18190
db="vaas_bundles_$(date +%s)"
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
curl -fs -X PUT -H "$auth" -H "$json" -d '{"files":[{"area":"configuration","path":"app.conf","template":"port=3306\n"}]}' \
  "$api/namespaces/bench/bundles/template" >/dev/null
grow() { # to this many bundles named b-000001…
  psql -q -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO bundles (id, namespace, name, latest_revision, created_at, updated_at)
  SELECT gen_random_uuid(), 'bench', 'b-' || lpad(i::text, 6, '0'), 1, now(), now()
  FROM generate_series((SELECT count(*) FROM bundles WHERE name LIKE 'b-%') + 1, $1) i;
INSERT INTO bundle_revisions (id, bundle_id, revision, files, author, created_at, comment, digest)
  SELECT gen_random_uuid(), b.id, 1, t.files, 'bench', now(), NULL, t.digest
  FROM bundles b, (SELECT r.files, r.digest FROM bundle_revisions r JOIN bundles x ON r.bundle_id = x.id
                   WHERE x.name = 'template') t
  WHERE b.name LIKE 'b-%' AND NOT EXISTS (SELECT 1 FROM bundle_revisions r2 WHERE r2.bundle_id = b.id);
VACUUM ANALYZE bundles;
SQL
}
p99() { # url: p99 (ms) and req/s of GET with wrk, after 3 s of warm-up
  wrk -t2 -c4 -d3s -H "$auth" "$1" >/dev/null
  local out; out=$(wrk -t2 -c4 -d10s --latency -H "$auth" "$1")
  awk 'function ms(v) { n = v + 0; if (v ~ /us$/) return n / 1000; if (v ~ /ms$/) return n; if (v ~ /s$/) return n * 1000; return n }
    $1 == "99%" { p99 = ms($2) } /Requests\/sec/ { rps = $2 } END { printf "%.2f %.0f\n", p99, rps }' <<<"$out"
}
table=bench/results/bundles.tsv
echo "bundles first_page_p99_ms middle_page_p99_ms last_page_p99_ms" >"$table"
echo "| bundles | first page p99 (req/s) | page after the middle p99 (req/s) | last page p99 (req/s) |"
echo "|---|---|---|---|"
for target in 1000 10000 100000; do
  grow "$target"
  last=$(printf 'b-%06d' $(( target - 99 )))   # 99 more and "template": the last 100
  middle=$(printf 'b-%06d' $(( target / 2 )))
  curl -fs -H "$auth" "$api/namespaces/bench/bundles?limit=100&after=$last" | grep -q '"next":null' \
    || { echo "the last page is not the last"; exit 1; }
  read -r first first_rps <<<"$(p99 "$api/namespaces/bench/bundles?limit=100")"
  read -r mid mid_rps <<<"$(p99 "$api/namespaces/bench/bundles?limit=100&after=$middle")"
  read -r end end_rps <<<"$(p99 "$api/namespaces/bench/bundles?limit=100&after=$last")"
  echo "$target $first $mid $end" >>"$table"
  echo "| $target | $first ms ($first_rps) | $mid ms ($mid_rps) | $end ms ($end_rps) |"
done
plot "$table" bench/results/bundles.svg "Bundle list: p99 (ms) of a page of 100 against bundles in the namespace" \
  "bundles" "ms" log
echo "table: $table; plot: bench/results/bundles.svg"
