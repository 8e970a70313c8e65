#!/usr/bin/env bash
# Seed exchanges per second against the local PostgreSQL, identity-token exchanges (an RS256 JWT
# that a trust with the issuer's key accepts, keys warm), and access-token verification on the
# agent path, measured with wrk on this machine. Usage: bench/exchange.sh [seconds] [connections]
# Installs wrk from Debian if it is missing; builds the jar; uses a fresh database it drops after.
# First, single-use seeds, each redeemed by one request (made ahead by mint.lua). VAAS_BENCH_SEEDS:
# how many to make per round; VAAS_BENCH_ROUNDS: rounds of that row (default 1); VAAS_BENCH_SINGLE_ONLY=1 stops after that row; VAAS_BENCH_PROFILE=<dir> writes
# a flame graph of that row's last round (exchange.html) with async-profiler. VAAS_BENCH_ARGS: more arguments for the server (e.g. a property).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
duration=${1:-20}
connections=${2:-16}
port=18181
db="vaas_bench_$(date +%s)"
admin="bench-admin-token-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"

install_missing wrk
use_jdk25
[ -n "${VAAS_BENCH_NO_BUILD:-}" ] || ./mvnw -q -B -DskipTests package
jar=$(server_jar)

create_db "$db"
work=$(mktemp -d)
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  drop_db "$db"
  rm -rf "$work"
}
VAAS_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" VAAS_DB_USER=postgres VAAS_DB_PASSWORD= \
  VAAS_BOOTSTRAP_ADMIN_TOKEN="$admin" VAAS_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" VAAS_DATA_DIR="$work" \
  "$JAVA_HOME/bin/java" -Xmx1g -jar "$jar" --server.port=$port --logging.level.root=WARN ${VAAS_BENCH_ARGS:-} >"$work/server.log" 2>&1 &
pid=$!
trap cleanup EXIT
await_health "$port"

api="http://127.0.0.1:$port/api/v1"
auth="Authorization: Bearer $admin"
curl -fs -X PUT -H "$auth" "$api/namespaces/bench" >/dev/null
curl -fs -X PUT -H "$auth" -H 'Content-Type: application/json' -d '{"files":[]}' "$api/namespaces/bench/bundles/app" >/dev/null
seed=$(curl -fs -X POST -H "$auth" -H 'Content-Type: application/json' -d '{"uses":1000000}' \
  "$api/namespaces/bench/bundles/app/seeds" | sed 's/.*"token":"\([^"]*\)".*/\1/')
