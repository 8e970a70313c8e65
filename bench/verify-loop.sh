#!/usr/bin/env bash
# A suite that never flakes: `./mvnw -B -ntp verify` N times in a row (default 10) on a clean
# clone of the committed HEAD, while stress-ng keeps the cores busy. Each run starts from a
# clean tree (git clean -fdx) and records pass/fail, its duration and the failed tests (from
# target/surefire-reports); the last line is the summary, e.g. "verify under load: 10/10 passed".
# Exits 1 if any run failed. Logs and the failed runs' reports stay in target/verify-loop/.
# Usage: bench/verify-loop.sh [runs] — installs stress-ng from Debian if missing; needs what
# `./mvnw verify` needs (a JDK 25, and a database as in the README's "Tests").
# Environment: STRESS_CPUS (stress-ng workers, default 2), VERIFY_CMD (the command each run
# executes in the clone, default "./mvnw -B -ntp verify": replace it to try this script quickly).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
runs=${1:-10}
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/verify-loop.sh [runs]" >&2
  exit 2
fi
cpus=${STRESS_CPUS:-2}
verify=${VERIFY_CMD:-./mvnw -B -ntp verify}
install_missing stress-ng
use_jdk25
head=$(git rev-parse HEAD)
results="$PWD/target/verify-loop/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$results"
work=$(mktemp -d)
stress=""
verifying=""
cleanup() {
  # A run cut short takes its whole process group along (Maven and its test JVM).
  if [ -n "$verifying" ]; then kill -- "-$verifying" 2>/dev/null || true; wait "$verifying" 2>/dev/null || true; fi
  if [ -n "$stress" ]; then kill "$stress" 2>/dev/null || true; wait "$stress" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Only what is committed is tested: a clone, not the working tree (HEAD pushed into it, so a
# commit on no branch can be tested too).
git clone -q --no-checkout "$PWD" "$work/vaas"
git push -q "$work/vaas" "$head:refs/heads/verify-loop"
git -C "$work/vaas" checkout -q --detach "$head"

# The timeout only guards against a script killed before its clean-up could run.
stress-ng --cpu "$cpus" --timeout "$((runs * 2))h" >/dev/null 2>&1 &
stress=$!
echo "verify-loop: commit $head, $runs runs of '$verify', stress-ng --cpu $cpus on $(nproc) cores"
echo "verify-loop: logs in $results"

passed=0
summary=()
for run in $(seq 1 "$runs"); do
  git -C "$work/vaas" clean -q -fdx
  log="$results/run-$run.log"
  started=$(date +%s)
  # In a process group of its own, and waited for in the background so that a signal to this
  # script is handled at once rather than when the run ends.
  (cd "$work/vaas" && exec setsid --wait bash -c "$verify") >"$log" 2>&1 &
  verifying=$!
  if wait "$verifying"; then status=passed; else status=FAILED; fi
  verifying=""
  seconds=$(($(date +%s) - started))
  failed=""
  reports="$work/vaas/target/surefire-reports"
  if [ -d "$reports" ]; then
    failed=$(grep -h -E '<<< (FAILURE|ERROR)!' "$reports"/*.txt 2>/dev/null | grep -v '^Tests run:' |
      sed 's/ -- Time elapsed.*//' | sort -u | paste -sd ' ' - || true)
  fi
  if [ "$status" = passed ]; then
    passed=$((passed + 1))
  else
    [ -d "$reports" ] && cp -r "$reports" "$results/run-$run-surefire-reports"
    [ -n "$failed" ] || failed="no failed test reported (see run-$run.log)"
  fi
  line="run $run/$runs: $status in ${seconds} s${failed:+; failed: $failed}"
  summary+=("$line")
  echo "verify-loop: $line"
done

printf '%s\n' "${summary[@]}" >"$results/summary.txt"
echo "verify under load: $passed/$runs passed" | tee -a "$results/summary.txt"
[ "$passed" -eq "$runs" ]
