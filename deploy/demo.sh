#!/usr/bin/env bash
# The VaaS demo end to end (SPEC §7.4), on a running container engine with compose:
#   PostgreSQL and two vaas replicas; bootstrap through the REST API (namespace, config,
#   secret, bundle, single-use seed); vaas-agent as one-shot init (fetch) and as sidecar
#   (watch) against the second replica; /con/secret on tmpfs; the demo app started only after
#   ..ready. It asserts what the app reads, changes the config on the first replica and
#   measures until the app sees it, kills and restarts the sidecar (files untouched
#   meanwhile; the restarted sidecar resumes its session), revokes the session (no more
#   updates, files stay, the agent exits 3: its seed is used up), runs a second workload twice
#   with a key seed (a PEM private key, SPEC 7.2: one file, a new session each start), and
#   tears everything down.
#   Exit 0 only when every assertion held.
# Usage: deploy/demo.sh            (from anywhere; builds the jars if missing, then the images)
# Environment (public defaults; override where the public registry is not reachable):
#   VAAS_JRE_IMAGE (eclipse-temurin:25-jre)  base of the server image
#   VAAS_JDK_IMAGE (eclipse-temurin:25-jdk)  where the agent's jlink runtime is made
#   VAAS_DEMO_BASE_IMAGE (debian:bookworm-slim)  base of the demo app
#   VAAS_POSTGRES_IMAGE (postgres:17-alpine)
#   VAAS_IMAGE, VAAS_AGENT_IMAGE, VAAS_DEMO_APP_IMAGE (vaas, vaas-agent, vaas-demo-app): the
#   names the images are built as; VAAS_DEMO_SKIP_BUILD=1 uses them as they are.
#   VAAS_PORT, VAAS_B_PORT (18080, 18081): the replicas' ports on this host.
set -euo pipefail
cd "$(dirname "$0")/.."

export VAAS_IMAGE=${VAAS_IMAGE:-vaas}
export VAAS_AGENT_IMAGE=${VAAS_AGENT_IMAGE:-vaas-agent}
export VAAS_DEMO_APP_IMAGE=${VAAS_DEMO_APP_IMAGE:-vaas-demo-app}
export VAAS_POSTGRES_IMAGE=${VAAS_POSTGRES_IMAGE:-postgres:17-alpine}
export VAAS_PORT=${VAAS_PORT:-18080}
export VAAS_B_PORT=${VAAS_B_PORT:-18081}
jre_image=${VAAS_JRE_IMAGE:-eclipse-temurin:25-jre}
jdk_image=${VAAS_JDK_IMAGE:-eclipse-temurin:25-jdk}
demo_base=${VAAS_DEMO_BASE_IMAGE:-debian:bookworm-slim}

failures=0
pass() { echo "demo: ok   $*"; }
fail() { echo "demo: FAIL $*"; failures=$((failures + 1)); }
now_ms() { date +%s%3N; }

if docker compose version >/dev/null 2>&1; then
  compose_cmd=(docker compose)
elif command -v docker-compose >/dev/null; then
  compose_cmd=(docker-compose)
else
  echo "demo: needs docker with compose (docker compose or docker-compose)" >&2
  exit 2
