#!/usr/bin/env bash
# Cost curve of the audit log: as it grows to 10,000, 100,000 and 1,000,000 events, the time of
# POST /audit/verify (the whole chain) and the latency of GET /audit pages (the newest page, a page
# filtered by action, and the oldest page), measured with wrk (2 threads, 4 connections, 10 s each,
# after VAAS_BENCH_WARMUP seconds of the same requests, default 10).
# The events are appended by PostgreSQL itself (a PL/pgSQL loop that links each event into the hash
# chain exactly as the server's sequencer does, holding the chain's head lock), so the chain verifies.
# Usage: bench/curve-audit.sh [largest] — writes bench/results/audit.tsv and audit.svg.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
largest=${1:-1000000}
port=18186
db="vaas_audit_$(date +%s)"
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
api="http://127.0.0.1:$port/api/v1"; auth="Authorization: Bearer $admin"
sql() { psql -q -h 127.0.0.1 -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"; }

# One field as HashChain encodes it: a 4-byte big-endian length and the UTF-8 bytes (-1: null).
sql <<'SQL'
CREATE FUNCTION bench_field(value text) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN value IS NULL THEN int4send(-1)
    ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END $$;
CREATE FUNCTION bench_audit(n bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s bigint; h bytea; prev bytea; at timestamptz := date_trunc('second', now());
  stamp text := to_char(date_trunc('second', now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
  action text; resource text;
BEGIN
  SELECT last_seq, coalesce(last_hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
    INTO s, h FROM audit_head WHERE id = 1 FOR UPDATE;
  FOR i IN 1..n LOOP
    s := s + 1; prev := h;
    action := CASE WHEN s % 10 = 0 THEN 'secret.read' ELSE 'config.write' END;
    resource := 'config-' || (s % 1000);
    h := sha256(prev || bench_field(s::text) || bench_field(stamp) || bench_field('bench') || bench_field('bench')
      || bench_field(action) || bench_field('bench') || bench_field(resource) || bench_field((s % 50)::text)
      || bench_field('127.0.0.1') || bench_field('success') || bench_field(NULL));
    INSERT INTO audit_events (seq, occurred_at, actor_id, actor_name, action, namespace, resource, version,
        client_address, outcome, detail, prev_hash, hash)
      VALUES (s, at, 'bench', 'bench', action, 'bench', resource, s % 50, '127.0.0.1', 'success', NULL, prev, h);
  END LOOP;
  UPDATE audit_head SET last_seq = s, last_hash = h WHERE id = 1;
END $$;
SQL
curl -fs -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null

p99() { # url: p99 and req/s of GET with wrk, after VAAS_BENCH_WARMUP seconds of warm-up (default 10; 3 before 2026-12-05)
  wrk -t2 -c4 -d"${VAAS_BENCH_WARMUP:-10}s" -H "$auth" "$1" >/dev/null
  local out; out=$(wrk -t2 -c4 -d10s --latency -H "$auth" "$1")
  echo "$(awk '$1=="99%" {print $2}' <<<"$out") $(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")"
}
ms() { # a wrk latency (e.g. 812.00us, 3.10ms, 1.20s) in ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}
table=bench/results/audit.tsv
echo "events verify_s newest_page_p99_ms filtered_page_p99_ms oldest_page_p99_ms first_filtered_page_ms" >"$table"
echo "| events | verify | newest page p99 (req/s) | page filtered by action p99 (req/s) | oldest page p99 (req/s) | a filter's first page | count of an action's matches in PostgreSQL |"
echo "|---|---|---|---|---|---|---|"
have=$(sql -At -c "select last_seq from audit_head where id = 1")
for target in 10000 100000 1000000; do
  [ "$target" -le "$largest" ] || break
  sql -c "select bench_audit($target - (select last_seq from audit_head where id = 1))" >/dev/null
  sql -c "VACUUM ANALYZE audit_events" >/dev/null
  verify=$(curl -fs -o "$work/verify.json" -w '%{time_total}' -X POST -H "$auth" "$api/audit/verify")
  grep -q '"intact":true' "$work/verify.json" || { echo "the chain does not verify: $(cat "$work/verify.json")"; exit 1; }
  events=$(sed 's/.*"events":\([0-9]*\).*/\1/' "$work/verify.json")
  pages=$(curl -fs -H "$auth" "$api/audit?size=50" | sed 's/.*"totalPages":\([0-9]*\).*/\1/')
  read -r newest newest_rps <<<"$(p99 "$api/audit?size=50")"
  # A filter never asked before counts every match (later pages and requests count only the
  # events chained since): a bound in the future no one has used makes the filter new.
  first=$(curl -fs -o /dev/null -w '%{time_total}' -H "$auth" "$api/audit?size=50&action=secret.read&until=2100-01-01T00:00:00.$(date +%N)Z")
  first=$(awk -v s="$first" 'BEGIN { printf "%.1f", s * 1000 }')
  # What the first request of an action filter alone costs the database: one count of its matches.
  counted=$(sql -At -c "EXPLAIN (ANALYZE, FORMAT JSON) select count(seq) from audit_events where action = 'secret.read' and seq between 1 and $target" \
    | grep -o '"Execution Time": [0-9.]*' | awk '{printf "%.1f", $3}')
  read -r filtered filtered_rps <<<"$(p99 "$api/audit?size=50&action=secret.read")"
  read -r oldest oldest_rps <<<"$(p99 "$api/audit?size=50&page=$(( pages - 1 ))")"
  echo "$events $verify $(ms "$newest") $(ms "$filtered") $(ms "$oldest") $first" >>"$table"
  echo "| $events | $(printf '%.2f' "$verify") s | $newest ($newest_rps) | $filtered ($filtered_rps) | $oldest ($oldest_rps) | $first ms | $counted ms |"
done
plot "$table" bench/results/audit.svg "Audit log: verification (s) and page latency p99 (ms) against events" \
  "events" "s (verify) / ms (pages)" log
echo "table: $table; plot: bench/results/audit.svg"