token=$(curl -fs -X POST -d "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=$seed&subject_token_type=urn%3Avaas%3Aparams%3Atoken-type%3Aseed" \
  "$api/auth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

# An identity token (RS256, made with openssl) and a trust with its issuer's public key.
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
openssl genrsa -out "$work/issuer.pem" 2048 2>/dev/null
modulus=$(openssl rsa -in "$work/issuer.pem" -noout -modulus | cut -d= -f2 | xxd -r -p | b64url)
issuer="https://issuer.bench.example"
curl -fs -X PUT -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"issuer\":\"$issuer\",\"jwks\":{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"bench\",\"n\":\"$modulus\",\"e\":\"AQAB\"}]},\"audiences\":[\"vaas\"],\"subject\":\"system:serviceaccount:bench:*\"}" \
  "$api/namespaces/bench/bundles/app/trusts/bench" >/dev/null
now=$(date +%s)
header=$(printf '{"alg":"RS256","kid":"bench","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"%s","sub":"system:serviceaccount:bench:web","aud":"vaas","iat":%d,"exp":%d}' \
  "$issuer" "$now" $((now + 3600)) | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$work/issuer.pem" -binary | b64url)
jwt="$header.$claims.$signature"
resource="urn%3Avaas%3Abundle%3Abench%2Fapp"
curl -fs -X POST -d "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=$jwt&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Ajwt&resource=$resource" \
  "$api/auth/token" | grep -q access_token || { echo "the identity token was refused" >&2; exit 1; }

echo "warm-up (10 s each)"
SEED=$seed wrk -t2 -c"$connections" -d10s -s bench/exchange.lua "$api/auth/token" >/dev/null
JWT=$jwt RESOURCE=$resource wrk -t2 -c"$connections" -d10s -s bench/identity.lua "$api/auth/token" >/dev/null
TOKEN=$token wrk -t2 -c"$connections" -d10s -s bench/verify.lua "$api/agent/session" >/dev/null

# Single-use seeds, as a fleet starting up redeems them: made ahead with mint.lua (VAAS_BENCH_SEEDS,
# default 5,000 per measured second), each exchanged once. VAAS_BENCH_ROUNDS (default 1) measures
# that many runs one after the other, each with seeds of its own: the first still finds the server
# compiling the path (about a quarter of its CPU in the JIT compiler, in its profile).
rounds=${VAAS_BENCH_ROUNDS:-1}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "VAAS_BENCH_ROUNDS must be a whole number of at least 1, not '$rounds'" >&2; exit 2; }
want=${VAAS_BENCH_SEEDS:-$((5000 * duration))}
: >"$work/seeds"
while [ "$(wc -l <"$work/seeds")" -lt "$((want * rounds))" ]; do
  ADMIN=$admin OUT="$work/seeds" wrk -t2 -c16 -d10s -s bench/mint.lua "$api/namespaces/bench/bundles/app/seeds" >/dev/null
done
ticks() { # CPU time (clock ticks) of the server, of every postgres process, and of the whole machine
  echo "$(awk '{print $14 + $15}' /proc/$pid/stat) \
    $(for p in $(pgrep -x postgres); do awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null; done | awk '{s += $1} END {print s + 0}') \
    $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)"
}
per_round=$(($(wc -l <"$work/seeds") / rounds))
for round in $(seq 1 "$rounds"); do
  sed -n "$(((round - 1) * per_round + 1)),$((round * per_round))p" "$work/seeds" >"$work/round-seeds"
  echo "== single-use seed exchange (POST /api/v1/auth/token, each request its own seed of $per_round), ${duration}s, $connections connections, round $round of $rounds"
  if [ -n "${VAAS_BENCH_PROFILE:-}" ] && [ "$round" = "$rounds" ]; then
    mkdir -p "$VAAS_BENCH_PROFILE"; profiler=$(async_profiler "$work"); profile_start "$pid" "$profiler"
  fi
  read -r server0 pg0 busy0 all0 <<<"$(ticks)"
  result=$(SEEDS="$work/round-seeds" THREADS=2 wrk -t2 -c"$connections" -d"${duration}s" -s bench/single-use.lua "$api/auth/token" | grep RESULT)
  read -r server1 pg1 busy1 all1 <<<"$(ticks)"
  echo "$result"
  requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$result")
  errors=$(sed 's/.*errors_non2xx=\([0-9]*\).*/\1/' <<<"$result")
  if [ "$requests" -gt "$((per_round * 9 / 10))" ] || [ "$errors" -gt 0 ]; then
    # Each wrk thread takes half of the seeds and starts its half again when done.
    echo "WARNING: $requests requests, $errors of them not 2xx, for $per_round seeds: replays may be among the answers; set VAAS_BENCH_SEEDS higher" >&2
  fi
  hz=$(getconf CLK_TCK)
  awk -v s=$((server1 - server0)) -v p=$((pg1 - pg0)) -v b=$((busy1 - busy0)) -v a=$((all1 - all0)) -v n="$requests" -v hz="$hz" 'BEGIN {
    printf "CPU per exchange: server %.0f µs, PostgreSQL %.0f µs, the rest (wrk, kernel, other) %.0f µs; the cores %.0f%% busy\n",
      s / hz / n * 1e6, p / hz / n * 1e6, (b - s - p) / hz / n * 1e6, 100 * b / a }'
  if [ -n "${VAAS_BENCH_PROFILE:-}" ] && [ "$round" = "$rounds" ]; then
    profile_stop "$pid" "$profiler" "$(realpath "$VAAS_BENCH_PROFILE")/exchange"
  fi
done
echo "== audit events: $(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c "select count(*) from audit_events where action = 'seed.exchange' and outcome = 'success'") successful seed.exchange events in the chain; $(curl -fs -X POST -H "$auth" "$api/audit/verify")"
echo "== seed exchanges per transaction (SeedExchangeBatches, warm-up included): $(curl -fs "http://127.0.0.1:$port/actuator/prometheus" | awk '
  /^vaas_seed_exchanges_batch_exchanges_count/ {c = $2} /^vaas_seed_exchanges_batch_exchanges_sum/ {s = $2}
  /^vaas_seed_exchanges_batch_exchanges_max/ {m = $2}
  END {if (c > 0) printf "%.1f on average over %d transactions, the largest of the last minutes %d", s / c, c, m; else print "none"}')"
[ "${VAAS_BENCH_SINGLE_ONLY:-}" = 1 ] && exit 0
echo "== seed exchange (POST /api/v1/auth/token), ${duration}s, $connections connections"
SEED=$seed wrk -t2 -c"$connections" -d"${duration}s" -s bench/exchange.lua "$api/auth/token" | grep RESULT
echo "== identity-token exchange (RS256 JWT, trust with static keys), ${duration}s, $connections connections"
JWT=$jwt RESOURCE=$resource wrk -t2 -c"$connections" -d"${duration}s" -s bench/identity.lua "$api/auth/token" | grep RESULT
echo "== token verification (GET /api/v1/agent/session), ${duration}s, $connections connections"
TOKEN=$token wrk -t2 -c"$connections" -d"${duration}s" -s bench/verify.lua "$api/agent/session" | grep RESULT
echo "== sessions created: $(psql -tA -h 127.0.0.1 -U postgres -d "$db" -c 'select count(*) from agent_sessions')"