fi
docker info >/dev/null 2>&1 || { echo "demo: no container engine answers" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"
export VAAS_DEMO_SEED_DIR="$work/seed" VAAS_DEMO_LOG_DIR="$work/log" VAAS_DEMO_KEY_SEED_DIR="$work/key-seed"
mkdir -p "$VAAS_DEMO_SEED_DIR" "$VAAS_DEMO_LOG_DIR" "$VAAS_DEMO_KEY_SEED_DIR"
chmod 755 "$VAAS_DEMO_SEED_DIR" "$VAAS_DEMO_KEY_SEED_DIR"
chmod 777 "$VAAS_DEMO_LOG_DIR"
export VAAS_BOOTSTRAP_ADMIN_TOKEN="demo-admin-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export VAAS_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
export COMPOSE_PROJECT_NAME=vaasdemo
compose() { "${compose_cmd[@]}" -f deploy/compose.yaml "$@"; }
up() { # services… — started, or the script ends with their logs
  if ! compose up -d "$@" >"$work/up.log" 2>&1; then
    cat "$work/up.log"
    compose logs --tail 50 "$@" || true
    echo "demo: FAIL could not start $*"
    exit 1
  fi
}
teardown() {
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap teardown EXIT

# --- images -----------------------------------------------------------------------------------
if [ "${VAAS_DEMO_SKIP_BUILD:-}" != 1 ]; then
  if ! ls target/vaas-*[0-9T].jar target/vaas-*-agent.jar >/dev/null 2>&1; then
    ./mvnw -B -ntp -q package -DskipTests
  fi
  docker build -q --build-arg BASE_IMAGE="$jre_image" -f deploy/Dockerfile -t "$VAAS_IMAGE" . >/dev/null
  docker build -q --build-arg JDK_IMAGE="$jdk_image" -f deploy/agent.Dockerfile -t "$VAAS_AGENT_IMAGE" . >/dev/null
  docker build -q --build-arg AGENT_IMAGE="$VAAS_AGENT_IMAGE" --build-arg BASE_IMAGE="$demo_base" \
    -f deploy/demo-app/Dockerfile -t "$VAAS_DEMO_APP_IMAGE" deploy/demo-app >/dev/null
fi
size_mb() { docker image inspect --format '{{.Size}}' "$1" | awk '{ printf "%.1f", $1 / 1000000 }'; }
started=$(now_ms)
docker run --rm "$VAAS_AGENT_IMAGE" version >/dev/null
version_ms=$(($(now_ms) - started))
echo "demo: images: $VAAS_IMAGE $(size_mb "$VAAS_IMAGE") MB, $VAAS_AGENT_IMAGE $(size_mb "$VAAS_AGENT_IMAGE") MB," \
  "$VAAS_DEMO_APP_IMAGE $(size_mb "$VAAS_DEMO_APP_IMAGE") MB"

# --- the server: PostgreSQL and two replicas ----------------------------------------------------
up postgres vaas vaas-b
A=http://127.0.0.1:$VAAS_PORT/api/v1
B=http://127.0.0.1:$VAAS_B_PORT/api/v1
ready() { curl -fsS "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; }
deadline=$(($(date +%s) + 180))
until ready "$VAAS_PORT" && ready "$VAAS_B_PORT"; do
  if [ "$(date +%s)" -gt "$deadline" ]; then
    compose logs --tail 50 vaas vaas-b
    echo "demo: FAIL the replicas did not become ready within 180 s"
    exit 1
  fi
  sleep 1
done
pass "two replicas ready on one PostgreSQL"

# --- bootstrap through the REST API -----------------------------------------------------------
AUTH="Authorization: Bearer $VAAS_BOOTSTRAP_ADMIN_TOKEN"
call() { # method url [json] -> body; fails on any 4xx/5xx
  local method=$1 url=$2
  if [ $# -ge 3 ]; then
    curl -fsS -X "$method" -H "$AUTH" -H 'Content-Type: application/json' -d "$3" "$url"
  else
    curl -fsS -X "$method" -H "$AUTH" "$url"
  fi
}
secret_value="demo-$(head -c 12 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
secret_sha=$(printf '%s' "$secret_value" | sha256sum | cut -c1-64)
call PUT "$A/namespaces/demo" >/dev/null
call PUT "$A/namespaces/demo/configs/app" '{"data":{"greeting":"hello from vaas"}}' >/dev/null
call PUT "$A/namespaces/demo/secrets/db_password" "{\"value\":\"$secret_value\"}" >/dev/null
call PUT "$A/namespaces/demo/bundles/app" '{"files":[
  {"area":"configuration","path":"app.properties","config":"app","format":"properties"},
  {"area":"secret","path":"db_password","secret":"db_password","mode":"0440"}]}' >/dev/null
seed=$(call POST "$A/namespaces/demo/bundles/app/seeds" \
  '{"uses":1,"ttl":"PT10M","maxSessionLifetime":"PT1H","areas":["configuration","secret"]}' |
  sed 's/.*"token":"\([^"]*\)".*/\1/')
case "$seed" in vaas_seed_*) pass "namespace, config, secret, bundle and a single-use seed made through the API" ;;
  *) fail "no seed token in the answer"; exit 1 ;; esac
printf '%s' "$seed" >"$VAAS_DEMO_SEED_DIR/token"
chmod 644 "$VAAS_DEMO_SEED_DIR/token"

# --- agent as init, then sidecar and app ------------------------------------------------------
up con-holder
started=$(now_ms)
if compose run --rm -T agent-init >"$work/init.log" 2>&1; then
  init_ms=$(($(now_ms) - started))
  pass "init container (fetch) exited 0 in $init_ms ms (container start included)"
else
  cat "$work/init.log"
  fail "init container (fetch) failed"
  exit 1
fi
up agent app
seen() { cat "$VAAS_DEMO_LOG_DIR/seen" 2>/dev/null || true; }
wait_seen() { # expected timeout_s -> 0 when the app reports it in time
  local deadline=$(($(now_ms) + $2 * 1000))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    [ "$(seen)" = "$1" ] && return 0
    sleep 0.05
  done
  return 1
}
expected="greeting=hello from vaas db_password.sha256=$secret_sha"
if wait_seen "$expected" 60; then
  pass "the app reads the config and the secret from /con (after ..ready)"
else
  fail "the app reads '$(seen)', expected '$expected'"
fi
app=$(compose ps -q app)
if docker exec "$app" sh -c 'grep -q " /con/secret tmpfs " /proc/mounts'; then
  pass "/con/secret is tmpfs in the app"
else
  fail "/con/secret is not tmpfs"
fi
app_logs=$(docker logs "$app" 2>&1)
if grep -q "Default configuration directory in use" <<<"$app_logs"; then
  fail "the app warned about a default configuration although vaas provides it"
else
  pass "no fallback warning for /con/configuration (provided by vaas)"
fi

