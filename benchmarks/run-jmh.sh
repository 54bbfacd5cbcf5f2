#!/usr/bin/env bash
# JMH benchmarks of token decoding (dev.warden.benchmarks.TokenDecodeBenchmark), RS256 and ES256:
# raw Nimbus, Spring Security's NimbusJwtDecoder as Boot builds it, Warden on new tokens (cache on
# and off) and Warden on a repeated token. One JMH run; results in benchmarks/target/jmh.json;
# prints ops/s and the ratios of that run.
#
#   benchmarks/run-jmh.sh                              # defaults: about 6-7 minutes on 2 cores
#   FORKS=1 WARMUP_ITERATIONS=1 ITERATIONS=1 WARMUP_TIME=1s ITERATION_TIME=1s benchmarks/run-jmh.sh   # smoke
#
# Environment (defaults): FORKS (2), WARMUP_ITERATIONS (4), WARMUP_TIME (2s), ITERATIONS (5),
# ITERATION_TIME (2s), THREADS (1), ALGS (RS256,ES256), RING (20000), BENCHMARKS (regex, default
# the whole class), DPOP (1: then DPoPProofBenchmark runs too, with the same settings, into
# target/jmh-dpop.json; 0 skips it), JAVA (java: the JVM that runs JMH and its forks, e.g.
# JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java), SKIP_BUILD (0; 1 uses what is built),
# MVN_ARGS (extra Maven arguments, e.g. -o).
# Further arguments go to JMH as they are.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
FORKS="${FORKS:-2}"
WARMUP_ITERATIONS="${WARMUP_ITERATIONS:-4}"
WARMUP_TIME="${WARMUP_TIME:-2s}"
ITERATIONS="${ITERATIONS:-5}"
ITERATION_TIME="${ITERATION_TIME:-2s}"
THREADS="${THREADS:-1}"
ALGS="${ALGS:-RS256,ES256}"
RING="${RING:-20000}"
BENCHMARKS="${BENCHMARKS:-dev.warden.benchmarks.TokenDecodeBenchmark}"
SKIP_BUILD="${SKIP_BUILD:-0}"
MVN_ARGS="${MVN_ARGS:-}"
DPOP="${DPOP:-1}"
JAVA="${JAVA:-java}"

if [ "$SKIP_BUILD" != "1" ]; then
  echo "[run-jmh] building benchmarks with the current Warden sources (mvn -DskipTests package -pl benchmarks -am)" >&2
  (cd "$ROOT" && mvn -B -q $MVN_ARGS -DskipTests -pl benchmarks -am package)
fi
[ -f "$HERE/target/classpath.txt" ] && [ -f "$HERE/target/classes/META-INF/BenchmarkList" ] \
  || { echo "[run-jmh] benchmarks are not built (run without SKIP_BUILD=1)" >&2; exit 1; }

mkdir -p "$HERE/target"
rm -f "$HERE/target/jmh.json"
# Forked JVMs inherit -Dwarden.bench.fixtures: tokens are minted once per algorithm and ring size,
# then read from benchmarks/target/fixtures by every fork.
"$JAVA" -Dwarden.bench.fixtures="$HERE/target/fixtures" -cp "$HERE/target/classes:$(cat "$HERE/target/classpath.txt")" \
  org.openjdk.jmh.Main "$BENCHMARKS" \
  -f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME" -t "$THREADS" \
  -p alg="$ALGS" -p ring="$RING" \
  -rf json -rff "$HERE/target/jmh.json" "$@" | tee "$HERE/target/jmh.log"

REPORTS=("$HERE/target/jmh.json")
if [ "$DPOP" = "1" ]; then
  "$JAVA" -cp "$HERE/target/classes:$(cat "$HERE/target/classpath.txt")" \
    org.openjdk.jmh.Main dev.warden.benchmarks.DPoPProofBenchmark \
    -f "$FORKS" -wi "$WARMUP_ITERATIONS" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$ITERATION_TIME" -t "$THREADS" \
    -p ring="$RING" -rf json -rff "$HERE/target/jmh-dpop.json" | tee -a "$HERE/target/jmh.log"
  REPORTS+=("$HERE/target/jmh-dpop.json")
fi

python3 "$HERE/jmh_report.py" "${REPORTS[@]}"
