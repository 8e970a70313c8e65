#!/usr/bin/env bash
# The lower three rungs of the /con provider ladder, each with the same demo app: host volume,
# data volume container, side container (the fourth, VaaS, is deploy/demo.sh). For each it
# starts the compose file, checks what the app reads and which fallback warnings its start-up
# check (vaas-agent doctor) prints, prints them, and tears it down. Exit 0 only when every
# check held. Needs the agent image (deploy/demo.sh builds it, or VAAS_AGENT_IMAGE names one);
# builds the demo app (unless VAAS_DEMO_SKIP_BUILD=1) and the data image. Environment as deploy/demo.sh (VAAS_DEMO_BASE_IMAGE,
# VAAS_AGENT_IMAGE, VAAS_DEMO_APP_IMAGE, VAAS_DEMO_SKIP_BUILD) and VAAS_DEMO_DATA_IMAGE.
set -euo pipefail
cd "$(dirname "$0")"

export VAAS_AGENT_IMAGE=${VAAS_AGENT_IMAGE:-vaas-agent}
export VAAS_DEMO_APP_IMAGE=${VAAS_DEMO_APP_IMAGE:-vaas-demo-app}
export VAAS_DEMO_DATA_IMAGE=${VAAS_DEMO_DATA_IMAGE:-vaas-demo-data}
export VAAS_DEMO_BASE_IMAGE=${VAAS_DEMO_BASE_IMAGE:-debian:bookworm-slim}
if docker compose version >/dev/null 2>&1; then compose_cmd=(docker compose); else compose_cmd=(docker-compose); fi

if [ "${VAAS_DEMO_SKIP_BUILD:-}" != 1 ]; then
  docker build -q --build-arg AGENT_IMAGE="$VAAS_AGENT_IMAGE" --build-arg BASE_IMAGE="$VAAS_DEMO_BASE_IMAGE" \
    -t "$VAAS_DEMO_APP_IMAGE" demo-app >/dev/null
fi
docker build -q --build-arg BASE_IMAGE="$VAAS_DEMO_BASE_IMAGE" -t "$VAAS_DEMO_DATA_IMAGE" ladder/data-volume >/dev/null

failures=0
sha() { printf '%s' "$1" | sha256sum | cut -c1-64; }

# rung file, what the app must read, warnings that must appear, warnings that must not
rung() {
  local file=$1 expected=$2 must=$3 mustnot=$4 project deadline logs
  project="vaasladder$(basename "$file" .yaml | tr -dc 'a-z')"
  "${compose_cmd[@]}" -p "$project" -f "$file" up -d >/dev/null 2>&1
  deadline=$(($(date +%s) + 60))
  logs=""
  until grep -qF "demo-app reads: $expected" <<<"$logs"; do
    if [ "$(date +%s)" -gt "$deadline" ]; then break; fi
    sleep 0.5
    logs=$("${compose_cmd[@]}" -p "$project" -f "$file" logs --no-color app 2>&1 || true)
  done
  echo "== $file"
  grep -E "^[^|]*\| (configuration|secret|data):|WARNING|Default|demo-app reads" <<<"$logs" | sed 's/^[^|]*| /   /' || true
  local ok=1
  grep -qF "demo-app reads: $expected" <<<"$logs" || { echo "ladder: FAIL $file: the app does not read '$expected'"; ok=0; }
  local IFS='|'
  for text in $must; do
    grep -qF "$text" <<<"$logs" || { echo "ladder: FAIL $file: no warning '$text'"; ok=0; }
  done
  for text in $mustnot; do
    [ -z "$text" ] && continue
    if grep -qF "$text" <<<"$logs"; then echo "ladder: FAIL $file: unexpected '$text'"; ok=0; fi
  done
  "${compose_cmd[@]}" -p "$project" -f "$file" down -v >/dev/null 2>&1 || true
  if [ "$ok" = 1 ]; then echo "ladder: ok   $file"; else failures=$((failures + 1)); fi
}

rung ladder/host-volume.yaml \
  "greeting=hello from a host volume db_password.sha256=$(sha host-volume-secret)" \
  "is not on tmpfs! Secrets would be written to disk!|Non persistent data directory in use!" \
  "Default configuration directory in use"
rung ladder/data-volume-container.yaml \
  "greeting=hello from a data volume container db_password.sha256=none" \
  "Default secret directory in use.|Non persistent data directory in use!" \
  "Default configuration directory in use"
rung ladder/side-container.yaml \
  "greeting=hello from a side container db_password.sha256=$(sha side-container-secret)" \
  "Non persistent data directory in use!" \
  "Default configuration directory in use|Default secret directory in use|is not on tmpfs"

if [ "$failures" -gt 0 ]; then
  echo "ladder: $failures rung(s) failed"
  exit 1
fi
echo "ladder: every rung held"
