#!/usr/bin/env bash
# Push-to-enforcement latency of revocations across two instances of the sample API sharing state on
# a real Redis (redis-server on a random loopback port): each event is pushed to one instance and
# timed until the other refuses the subject's token. Prints p50/p99; result in
# sample-api/target/revocation-latency.txt.
#   benchmarks/run-revocation.sh              # 500 events
#   EVENTS=2000 MVN_ARGS=-o benchmarks/run-revocation.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EVENTS="${EVENTS:-500}"
MVN_ARGS="${MVN_ARGS:-}"
command -v redis-server >/dev/null || { echo "redis-server is not installed (scripts/test.sh installs it)" >&2; exit 1; }
cd "$ROOT"
mvn -B -q $MVN_ARGS test -pl sample-api -am -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='SampleApiSharedStateTest#everyEventPushedToOneInstanceIsEnforcedByTheOtherAndTheDelayIsRecorded' \
  -Dwarden.bench.revocations="$EVENTS"
cat sample-api/target/revocation-latency.txt