# --- a change on replica A reaches the app through the sidecar on replica B --------------------
started=$(now_ms)
call PUT "$A/namespaces/demo/configs/app" '{"data":{"greeting":"hello again"}}' >/dev/null
if wait_seen "greeting=hello again db_password.sha256=$secret_sha" 30; then
  change_ms=$(($(now_ms) - started))
  pass "a config change on replica A reached the app (sidecar on replica B) in $change_ms ms"
else
  fail "the change did not reach the app within 30 s: '$(seen)'"
fi
# The sidecar fetched from replica B's agents' port, which its access token named.
port_requests=$(curl -fsS "http://127.0.0.1:$VAAS_B_PORT/actuator/prometheus?includedNames=vaas_agents_port_requests" |
  awk '/^vaas_agents_port_requests_total/ {s += $NF} END {print s + 0}')
if [ "$port_requests" -gt 0 ]; then
  pass "the sidecar's fetches went to replica B's agents' port ($port_requests requests there)"
else
  fail "replica B's agents' port took no request: the agents fetched from 8080"
  compose logs --tail 20 agent
fi

# --- kill and restart the sidecar ---------------------------------------------------------------
agent=$(compose ps -q agent)
before=$(docker exec "$app" sh -c 'cat /con/configuration/app.properties; sha256sum /con/secret/db_password')
docker kill "$agent" >/dev/null
sleep 2 # the files must stay as they are while no agent runs: a span of time is the point
after=$(docker exec "$app" sh -c 'cat /con/configuration/app.properties; sha256sum /con/secret/db_password')
if [ "$before" = "$after" ]; then pass "files untouched while the sidecar is down"; else fail "files changed while the sidecar was down"; fi
docker start "$agent" >/dev/null
call PUT "$A/namespaces/demo/configs/app" '{"data":{"greeting":"after a restart"}}' >/dev/null
if wait_seen "greeting=after a restart db_password.sha256=$secret_sha" 60; then
  pass "the restarted sidecar resumed its session (its seed is used up) and applied a change"
else
  fail "the restarted sidecar did not apply the change: '$(seen)'"
fi

# --- a key seed: the same PEM file for every start -------------------------------------------------
key_seed=$(call POST "$A/namespaces/demo/bundles/app/seeds" \
  '{"kind":"key","ttl":"P1D","maxSessionLifetime":"PT1H","areas":["configuration","secret"]}')
key_id=$(sed 's/.*"id":"\([^"]*\)".*/\1/' <<<"$key_seed")
# The PEM's line breaks arrive as \n inside the JSON string.
sed 's/.*"privateKey":"\([^"]*\)".*/\1/' <<<"$key_seed" | sed 's/\\n/\n/g' >"$VAAS_DEMO_KEY_SEED_DIR/key.pem"
chmod 644 "$VAAS_DEMO_KEY_SEED_DIR/key.pem"
key_runs=0
for run in 1 2; do
  if compose run --rm -T agent-key >"$work/key.log" 2>&1; then key_runs=$((key_runs + 1)); else cat "$work/key.log"; fi
done
key_sessions=$(call GET "$A/namespaces/demo/agents" | grep -o "\"seedId\":\"$key_id\"" | wc -l)
if [ "$key_runs" = 2 ] && [ "$key_sessions" = 2 ]; then
  pass "an agent with a key seed (PEM file only) fetched twice: two sessions from one key seed $key_id"
else
  fail "key seed: $key_runs of 2 fetches passed, $key_sessions session(s) listed"
fi

# --- revoke the session -------------------------------------------------------------------------
sessions=$(call GET "$A/namespaces/demo/agents" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 || true)
[ -n "$sessions" ] || fail "no agent session listed"
for id in $sessions; do call DELETE "$A/namespaces/demo/agents/$id" >/dev/null; done
call PUT "$A/namespaces/demo/configs/app" '{"data":{"greeting":"after revocation"}}' >/dev/null
deadline=$(($(date +%s) + 30))
while [ "$(docker inspect --format '{{.State.Running}}' "$agent")" = true ] && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.2; done
code=$(docker inspect --format '{{.State.ExitCode}}' "$agent")
if [ "$(docker inspect --format '{{.State.Running}}' "$agent")" = false ] && [ "$code" = 3 ]; then
  pass "after the revocation the sidecar stopped with exit 3 (authentication refused)"
else
  fail "after the revocation the sidecar is still running or exited $code"
fi
if [ "$(seen)" = "greeting=after a restart db_password.sha256=$secret_sha" ] &&
  docker exec "$app" grep -q "greeting=after a restart" /con/configuration/app.properties; then
  pass "after the revocation no update arrived and the files stayed"
else
  fail "after the revocation the app reads '$(seen)'"
fi

echo "demo: figures: change to app ${change_ms:-?} ms; init fetch ${init_ms:-?} ms;" \
  "agent container 'version' ${version_ms} ms;" \
  "images: server $(size_mb "$VAAS_IMAGE") MB, agent $(size_mb "$VAAS_AGENT_IMAGE") MB"
if [ "$failures" -gt 0 ]; then
  echo "demo: $failures assertion(s) failed"
  exit 1
fi
echo "demo: every assertion held"
